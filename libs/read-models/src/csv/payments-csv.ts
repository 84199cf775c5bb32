import { LONDON } from '@sg/working-days';
import { DateTime } from 'luxon';
import { type PaymentRow } from '../payment-row';
import { type CsvCell, excelCsv } from './excel-csv';
import { poundsOf } from './pounds';

/** What the spreadsheet calls each way of paying, as the payment form does. */
const METHOD_NAMES: Readonly<Record<PaymentRow['method'], string>> = {
  'bank-payment': 'Bank payment to the school',
  'credit-note': 'Credit note',
};

/** Names the finance ledger knows things by, found by the caller (the directory's). */
export interface PaymentNames {
  school(urn: string): string | undefined;
  service(serviceId: string): string | undefined;
}

/**
 * The reimbursements paid in a period as a spreadsheet for finance to check against the council's
 * ledger: one line a payment, in the order they were paid. The payment reference is typed by a
 * person, so excelCsv makes it inert if it reads as a formula.
 */
export function paymentsCsv(rows: readonly PaymentRow[], names: PaymentNames): string {
  const columns: readonly [string, (row: PaymentRow) => CsvCell][] = [
    ['paid on', (row) => row.paidOn],
    ['complaint', (row) => row.reference],
    ['school URN', (row) => row.schoolUrn],
    ['school', (row) => names.school(row.schoolUrn) ?? row.schoolUrn],
    ['service', (row) => (row.serviceId ? (names.service(row.serviceId) ?? row.serviceId) : null)],
    ['contract or booking', (row) => `${row.basis.kind} ${row.basis.id}`],
    ['amount (£)', (row) => poundsOf(row.amountPence)],
    ['how', (row) => METHOD_NAMES[row.method]],
    ['payment reference', (row) => row.paymentReference],
    // As a spreadsheet reads a date and time, on the council's clock.
    [
      'recorded at',
      (row) => DateTime.fromISO(row.recordedAt, { zone: LONDON }).toFormat('yyyy-MM-dd HH:mm'),
    ],
  ];
  return excelCsv([
    columns.map(([heading]) => heading),
    ...rows.map((row) => columns.map(([, cell]) => cell(row))),
  ]);
}

import { CHANNELS } from '@sg/complaints';
import { type ServiceReport, type ServiceReportRow } from '../service-report';
import { type CsvCell, excelCsv } from './excel-csv';
import { poundsOf } from './pounds';

/** A row of the report with the name its service is known by, for the committee to read. */
type NamedRow = ServiceReportRow & { readonly serviceName: string };

// Every count and amount in the report is zero or more, so no value column starts with "-" and
// none is mistaken for a formula; only the service's id and name are text from outside.
const COLUMNS: readonly [string, (row: NamedRow) => CsvCell][] = [
  // The id column's word for no service stays as spreadsheets already filter on it; the name says it plainly.
  ['service', (row) => row.serviceId ?? 'not yet assigned'],
  ['service name', (row) => row.serviceName],
  ['received', (row) => row.received],
  ...CHANNELS.map((channel): [string, (row: NamedRow) => CsvCell] => [
    `received by ${channel}`,
    (row) => row.receivedByChannel[channel] ?? 0,
  ]),
  ['referred', (row) => row.referred],
  ['resolved', (row) => row.resolved],
  ['resolved within target', (row) => row.resolvedWithinTarget],
  [
    'resolved within target (% of resolved and escalated)',
    (row) =>
      row.resolvedWithinTargetRate === null
        ? null
        : (row.resolvedWithinTargetRate * 100).toFixed(1),
  ],
  ['median working days to resolve', (row) => row.medianWorkingDaysToResolve],
  ['escalated', (row) => row.escalated],
  ['decided by the Board', (row) => row.boardDecided],
  ['decided by the Board within target', (row) => row.boardDecidedWithinTarget],
  [
    'decided by the Board within target (% of decisions with a target)',
    (row) =>
      row.boardDecidedWithinTargetRate === null
        ? null
        : (row.boardDecidedWithinTargetRate * 100).toFixed(1),
  ],
  ['median working days to decide', (row) => row.medianWorkingDaysToDecide],
  ['upheld', (row) => row.upheld],
  ['partly upheld', (row) => row.partlyUpheld],
  ['not upheld', (row) => row.notUpheld],
  ['reimbursed (£)', (row) => poundsOf(row.reimbursedPence)],
  ['open at period end', (row) => row.openAtPeriodEnd],
];

/**
 * The scrutiny report as a spreadsheet download: one line per service (its id, and its name from
 * `serviceName`, or its id again when it has none) and a last line for all services, written so
 * that Excel opens it as it is (see excelCsv).
 */
export function serviceReportCsv(
  report: ServiceReport,
  serviceName: (serviceId: string) => string | undefined = () => undefined,
): string {
  const rows: NamedRow[] = [
    ...report.services.map((row) => ({
      ...row,
      serviceName:
        row.serviceId === null
          ? 'not yet passed to a service'
          : (serviceName(row.serviceId) ?? row.serviceId),
    })),
    { ...report.allServices, serviceId: 'all services', serviceName: 'all services' },
  ];
  return excelCsv([
    COLUMNS.map(([heading]) => heading),
    ...rows.map((row) => COLUMNS.map(([, value]) => value(row))),
  ]);
}

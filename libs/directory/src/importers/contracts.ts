import { type FeeAgreementDetails } from '../directory-events';
import { byLine, ImportRefused, readCsv, type RowProblem } from './csv-rows';

/** Contracts or bookings read from a file, with the line in the file each one came from. */
export interface ImportedFeeAgreements {
  readonly agreements: readonly FeeAgreementDetails[];
  readonly lines: readonly number[];
}

export const CONTRACT_COLUMNS = [
  'contract_id',
  'urn',
  'service',
  'financial_year',
  'fee_paid_pence',
] as const;

/**
 * Reads contracts (school × service × financial year, fee paid in pence) from a simple CSV with
 * the header `contract_id,urn,service,financial_year,fee_paid_pence`. Schools and services must
 * already be known; one bad row refuses the whole file.
 */
export function readContracts(
  text: string,
  known: { readonly schools: ReadonlySet<string>; readonly services: ReadonlySet<string> },
): ImportedFeeAgreements {
  const { rows, problems: malformed } = readCsv(text, 'contracts file', CONTRACT_COLUMNS);
  const problems: RowProblem[] = [...malformed];
  const contracts: FeeAgreementDetails[] = [];
  const lines: number[] = [];
  const seen = new Set<string>();
  for (const { line, values } of rows) {
    const id = values.contract_id ?? '';
    const fee = values.fee_paid_pence ?? '';
    const year = values.financial_year ?? '';
    const rowProblems: string[] = [];
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(id))
      rowProblems.push(
        `contract_id ${JSON.stringify(id)} must be letters, digits, dot, dash or underscore`,
      );
    else if (seen.has(id)) rowProblems.push(`contract_id ${id} appears twice`);
    if (!known.schools.has(values.urn ?? ''))
      rowProblems.push(`urn ${JSON.stringify(values.urn)} is not a known school`);
    if (!known.services.has(values.service ?? ''))
      rowProblems.push(`service ${JSON.stringify(values.service)} is not a known service`);
    const match = /^(\d{4})-(\d{2})$/.exec(year);
    if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2]))
      rowProblems.push(`financial_year ${JSON.stringify(year)} must look like 2026-27`);
    if (!/^\d+$/.test(fee) || !Number.isSafeInteger(Number(fee)))
      rowProblems.push(`fee_paid_pence ${JSON.stringify(fee)} must be a whole number of pence`);
    seen.add(id);
    if (rowProblems.length > 0) {
      problems.push(...rowProblems.map((problem) => ({ line, problem })));
      continue;
    }
    lines.push(line);
    contracts.push({
      kind: 'contract',
      id,
      schoolUrn: values.urn,
      serviceId: values.service,
      description: `Service level agreement ${year}`,
      feesPaidPence: Number(fee),
    });
  }
  if (problems.length > 0) throw new ImportRefused('contracts file', byLine(problems));
  return { agreements: contracts, lines };
}

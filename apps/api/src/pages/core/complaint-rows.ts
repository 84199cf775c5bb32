import { type ComplaintSummary } from '@sg/read-models';
import { type DirectoryNames } from './directory-names';
import { optionalQueryText } from './page-form';

/** A listed complaint as a table row shows it: with its school's name rather than its URN. */
export interface ComplaintRow extends ComplaintSummary {
  readonly schoolName: string;
}

/** A queue's row, which also names who is working on the complaint. */
export interface QueueRow extends ComplaintRow {
  readonly caseOfficerName: string | null;
}

/**
 * Each id's name, each looked up once however many rows carry it; one the directory does not know
 * shows as its id. The read models keep ids only, so a renamed school or person shows under the
 * name they have now.
 */
export async function namesOf(
  ids: Iterable<string>,
  find: (id: string) => Promise<string | null | undefined>,
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map(find));
  return new Map(unique.map((id, i) => [id, found[i] ?? id]));
}

/** The complaints with their schools' names. */
export async function withSchoolNames(
  complaints: readonly ComplaintSummary[],
  names: DirectoryNames,
): Promise<ComplaintRow[]> {
  const schools = await namesOf(
    complaints.map((complaint) => complaint.schoolUrn),
    (urn) => names.school(urn),
  );
  return complaints.map((complaint) => ({
    ...complaint,
    schoolName: schools.get(complaint.schoolUrn)!,
  }));
}

/** The rows with the name of the service each complaint names, if any. */
export async function withServiceNames<Row extends { readonly serviceId: string | null }>(
  rows: readonly Row[],
  names: DirectoryNames,
): Promise<(Row & { readonly serviceName: string | null })[]> {
  const services = await namesOf(
    rows.flatMap((row) => (row.serviceId ? [row.serviceId] : [])),
    (id) => names.service(id),
  );
  return rows.map((row) => ({
    ...row,
    serviceName: row.serviceId ? services.get(row.serviceId)! : null,
  }));
}

/** The complaints with their schools' and case officers' names, as a service's queue lists them. */
export async function withSchoolAndOfficerNames(
  complaints: readonly ComplaintSummary[],
  names: DirectoryNames,
): Promise<QueueRow[]> {
  const [rows, officers] = await Promise.all([
    withSchoolNames(complaints, names),
    namesOf(
      complaints.flatMap((complaint) => (complaint.caseOfficerId ? [complaint.caseOfficerId] : [])),
      (id) => names.caseOfficer(id),
    ),
  ]);
  return rows.map((row) => ({
    ...row,
    caseOfficerName: row.caseOfficerId ? officers.get(row.caseOfficerId)! : null,
  }));
}

/** The cursor a list page was asked for: none when absent, refused when repeated. */
export const cursorOf = (query: Record<string, unknown>): string | undefined =>
  optionalQueryText(query, 'cursor');

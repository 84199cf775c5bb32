import { type Directory } from '@sg/directory';
import { type ComplaintSummary } from '@sg/read-models';

/** A queue's complaint with the names its reader knows things by: the school, the case officer. */
export interface QueueRow extends ComplaintSummary {
  readonly schoolName: string;
  readonly caseOfficerName: string | null;
}

/**
 * Names each complaint's school and case officer from the directory, each looked up once per page.
 * The read model keeps ids only, so a renamed school or person shows under their name now.
 */
export async function queueRows(
  complaints: readonly ComplaintSummary[],
  directory: Directory,
): Promise<QueueRow[]> {
  const lookUp = async <T>(ids: Iterable<string>, find: (id: string) => Promise<T>) => {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map(find));
    return new Map(unique.map((id, i) => [id, found[i]]));
  };
  const [schools, officers] = await Promise.all([
    lookUp(
      complaints.map((complaint) => complaint.schoolUrn),
      (urn) => directory.school(urn),
    ),
    lookUp(
      complaints.flatMap((complaint) => (complaint.caseOfficerId ? [complaint.caseOfficerId] : [])),
      (id) => directory.person(id),
    ),
  ]);
  return complaints.map((complaint) => ({
    ...complaint,
    schoolName: schools.get(complaint.schoolUrn)?.name ?? complaint.schoolUrn,
    caseOfficerName: complaint.caseOfficerId
      ? (officers.get(complaint.caseOfficerId)?.name ?? complaint.caseOfficerId)
      : null,
  }));
}

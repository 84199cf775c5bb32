import { type Directory } from '@sg/directory';
import { type ComplaintSummary, type Page } from '@sg/read-models';

/** A listed complaint as a table row shows it: with its school's name rather than its URN. */
export interface ComplaintRow extends ComplaintSummary {
  readonly schoolName: string;
}

/**
 * The read model's page of complaints with their schools' names. The list keeps URNs only; a page
 * names each school once, however many of its complaints the page holds.
 */
export async function withSchoolNames(
  page: Page<ComplaintSummary>,
  directory: Directory,
): Promise<ComplaintRow[]> {
  const urns = [...new Set(page.items.map((item) => item.schoolUrn))];
  const schools = await Promise.all(urns.map((urn) => directory.school(urn)));
  const names = new Map(urns.map((urn, i) => [urn, schools[i]?.name ?? urn]));
  return page.items.map((item) => ({ ...item, schoolName: names.get(item.schoolUrn)! }));
}

/** The cursor a list page was asked for: a repeated or absent parameter is none. */
export const cursorOf = (query: Record<string, unknown>): string | undefined =>
  typeof query.cursor === 'string' && query.cursor !== '' ? query.cursor : undefined;

import { type EventStore } from '@sg/event-store';

export interface SchoolListing {
  readonly urn: string;
  readonly name: string;
}

const SCHOOL_DETAILS = new Set(['SchoolRegistered', 'SchoolDetailsChanged']);

/**
 * Every school in the directory, by URN and latest name. The directory keeps no index of its
 * schools, so this reads the whole store, as the command line's contract import does: for an
 * administrator's occasional search or import, never for an ordinary request.
 */
export async function schoolsInDirectory(store: EventStore): Promise<SchoolListing[]> {
  const schools = new Map<string, string>();
  for await (const event of store.readAll()) {
    if (!event.stream.startsWith('school-') || !SCHOOL_DETAILS.has(event.type)) continue;
    const { urn, name } = event.data as { urn: string; name: string };
    schools.set(urn, name);
  }
  return [...schools]
    .map(([urn, name]) => ({ urn, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

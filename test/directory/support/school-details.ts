import { Directory, DirectoryWriter, PeopleRecords, type SchoolDetails } from '@sg/directory';
import { SqliteEventStore } from '@sg/event-store';

/** An administrator, as directory tests write as. */
export const ADMIN_CONTEXT = { actor: { id: 'admin-1', role: 'admin' } };

/** A primary academy in Lancashire with these addresses, as an import gives it. */
export const school = (urn: string, emails: string[], domains: string[]): SchoolDetails => ({
  urn,
  name: `School ${urn}`,
  phase: 'primary',
  type: 'Academy converter',
  localAuthority: 'Lancashire',
  inCounty: true,
  pupils: 200,
  emails,
  domains,
});

/** A directory over a store in memory, with `schools` imported. */
export async function directoryWithSchools(schools: readonly SchoolDetails[]) {
  const store = new SqliteEventStore({ file: ':memory:' });
  const directory = new Directory(store);
  await new DirectoryWriter(directory, ADMIN_CONTEXT).schools(schools);
  return { store, directory, people: new PeopleRecords(directory) };
}

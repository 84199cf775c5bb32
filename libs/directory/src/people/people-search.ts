import { type Role } from '@sg/complaints';
import { type Person } from './person';

/** What an administrator looks for among people: part of a name or an address, a role held. */
export interface PeopleSearch {
  /** Any case; blank for everyone. */
  readonly search: string;
  /** Blank for any. */
  readonly role: Role | '';
}

/** The people matching, by name (case aside), then by address. */
export function findPeople(everyone: readonly Person[], query: PeopleSearch): Person[] {
  const wanted = query.search.trim().toLowerCase();
  return everyone
    .filter(
      (person) =>
        (wanted === '' ||
          person.name.toLowerCase().includes(wanted) ||
          person.email.toLowerCase().includes(wanted)) &&
        (query.role === '' || person.roles.some((grant) => grant.role === query.role)),
    )
    .sort(
      (a, b) =>
        a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }) ||
        a.email.localeCompare(b.email, 'en-GB'),
    );
}

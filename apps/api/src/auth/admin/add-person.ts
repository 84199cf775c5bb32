import { type Actor, conflict } from '@sg/complaints';
import {
  type Directory,
  type PeopleRecords,
  type Person,
  requireGrantableRoles,
} from '@sg/directory';
import { randomUUID } from 'node:crypto';
import { type InvitePersonDto } from '../dto/admin.dto';
import { type PasswordLinkMail } from '../password-link-mail';

export interface AddedPerson {
  readonly person: Person;
  /** Only for a person who signs in with a password: whom the link to choose it was mailed to. */
  readonly passwordLink?: { readonly sentTo: string; readonly expiresAt: string };
}

/**
 * How a person joins, from the API's people routes and the admin pages alike: added under a new id
 * and, when they sign in with a password, mailed a link to choose it. An address already in the
 * directory is refused as a conflict.
 */
export async function addPerson(
  directory: Directory,
  people: PeopleRecords,
  passwordLinks: PasswordLinkMail,
  invite: InvitePersonDto,
  admin: Actor,
): Promise<AddedPerson> {
  const personId = `person-${randomUUID()}`;
  const { name, email, roles, signIn } = invite;
  await requireGrantableRoles(directory, personId, roles);
  const added = await people.add(
    { personId, name, email, roles, signIn },
    { actor: { id: admin.id, role: 'admin' } },
  );
  if (!added) throw conflict('PERSON_EXISTS', 'That person is already in the directory');
  const person = (await directory.person(personId))!;
  if (person.signIn !== 'password') return { person };
  return { person, passwordLink: await passwordLinks.send(person) };
}

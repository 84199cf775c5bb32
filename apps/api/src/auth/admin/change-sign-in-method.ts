import { type Sessions } from '@sg/auth';
import { type Actor } from '@sg/complaints';
import { type Directory, type PeopleRecords, type Person, type SignInMethod } from '@sg/directory';
import { type PasswordLinkMail } from '../password-link-mail';

export interface ChangedSignIn {
  readonly person: Person;
  /** Whether it changed: unchanged, nobody is signed out or mailed. */
  readonly changed: boolean;
  /** Moved to a password they have not chosen: when the link mailed to them to choose it expires. */
  readonly passwordLinkExpiresAt?: string;
}

/**
 * How a person's sign-in changes, from the API's people routes and the admin pages alike: recorded,
 * their sessions ended (each was begun another way), and someone moved to a password mailed a link
 * to choose one, to their own address only.
 */
export async function changeSignInMethod(
  services: {
    readonly directory: Directory;
    readonly people: PeopleRecords;
    readonly sessions: Sessions;
    readonly passwordLinks: PasswordLinkMail;
  },
  personId: string,
  signIn: SignInMethod,
  admin: Actor,
): Promise<ChangedSignIn> {
  const { directory, people, sessions, passwordLinks } = services;
  const changed = await people.changeSignIn(personId, signIn, {
    actor: { id: admin.id, role: 'admin' },
  });
  const person = (await directory.person(personId))!;
  if (!changed) return { person, changed: false };
  await sessions.endAllFor(personId);
  if (signIn !== 'password' || person.passwordSet) return { person, changed: true };
  const { expiresAt } = await passwordLinks.send(person);
  return { person, changed: true, passwordLinkExpiresAt: expiresAt };
}

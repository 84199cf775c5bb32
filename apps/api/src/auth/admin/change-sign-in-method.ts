import { Injectable } from '@nestjs/common';
import { Sessions } from '@sg/auth';
import { type Actor } from '@sg/complaints';
import { Directory, PeopleRecords, type Person, type SignInMethod } from '@sg/directory';
import { PasswordLinkMail } from '../password-link-mail';

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
@Injectable()
export class SignInMethodChange {
  constructor(
    private readonly directory: Directory,
    private readonly people: PeopleRecords,
    private readonly sessions: Sessions,
    private readonly passwordLinks: PasswordLinkMail,
  ) {}

  async change(personId: string, signIn: SignInMethod, admin: Actor): Promise<ChangedSignIn> {
    const changed = await this.people.changeSignIn(personId, signIn, {
      actor: { id: admin.id, role: 'admin' },
    });
    const person = (await this.directory.person(personId))!;
    if (!changed) return { person, changed: false };
    await this.sessions.endAllFor(personId);
    if (signIn !== 'password' || person.passwordSet) return { person, changed: true };
    const { expiresAt } = await this.passwordLinks.send(person);
    return { person, changed: true, passwordLinkExpiresAt: expiresAt };
  }
}

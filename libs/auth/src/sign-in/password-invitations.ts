import { type Person } from '@sg/directory';
import { type CredentialStore } from '../accounts/credential-store';
import { digestOf, isWellFormedSecretToken, newSecretToken } from '../credentials';
import { type PasswordSignIn } from './password-sign-in';
import { SignInRefused } from './sign-in-refused';

export const PASSWORD_LINK_DAYS = 3;

/**
 * A link to choose a password: sent when an administrator adds someone who signs in with one, or
 * asked for again by an administrator (a forgotten password). It works once.
 */
export class PasswordInvitations {
  constructor(
    private readonly credentials: CredentialStore,
    private readonly passwords: PasswordSignIn,
    private readonly linkBase: string,
    private readonly now: () => Date,
  ) {}

  issue(person: Person): Promise<{ link: string; expiresAt: string }> {
    return issuePasswordLink(this.credentials, person, this.linkBase, this.now());
  }

  /** Sets the password the link was for; the password is checked before the link is used up. */
  async redeem(token: unknown, password: string): Promise<void> {
    const pending = await this.pending(token);
    if (!pending) throw linkNotValid();
    const { digest } = pending;
    const person = await this.passwords.checkPassword(pending.personId, password);
    // A link mailed before an administrator moved the person to another way chooses nothing now.
    if (person.signIn !== null && person.signIn !== 'password') throw linkNotValid();
    const taken = await this.credentials.takeOneTimeToken(digest, 'set-password', this.now());
    if (!taken?.personId) throw linkNotValid();
    // A link issued after this one was taken is left open: spending it here would let an old
    // link, gone astray and used first, void the owner's newest (issuing spends the older ones).
    await this.passwords.setPassword(taken.personId, password, null);
  }

  /** Whether the link can still choose a password: its page offers the form only then. */
  async stillOpen(token: unknown): Promise<boolean> {
    return (await this.pending(token)) !== null;
  }

  /** The link's digest and whose it is, while it can still choose a password. */
  private async pending(token: unknown): Promise<{ digest: string; personId: string } | null> {
    if (!isWellFormedSecretToken(token)) return null;
    const digest = digestOf(token);
    const found = await this.credentials.peekOneTimeToken(digest, 'set-password', this.now());
    return found?.personId ? { digest, personId: found.personId } : null;
  }
}

/** A one-time link for `person` to choose a password, good for PASSWORD_LINK_DAYS. */
export async function issuePasswordLink(
  credentials: CredentialStore,
  person: Person,
  linkBase: string,
  now: Date,
): Promise<{ link: string; expiresAt: string }> {
  const token = newSecretToken();
  // One link at a time: the newest is the one the person was told of, an older one went astray.
  await credentials.spendTokensOf(person.personId, 'set-password', now);
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_DAYS * 86_400_000).toISOString();
  await credentials.saveOneTimeToken(digestOf(token), {
    purpose: 'set-password',
    personId: person.personId,
    email: person.email,
    expiresAt,
  });
  return { link: `${linkBase}/auth/password/${token}`, expiresAt };
}

const linkNotValid = () =>
  new SignInRefused(
    410,
    'LINK_NOT_VALID',
    'This link has been used or has expired. Ask for a new one.',
  );

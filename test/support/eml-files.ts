import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The complete messages in an .eml outbox folder, oldest first by name. The transport writes each
 * one aside and renames it in, so anything else there is a message still being written.
 */
export const emlFilesIn = (folder: string): string[] =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.eml'))
    .sort();

/** Which link: a school's to sign in, or one to choose a password. */
export type LinkKind = 'email-link' | 'password';

/** The sign-in links mailed to `email` in an .eml outbox, oldest first, each as its path. */
export const signInLinksIn = (
  folder: string,
  email: string,
  kind: LinkKind = 'email-link',
): string[] =>
  emlFilesIn(folder)
    .map((name) => readFileSync(join(folder, name), 'utf8').replace(/=\r?\n/g, ''))
    // Mail about complaints goes to the same address: only a message with a link will do.
    .filter((mail) => mail.includes(email))
    .flatMap((mail) => new RegExp(`(/auth/${kind}/[A-Za-z0-9_-]{43})`).exec(mail)?.[1] ?? []);

/**
 * The newest sign-in link mailed to `email`, once it has come: a link is sent after the request
 * is answered, so that how long the mail takes says nothing about the address.
 */
export async function newestSignInLink(
  folder: string,
  email: string,
  /**
   * The links the address had before this one was asked for: one of theirs will not do. (Files
   * are named by the clock, which a test may hold still: the last by name need not be the newest.)
   */
  before: readonly string[] = [],
  kind: LinkKind = 'email-link',
): Promise<string> {
  for (let waited = 0; waited < 5_000; waited += 50) {
    const links = signInLinksIn(folder, email, kind).filter((link) => !before.includes(link));
    if (links.length > 0) return links[links.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no sign-in link for ${email} in ${folder}`);
}

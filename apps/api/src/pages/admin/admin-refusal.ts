import { SignInRefused } from '@sg/auth';
import { DomainError } from '@sg/complaints';
import { type PageError } from '../core/page-renderer';

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A refusal from the directory or the sign-in machinery that the administrator can act on (an
 * address already in use, a token's expiry in the past), as a page error at `href`; anything else
 * is not theirs to fix and is thrown on.
 */
export function adminRefusal(error: unknown, href = '#main-content'): PageError {
  if (error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'rule'))
    return { text: sentence(error.message), href };
  if (error instanceof SignInRefused && (error.status === 409 || error.status === 422))
    return { text: sentence(error.message), href };
  throw error;
}

import { SignInRefused } from '@sg/auth';
import { DomainError } from '@sg/complaints';
import { type PageError } from '../core/page-renderer';

/**
 * The directory's refusals name the API's field first ("value must be …"): on a page the field is
 * the one the error points at, so it says what must be, as a sentence.
 */
const sentence = (text: string) => {
  const said = text.replace(/^value must be /, 'This must be ');
  return said.charAt(0).toUpperCase() + said.slice(1);
};

/** Refusals about one of the role fields, whichever form they come from: beside that field. */
const FIELD_OF_REFUSAL: Record<string, string> = {
  UNKNOWN_SCHOOL: '#schoolUrn',
  CHAIR_TAKEN: '#chair',
};

/**
 * A refusal from the directory or the sign-in machinery that the administrator can act on (an
 * address already in use, a token's expiry in the past), as a page error at `href`; anything else
 * is not theirs to fix and is thrown on.
 */
export function adminRefusal(error: unknown, href = '#main-content'): PageError {
  if (error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'rule'))
    return { text: sentence(error.message), href: FIELD_OF_REFUSAL[error.code] ?? href };
  if (error instanceof SignInRefused && (error.status === 409 || error.status === 422))
    return { text: sentence(error.message), href };
  throw error;
}

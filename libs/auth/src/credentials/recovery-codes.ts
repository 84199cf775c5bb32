import { randomBytes } from 'node:crypto';

import { digestOf, sameDigest } from './secret-token';

export const RECOVERY_CODE_COUNT = 10;
/**
 * Ten characters of five bits: fifty bits each. A code is a second factor only, used after the
 * password, once, and behind the sign-in rate limits, so this is ample and still easy to type.
 */
const RECOVERY_CODE_CHARACTERS = 10;
const RECOVERY_CODE_GROUP = 5;
/**
 * Crockford's base32 alphabet: no i, l, o or u, so nothing written down can be misread as
 * something else; what a person types for those is read as the digit it resembles.
 */
const RECOVERY_CODE_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const RECOVERY_CODE_PATTERN = /^[0-9a-hjkmnp-tv-z]{10}$/;
/** Generous room for spaces and dashes around the code; longer input is not a recovery code. */
const TYPED_CODE_MAX_LENGTH = 64;

export interface NewRecoveryCodes {
  /** To show the person once, in the form they will type them (`abcde-fghjk`). */
  codes: string[];
  /**
   * To store instead, in the same order: SHA-256 rather than a password hash, because the codes
   * are random, not chosen, and a slow hash only protects what a person might have picked.
   */
  digests: string[];
}

export function newRecoveryCodes(): NewRecoveryCodes {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return { codes, digests: codes.map((code) => digestOf(code.replace(/-/g, ''))) };
}

function newRecoveryCode(): string {
  // 32 symbols: the low five bits of a random byte pick one without bias.
  const characters = [...randomBytes(RECOVERY_CODE_CHARACTERS)].map(
    (byte) => RECOVERY_CODE_ALPHABET[byte & 31],
  );
  const groups: string[] = [];
  for (let start = 0; start < characters.length; start += RECOVERY_CODE_GROUP) {
    groups.push(characters.slice(start, start + RECOVERY_CODE_GROUP).join(''));
  }
  return groups.join('-');
}

/**
 * The code's ten characters, whatever case, spacing or dashes (including the typographic ones a
 * word processor substitutes) it was typed with; or null for anything that cannot be a code.
 */
function canonicalRecoveryCode(typed: string): string | null {
  if (typed.length > TYPED_CODE_MAX_LENGTH) return null;
  const compact = typed
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-\u2010-\u2015\u2212]+/gu, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  return RECOVERY_CODE_PATTERN.test(compact) ? compact : null;
}

/**
 * The index of the stored digest the typed code matches, or null. A used code's place may hold
 * null, so the remaining codes keep their indices. Every digest is compared, in constant time.
 */
export function matchRecoveryCode(
  typed: string,
  storedDigests: ReadonlyArray<string | null>,
): number | null {
  const code = canonicalRecoveryCode(typed);
  if (code === null) return null;
  const digest = digestOf(code);
  let matched: number | null = null;
  for (const [index, stored] of storedDigests.entries()) {
    if (stored !== null && sameDigest(stored, digest)) matched = index;
  }
  return matched;
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits: unguessable even to someone who can try as often as the rate limits allow, forever. */
const SECRET_TOKEN_BYTES = 32;
/** Unpadded base64url of {@link SECRET_TOKEN_BYTES} bytes: 43 characters. */
const SECRET_TOKEN_CHARACTERS = 43;
const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A bearer secret fit for a URL, a cookie or a header: one-time sign-in links, session ids. */
export function newSecretToken(): string {
  return randomBytes(SECRET_TOKEN_BYTES).toString('base64url');
}

/**
 * Whether untrusted text (a cookie, a link's token) has the shape {@link newSecretToken} makes,
 * so that anything else is refused before it is hashed or looked up.
 */
export function isWellFormedSecretToken(text: unknown): text is string {
  return typeof text === 'string' && SECRET_TOKEN_PATTERN.test(text);
}

/**
 * What is stored in place of a token: someone who reads the store cannot present a digest. A fast
 * hash is enough because the tokens are random; a slow one protects only guessable secrets.
 */
export function digestOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares digests without the time taken telling how many leading characters matched. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * API tokens say what they are, so a secret scanner or a person finding one in a log knows it is
 * ours, and carry a public id to find the stored digest by: `sgt_<id>_<secret>`.
 */
const API_TOKEN_PREFIX = 'sgt_';
const API_TOKEN_ID_BYTES = 8;
const API_TOKEN_PATTERN = /^sgt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const API_TOKEN_LENGTH =
  API_TOKEN_PREFIX.length + API_TOKEN_ID_BYTES * 2 + 1 + SECRET_TOKEN_CHARACTERS;

export interface NewApiToken {
  /** Public: stored as it is, shown in the list of a person's tokens, used to look the token up. */
  id: string;
  /** Shown once to whoever created it; only {@link digestOf} its secret is kept. */
  token: string;
}

export function newApiToken(): NewApiToken {
  const id = randomBytes(API_TOKEN_ID_BYTES).toString('hex');
  return { id, token: `${API_TOKEN_PREFIX}${id}_${newSecretToken()}` };
}

/** The parts of a presented API token, or null for anything {@link newApiToken} did not make. */
export function parseApiToken(text: unknown): { id: string; secret: string } | null {
  if (typeof text !== 'string' || text.length !== API_TOKEN_LENGTH) return null;
  const parts = API_TOKEN_PATTERN.exec(text);
  return parts === null ? null : { id: parts[1], secret: parts[2] };
}

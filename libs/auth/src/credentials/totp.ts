import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The parameters every authenticator app assumes when an otpauth URI names none (and many ignore
 * any other): HMAC-SHA1, six digits, a new code every thirty seconds.
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** RFC 4226 asks for at least 128 bits and recommends 160, the length of an SHA-1 block's output. */
export const TOTP_SECRET_BYTES = 20;
/** One step either side: a phone's clock a little off, or a code typed just as it changed. */
const ACCEPTED_DRIFT_STEPS = 1;
/** Longer than any code with spaces typed into it; anything longer is refused before normalising. */
const TYPED_CODE_MAX_LENGTH = 32;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, the form authenticator apps take a secret in. */
export function base32Encode(bytes: Uint8Array): string {
  let text = '';
  let buffered = 0;
  let bufferedBits = 0;
  for (const byte of bytes) {
    buffered = (buffered << 8) | byte;
    bufferedBits += 8;
    while (bufferedBits >= 5) {
      bufferedBits -= 5;
      text += BASE32_ALPHABET[(buffered >>> bufferedBits) & 31];
    }
    buffered &= (1 << bufferedBits) - 1;
  }
  if (bufferedBits > 0) text += BASE32_ALPHABET[(buffered << (5 - bufferedBits)) & 31];
  return text;
}

export class InvalidBase32Error extends Error {
  constructor() {
    super('Not RFC 4648 base32 (A-Z, 2-7, no padding)');
    this.name = 'InvalidBase32Error';
  }
}

/**
 * Reads unpadded RFC 4648 base32, in either case. A length no encoder produces (leaving one, three
 * or six characters over a whole group of eight) is refused rather than silently truncated.
 */
export function base32Decode(text: string): Buffer {
  if ([1, 3, 6].includes(text.length % 8)) throw new InvalidBase32Error();
  const bytes: number[] = [];
  let buffered = 0;
  let bufferedBits = 0;
  for (const character of text.toUpperCase()) {
    const value = BASE32_ALPHABET.indexOf(character);
    if (value < 0) throw new InvalidBase32Error();
    buffered = (buffered << 5) | value;
    bufferedBits += 5;
    if (bufferedBits >= 8) {
      bufferedBits -= 8;
      bytes.push((buffered >>> bufferedBits) & 255);
    }
    buffered &= (1 << bufferedBits) - 1;
  }
  return Buffer.from(bytes);
}

/** A fresh shared secret, base32 as the person's authenticator app and our store both keep it. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(TOTP_SECRET_BYTES));
}

/** RFC 4226: HMAC-SHA1 of the counter, dynamically truncated to `digits` decimal digits. */
export function hotpCode(key: Uint8Array, counter: number, digits: number = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const truncated = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(truncated % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step `at` falls in: whole periods since the Unix epoch. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpCode(secret: string, at: Date, digits: number = TOTP_DIGITS): string {
  return hotpCode(base32Decode(secret), totpStep(at), digits);
}

export type TotpVerification = { ok: true; step: number } | { ok: false };

/**
 * Checks a typed code against the steps around `at`. A step at or before `lastUsedStep` is never
 * accepted, so a code seen over someone's shoulder cannot be used again; the caller stores the
 * returned step as the new `lastUsedStep` when the sign-in succeeds.
 */
export function verifyTotp(
  secret: string,
  typedCode: string,
  at: Date,
  lastUsedStep: number | null,
): TotpVerification {
  if (typedCode.length > TYPED_CODE_MAX_LENGTH) return { ok: false };
  // Full-width digits from some input methods become ASCII digits under NFKC.
  const code = typedCode.normalize('NFKC').replace(/\s+/gu, '');
  if (!/^[0-9]+$/.test(code) || code.length !== TOTP_DIGITS) return { ok: false };
  const key = base32Decode(secret);
  const typed = Buffer.from(code);
  const current = totpStep(at);
  let matched: number | null = null;
  for (let step = current - ACCEPTED_DRIFT_STEPS; step <= current + ACCEPTED_DRIFT_STEPS; step++) {
    if (step < 0 || (lastUsedStep !== null && step <= lastUsedStep)) continue;
    // Every candidate is compared in full, so the time taken does not say how close a guess was.
    if (timingSafeEqual(typed, Buffer.from(hotpCode(key, step)))) matched = step;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}

/**
 * The Key URI authenticator apps read from a QR code. Issuer and account are separated by a
 * colon in the label, so neither may contain one.
 */
export function otpauthUri(parts: { secret: string; account: string; issuer: string }): string {
  const { secret, account, issuer } = parts;
  if (issuer.includes(':') || account.includes(':')) {
    throw new RangeError('An otpauth issuer or account name cannot contain a colon');
  }
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = [
    `secret=${encodeURIComponent(secret)}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_PERIOD_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}

/**
 * Fields whose values never reach a log, at any of the first three levels of what is logged: names,
 * email addresses, what people wrote, and credentials. Paths as pino's `redact` takes them.
 */
const REDACTED_KEYS = [
  'name',
  'email',
  'to',
  'from',
  'contact',
  'summary',
  'details',
  'body',
  'text',
  'html',
  'subject',
  'password',
  'token',
  'authorization',
  'cookie',
];

export const REDACTED_PATHS = [
  ...REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  '*["set-cookie"]',
  '*.*["set-cookie"]',
];

export const REDACTED = '[redacted]';

const EMAIL_ADDRESS = /[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** Free text with every email address in it replaced, since a message may quote one. */
export const withoutEmailAddresses = (text: string): string =>
  text.replace(EMAIL_ADDRESS, '[email]');

/** A value with the email addresses taken out of every string in it, a few levels deep. */
export function withoutEmailAddressesIn(value: unknown, depth = 4): unknown {
  if (typeof value === 'string') return withoutEmailAddresses(value);
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => withoutEmailAddressesIn(item, depth - 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: withoutEmailAddresses(value.message),
      ...(value.stack ? { stack: withoutEmailAddresses(value.stack) } : {}),
    };
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, withoutEmailAddressesIn(item, depth - 1)]),
  );
}

/**
 * A command the rules refuse. `code` is stable (clients and tests rely on it); `kind` says which
 * family of HTTP answer fits: the actor may not do this, the complaint is in the wrong state for
 * it, or the request breaks a business rule.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: 'forbidden' | 'conflict' | 'rule' | 'not-found',
    message: string,
    /** The figures the refusal turns on (a date, a sum left), for a channel to word it itself. */
    readonly facts: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const forbidden = (message: string) =>
  new DomainError('NOT_AUTHORISED', 'forbidden', message);
export const conflict = (
  code: string,
  message: string,
  facts?: Readonly<Record<string, string | number>>,
) => new DomainError(code, 'conflict', message, facts);
export const ruleBroken = (
  code: string,
  message: string,
  facts?: Readonly<Record<string, string | number>>,
) => new DomainError(code, 'rule', message, facts);
export const notFound = (code: string, message: string) =>
  new DomainError(code, 'not-found', message);

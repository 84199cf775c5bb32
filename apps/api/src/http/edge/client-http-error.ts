/**
 * An error in the `http-errors` form that Express, body-parser and serve-static raise: a status,
 * and `expose` set when the message is about the request and safe to show to its sender.
 */
export interface ClientHttpError extends Error {
  readonly status: number;
  readonly expose: true;
  readonly type?: string;
  readonly limit?: number;
}

/** Whether an error is a refusal of the request (4xx) that its raiser says may be shown. */
export function isClientHttpError(error: unknown): error is ClientHttpError {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as Partial<ClientHttpError>;
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

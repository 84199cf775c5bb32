/**
 * Mail that sending again cannot deliver: the server refused it for good (an SMTP 5xx reply) or
 * the address cannot be one. The outbox gives up on it rather than retry it for ever.
 */
export class PermanentMailFailure extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentMailFailure';
  }
}

/** SMTP's permanent negative replies; 4xx ones say "try again later". */
const isPermanentReply = (code: unknown) => typeof code === 'number' && code >= 500 && code < 600;

/** Turns a transport's failure into a PermanentMailFailure when the server's reply was permanent. */
export function classifyMailFailure(error: unknown): unknown {
  if (error instanceof PermanentMailFailure) return error;
  const { responseCode, message } = error as { responseCode?: unknown; message?: unknown };
  return isPermanentReply(responseCode)
    ? new PermanentMailFailure(typeof message === 'string' ? message : String(error), {
        cause: error,
      })
    : error;
}

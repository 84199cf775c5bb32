/**
 * What a failure says. Read from any object with a message, not only an `Error` of this realm: a
 * native module's errors (better-sqlite3's) may be built on another realm's `Error`, as under Jest.
 */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

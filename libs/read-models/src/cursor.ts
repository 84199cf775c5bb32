/** An opaque position in a sorted list: the sort key of the last item the client has seen. */
export type SortKey = readonly (string | number)[];

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor must be the nextCursor of a previous page');
    this.name = 'InvalidCursorError';
  }
}

export const encodeCursor = (key: SortKey): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string, length: number): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    )
      return key;
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw new InvalidCursorError();
}

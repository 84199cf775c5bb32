import { hasCanonicalUtcForm, parseInstant } from '@sg/working-days';

/** An opaque position in a sorted list: the sort key of the last item the client has seen. */
export type SortKey = readonly (string | number)[];

/**
 * What each part of a sort key holds. Instants are compared as text in the read model, which is
 * right only for the canonical UTC form it stores; a cursor part in any other form would compare
 * wrongly, so it is not a cursor this service gave out.
 */
export type SortKeyPart = 'instant' | 'value';

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor must be the nextCursor of a previous page');
    this.name = 'InvalidCursorError';
  }
}

export const encodeCursor = (key: SortKey): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

function isCanonicalInstant(part: unknown): boolean {
  if (typeof part !== 'string' || !hasCanonicalUtcForm(part)) return false;
  try {
    // The form alone lets through days that do not exist (31 February).
    parseInstant(part);
    return true;
  } catch {
    return false;
  }
}

export function decodeCursor(cursor: string, parts: readonly SortKeyPart[]): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === parts.length &&
      key.every((part: unknown, i) =>
        parts[i] === 'instant'
          ? isCanonicalInstant(part)
          : typeof part === 'string' || typeof part === 'number',
      )
    )
      return key as SortKey;
  } catch {
    // Falls through to the same answer as a well-formed but foreign cursor.
  }
  throw new InvalidCursorError();
}

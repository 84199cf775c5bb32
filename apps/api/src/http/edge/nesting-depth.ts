import { type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * How deep arrays and objects may nest in a body. No body of the API needs more than two (a list
 * or an object in the body's object); validation and request hashing walk a body recursively, and
 * a body nested thousands deep would overflow their stack.
 */
export const MAX_NESTING_DEPTH = 32;

export class NestingTooDeep extends Error {
  constructor() {
    super(`The body nests arrays and objects more than ${MAX_NESTING_DEPTH} levels deep`);
    this.name = 'NestingTooDeep';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/**
 * Whether JSON text in UTF-8 nests deeper than `limit`, counted from its bytes before it is
 * parsed: brackets and braces inside strings do not count. Every byte this looks for is ASCII,
 * which UTF-8 never uses inside a multi-byte character.
 */
export function nestsDeeperThan(json: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < json.length; index++) {
    const byte = json[index];
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (OPENERS.has(byte)) {
      if (++depth > limit) return true;
    } else if (CLOSERS.has(byte)) depth--;
  }
  return false;
}

/** The JSON parser's `verify` hook: it sees the body's bytes before they are parsed. */
export function refuseDeepNesting(
  _request: IncomingMessage,
  _response: ServerResponse,
  body: Buffer,
): void {
  if (nestsDeeperThan(body, MAX_NESTING_DEPTH)) throw new NestingTooDeep();
}

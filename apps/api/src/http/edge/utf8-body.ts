import { isUtf8 } from 'node:buffer';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { mediaTypeOf } from './media-type';

/**
 * A body whose bytes are not UTF-8. The parsers would decode each bad byte to U+FFFD and carry on,
 * so a client's broken encoding would be stored as characters nobody wrote.
 */
export class BodyNotUtf8 extends Error {
  constructor(what: string, declared?: string) {
    super(
      declared === undefined
        ? `The ${what} is not valid UTF-8`
        : `The ${what} must be sent in UTF-8, not ${declared}`,
    );
    this.name = 'BodyNotUtf8';
  }
}

/** The JSON parser's `verify` hook: the body's own bytes must be UTF-8. */
export function refuseJsonNotUtf8(
  _request: IncomingMessage,
  _response: ServerResponse,
  body: Buffer,
) {
  if (!isUtf8(body)) throw new BodyNotUtf8('body');
}

/**
 * The form parser's `verify` hook: a form's bytes are ASCII, its fields percent-encoded; the bytes
 * they decode to must be UTF-8, as the form must say it is if it says (the parser would decode
 * one declared ISO-8859-1 as that, and UTF-8 sent under it as "cafÃ©").
 */
export function refuseFormNotUtf8(
  request: IncomingMessage,
  _response: ServerResponse,
  body: Buffer,
) {
  const declared = mediaTypeOf(request.headers['content-type'] ?? '')?.parameters.get('charset');
  if (declared !== undefined && declared.toLowerCase() !== 'utf-8')
    throw new BodyNotUtf8('form', declared);
  if (!isUtf8(percentDecoded(body))) throw new BodyNotUtf8('form');
}

const PERCENT = 0x25;
const hexValue = (byte: number | undefined): number => {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
};

/** The bytes a form body's %XX escapes stand for; a `%` not followed by two hex digits is itself, as the parser takes it. */
function percentDecoded(body: Buffer): Buffer {
  const bytes = Buffer.allocUnsafe(body.length);
  let length = 0;
  for (let index = 0; index < body.length; index++) {
    const high = body[index] === PERCENT ? hexValue(body[index + 1]) : -1;
    const low = high >= 0 ? hexValue(body[index + 2]) : -1;
    if (low >= 0) {
      bytes[length++] = high * 16 + low;
      index += 2;
    } else bytes[length++] = body[index];
  }
  return bytes.subarray(0, length);
}

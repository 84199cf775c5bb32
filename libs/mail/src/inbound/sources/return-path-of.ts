/**
 * The address in a message's Return-Path header (the envelope sender the final mail system
 * recorded): '' for the empty path `<>` a bounce carries, null when there is no such header. Only the
 * header block is read; the first Return-Path is the one the mailbox's own server added.
 */
export function returnPathOf(raw: Buffer): string | null {
  const text = raw.subarray(0, headerBlockLength(raw)).toString('latin1');
  const unfolded = text.replace(/\r?\n[ \t]+/g, ' ');
  const match = /^return-path:[ \t]*(.*)$/im.exec(unfolded);
  if (!match) return null;
  const value = match[1].trim();
  const bracketed = /^<([^<>]*)>/.exec(value);
  const address = (bracketed ? bracketed[1] : value).trim();
  return address;
}

/** Where the header block ends: at the first empty line, or the end of a message without a body. */
function headerBlockLength(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((index) => index >= 0);
  return ends.length ? Math.min(...ends) : raw.length;
}

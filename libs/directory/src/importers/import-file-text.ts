export type ImportFileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface ImportFileText {
  readonly text: string;
  readonly encoding: ImportFileEncoding;
}

/**
 * Windows-1252's bytes 0x80 to 0x9F, where it differs from ISO-8859-1 (the five it leaves
 * undefined stay the control characters of the same number, as the WHATWG encoding standard has
 * them). Node 20's TextDecoder('windows-1252') decodes these as ISO-8859-1 does, so a school's
 * "St Mary’s" or "Church – of England" would lose its quote or dash to an invisible control.
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function windows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes)
    text +=
      byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

const UTF_16_MARKS: readonly (readonly ['utf-16le' | 'utf-16be', readonly [number, number]])[] = [
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

/**
 * The text of a file to import. The DfE publishes its GIAS extract (edubasealldata.csv) in
 * Windows-1252, and spreadsheets save CSV in it too, so a file is read as UTF-8 (a byte-order
 * mark or none) only when it is valid UTF-8, and otherwise as Windows-1252, in which every byte
 * is a character: read as UTF-8 regardless, its accented letters would be kept for good as U+FFFD.
 * A Windows-1252 file that is also valid UTF-8 is, but for contrived text, plain ASCII: the same
 * either way.
 */
export function importFileText(bytes: Uint8Array): ImportFileText {
  // Excel's "Unicode Text" and some exports write UTF-16, which always begins with its byte-order
  // mark; read as either of the others it would be a character and a nought by turns.
  for (const [encoding, mark] of UTF_16_MARKS)
    if (bytes[0] === mark[0] && bytes[1] === mark[1])
      return { text: new TextDecoder(encoding).decode(bytes), encoding };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: windows1252(bytes), encoding: 'windows-1252' };
  }
}

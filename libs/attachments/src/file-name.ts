import { MAX_ATTACHMENT_NAME_LENGTH } from '@sg/complaints';

const FOLDER_SEPARATOR = /[/\\]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Controls, and the invisible format characters: a right-to-left override (U+202E) makes
// "letter\u202Efdp.exe" show as "letterexe.pdf".
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
const EXTENSION = /\.([A-Za-z0-9]{1,10})$/;

/**
 * The name a file is shown and offered for download under: the uploader's own, made safe. Any
 * folders are dropped (some browsers send `C:\Users\head\letter.pdf`), invisible characters
 * removed, runs of spaces made one, dots and spaces at either end dropped, and the whole cut to
 * the 200 characters a complaint's events allow, keeping its extension. Nothing left: "attachment".
 */
export function displayName(original: string): string {
  const name = (original.split(FOLDER_SEPARATOR).pop() ?? '')
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  return withinLimit(name === '' ? 'attachment' : name);
}

/** The name's extension in lower case ("pdf"); null when it has none (".profile" has none). */
export function extensionOf(name: string): string | null {
  const match = EXTENSION.exec(name);
  return match && match.index > 0 ? match[1].toLowerCase() : null;
}

/** `name` with `.extension` added, still within the limit. */
export const withExtension = (name: string, extension: string): string =>
  withinLimit(`${name}.${extension}`);

function withinLimit(name: string): string {
  if (name.length <= MAX_ATTACHMENT_NAME_LENGTH) return name;
  const extension = extensionOf(name);
  const suffix = extension === null ? '' : name.slice(name.length - extension.length - 1);
  let stem = '';
  // By code point, so a character outside the BMP is never cut in half.
  for (const character of name.slice(0, name.length - suffix.length)) {
    if (stem.length + character.length + suffix.length > MAX_ATTACHMENT_NAME_LENGTH) break;
    stem += character;
  }
  return `${stem.trimEnd()}${suffix}`;
}

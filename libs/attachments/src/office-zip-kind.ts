import { type AttachmentKind } from './attachment-kinds';
import { storedContent, zipEntries } from './zip-entries';

/** Where each Office Open XML kind keeps its main part. */
const OPEN_XML_FOLDERS: readonly (readonly [string, AttachmentKind])[] = [
  ['word/', 'docx'],
  ['xl/', 'xlsx'],
  ['ppt/', 'pptx'],
];

/** What an OpenDocument file's first entry, `mimetype`, says it is. */
const OPEN_DOCUMENT_TYPES: Readonly<Record<string, AttachmentKind>> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/**
 * Macros: a VBA project in Office Open XML (what makes a .docm, whatever the file is called), Basic
 * or scripts in OpenDocument. A document that carries code is not taken in.
 */
const CARRIES_CODE = /(^|\/)vbaProject\.bin$|^(Basic|Scripts)\//i;

/**
 * The kind of an office document from its ZIP entries: Office Open XML has `[Content_Types].xml`
 * and its main part under `word/`, `xl/` or `ppt/` (exactly one of them); OpenDocument begins with
 * a `mimetype` entry, stored as is, naming its type. Any other ZIP is not taken in.
 */
export function officeZipKind(bytes: Uint8Array): AttachmentKind | null {
  const entries = zipEntries(bytes);
  if (entries === null || entries.some((entry) => CARRIES_CODE.test(entry.name))) return null;
  const names = entries.map((entry) => entry.name);
  if (names.includes('[Content_Types].xml')) {
    const kinds = OPEN_XML_FOLDERS.filter(([folder]) =>
      names.some((name) => name.startsWith(folder)),
    );
    return kinds.length === 1 ? kinds[0][1] : null;
  }
  const first = entries.find((entry) => entry.offset === 0);
  const mimetype = first?.name === 'mimetype' ? storedContent(bytes, first) : null;
  return mimetype ? (OPEN_DOCUMENT_TYPES[new TextDecoder().decode(mimetype)] ?? null) : null;
}

/** What a file's bytes were found to be. Only these are taken in; see `ALLOWED_KINDS`. */
export type AttachmentKind =
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'odt'
  | 'ods'
  | 'odp'
  /** An OLE2 compound file: a Word, Excel or PowerPoint document from before 2007. */
  | 'ole-compound'
  /** UTF-8 text with no control characters but tab, CR and LF; a CSV file is text too. */
  | 'text';

export interface AllowedKind {
  /** How a person would name it: "a PNG image". */
  readonly label: string;
  /**
   * The extensions a file of this kind may be named with, each with the media type it is served
   * as. The bytes alone cannot tell a Word from an Excel compound file, nor a CSV from other text:
   * there the name chooses, among these only.
   */
  readonly extensions: Readonly<Record<string, string>>;
  /** A name with no extension gets the first one, unless the kind cannot do without one. */
  readonly extensionRequired: boolean;
}

const OPEN_XML = 'application/vnd.openxmlformats-officedocument';
const OPEN_DOCUMENT = 'application/vnd.oasis.opendocument';

/** The allow-list: what schools send with a complaint. Nothing that runs or renders as a page. */
export const ALLOWED_KINDS: Readonly<Record<AttachmentKind, AllowedKind>> = {
  pdf: { label: 'a PDF', extensions: { pdf: 'application/pdf' }, extensionRequired: false },
  png: { label: 'a PNG image', extensions: { png: 'image/png' }, extensionRequired: false },
  jpeg: {
    label: 'a JPEG image',
    extensions: { jpg: 'image/jpeg', jpeg: 'image/jpeg', jpe: 'image/jpeg', jfif: 'image/jpeg' },
    extensionRequired: false,
  },
  gif: { label: 'a GIF image', extensions: { gif: 'image/gif' }, extensionRequired: false },
  webp: { label: 'a WebP image', extensions: { webp: 'image/webp' }, extensionRequired: false },
  docx: {
    label: 'a Word document',
    extensions: { docx: `${OPEN_XML}.wordprocessingml.document` },
    extensionRequired: false,
  },
  xlsx: {
    label: 'an Excel workbook',
    extensions: { xlsx: `${OPEN_XML}.spreadsheetml.sheet` },
    extensionRequired: false,
  },
  pptx: {
    label: 'a PowerPoint presentation',
    extensions: { pptx: `${OPEN_XML}.presentationml.presentation` },
    extensionRequired: false,
  },
  odt: {
    label: 'an OpenDocument text',
    extensions: { odt: `${OPEN_DOCUMENT}.text` },
    extensionRequired: false,
  },
  ods: {
    label: 'an OpenDocument spreadsheet',
    extensions: { ods: `${OPEN_DOCUMENT}.spreadsheet` },
    extensionRequired: false,
  },
  odp: {
    label: 'an OpenDocument presentation',
    extensions: { odp: `${OPEN_DOCUMENT}.presentation` },
    extensionRequired: false,
  },
  'ole-compound': {
    label: 'an older Office document',
    extensions: {
      doc: 'application/msword',
      xls: 'application/vnd.ms-excel',
      ppt: 'application/vnd.ms-powerpoint',
    },
    extensionRequired: true,
  },
  text: {
    label: 'plain text',
    // A saved email (.eml) is text too: kept and given back as text, never shown as mail.
    extensions: { txt: 'text/plain', text: 'text/plain', csv: 'text/csv', eml: 'text/plain' },
    extensionRequired: false,
  },
};

/** Every media type an attachment can be served as: anything else is served as bytes to save. */
export const ALLOWED_MEDIA_TYPES: ReadonlySet<string> = new Set(
  Object.values(ALLOWED_KINDS).flatMap((kind) => Object.values(kind.extensions)),
);

/** What to tell someone whose file is refused: what they may send instead. */
export const WHAT_MAY_BE_SENT =
  'a PDF, an image (PNG, JPEG, GIF or WebP), a Word, Excel or PowerPoint document, an OpenDocument file, or plain text (.txt or .csv)';

/**
 * What to do with files people often try to send that are not taken, by their name's extension:
 * said instead of the list of what may be sent, and instead of renaming one whose bytes look like
 * an accepted kind (an Outlook message is an older Office compound file, but is no document).
 */
export const ADVICE_BY_EXTENSION: Readonly<Record<string, string>> = {
  msg: 'an Outlook message, which cannot be taken: save the email as a PDF (print it to PDF) and send that',
  oft: 'an Outlook template, which cannot be taken: save it as a PDF and send that',
  heic: 'an iPhone photo (HEIC), which cannot be taken: send it as a JPEG, or in a PDF',
  heif: 'an iPhone photo (HEIF), which cannot be taken: send it as a JPEG, or in a PDF',
  zip: 'a zip file, which cannot be taken: send the files in it one by one',
};

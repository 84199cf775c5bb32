import { ALLOWED_KINDS } from './attachment-kinds';
import { readableSize } from './attachment-limits';

/** What each extension a file may have is called, in a person's words. */
const NAMES_BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'PDF',
  png: 'PNG image',
  jpg: 'JPEG image',
  gif: 'GIF image',
  webp: 'WebP image',
  docx: 'Word document',
  doc: 'Word document',
  xlsx: 'Excel workbook',
  xls: 'Excel workbook',
  pptx: 'PowerPoint presentation',
  ppt: 'PowerPoint presentation',
  odt: 'OpenDocument text',
  ods: 'OpenDocument spreadsheet',
  odp: 'OpenDocument presentation',
  txt: 'text file',
  csv: 'CSV file',
};

/** A media type a file is kept as, in words; 'file' for one no kind is served as. */
export function kindOfFile(mediaType: string): string {
  for (const kind of Object.values(ALLOWED_KINDS))
    for (const [extension, type] of Object.entries(kind.extensions))
      if (type === mediaType && NAMES_BY_EXTENSION[extension]) return NAMES_BY_EXTENSION[extension];
  return 'file';
}

/** A file as a list of them describes it: "Word document, 12 KB", sized as the upload pages size it. */
export const describeFile = (file: { readonly mediaType: string; readonly sizeBytes: number }) =>
  `${kindOfFile(file.mediaType)}, ${readableSize(file.sizeBytes)}`;

import { type AttachmentKind } from './attachment-kinds';
import { officeZipKind } from './office-zip-kind';
import { isPlainText } from './plain-text';

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87A = [0x47, 0x49, 0x46, 0x38, 0x37, 0x61];
const GIF89A = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61];
const OLE_COMPOUND = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length &&
  signature.every((byte, index) => bytes[at + index] === byte);

const asciiAt = (bytes: Uint8Array, at: number, text: string) =>
  startsWith(
    bytes,
    [...text].map((character) => character.charCodeAt(0)),
    at,
  );

/**
 * What the bytes are, by their own signature and structure, never by a name or a claimed type:
 * one of the kinds the allow-list takes, or null for anything else (an empty file included).
 */
export function kindOfBytes(bytes: Uint8Array): AttachmentKind | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, PNG) && asciiAt(bytes, 12, 'IHDR')) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if (startsWith(bytes, GIF87A) || startsWith(bytes, GIF89A)) return 'gif';
  if (asciiAt(bytes, 0, 'RIFF') && asciiAt(bytes, 8, 'WEBP')) return 'webp';
  // The byte-order mark every compound file has after its signature: little-endian, FFFE.
  if (startsWith(bytes, OLE_COMPOUND) && startsWith(bytes, [0xfe, 0xff], 28)) return 'ole-compound';
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) return officeZipKind(bytes);
  return isPlainText(bytes) ? 'text' : null;
}

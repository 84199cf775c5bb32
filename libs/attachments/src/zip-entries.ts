/** One entry of a ZIP archive, as its central directory records it. */
export interface ZipEntry {
  readonly name: string;
  /** Where its local header starts. */
  readonly offset: number;
  /** 0: stored as is; 8: deflated. */
  readonly method: number;
  readonly compressedSize: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_LENGTH = 22;
const CENTRAL_HEADER_LENGTH = 46;
const LOCAL_HEADER_LENGTH = 30;
const MAX_COMMENT_LENGTH = 0xffff;

const names = new TextDecoder('utf-8');

/**
 * The entries of a ZIP archive, read from its central directory, each checked to begin with a
 * local header of the same name. The local headers alone cannot be walked: an entry written as a
 * stream has its sizes after its data. Null for anything that is not one whole, single-part ZIP
 * this reader understands; ZIP64 included, as no document taken in here is that large.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfCentralDirectory(view);
  if (end === null) return null;
  const disk = view.getUint16(end + 4, true);
  const directoryDisk = view.getUint16(end + 6, true);
  const entriesHere = view.getUint16(end + 8, true);
  const total = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const start = view.getUint32(end + 16, true);
  if (disk !== 0 || directoryDisk !== 0 || entriesHere !== total) return null;
  if (total === 0xffff || start === 0xffffffff || start + size > end) return null;
  const directoryEnd = start + size;
  const entries: ZipEntry[] = [];
  let at = start;
  for (let index = 0; index < total; index += 1) {
    if (at + CENTRAL_HEADER_LENGTH > directoryEnd || view.getUint32(at, true) !== CENTRAL_HEADER)
      return null;
    const nameLength = view.getUint16(at + 28, true);
    const nameStart = at + CENTRAL_HEADER_LENGTH;
    if (nameStart + nameLength > directoryEnd) return null;
    const name = bytes.subarray(nameStart, nameStart + nameLength);
    const offset = view.getUint32(at + 42, true);
    if (!localHeaderNames(bytes, view, offset, name, start)) return null;
    entries.push({
      name: names.decode(name),
      offset,
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
    });
    at = nameStart + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The bytes of an entry stored as is (method 0), or null for one compressed or out of bounds. */
export function storedContent(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  if (entry.method !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataStart =
    entry.offset +
    LOCAL_HEADER_LENGTH +
    view.getUint16(entry.offset + 26, true) +
    view.getUint16(entry.offset + 28, true);
  const dataEnd = dataStart + entry.compressedSize;
  return dataEnd <= bytes.length ? bytes.subarray(dataStart, dataEnd) : null;
}

/** The end record: the last one whose comment runs exactly to the end of the bytes. */
function endOfCentralDirectory(view: DataView): number | null {
  const last = view.byteLength - END_RECORD_LENGTH;
  const first = Math.max(0, last - MAX_COMMENT_LENGTH);
  for (let at = last; at >= first; at -= 1) {
    if (
      view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY &&
      at + END_RECORD_LENGTH + view.getUint16(at + 20, true) === view.byteLength
    )
      return at;
  }
  return null;
}

function localHeaderNames(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  name: Uint8Array,
  directoryStart: number,
): boolean {
  const nameStart = offset + LOCAL_HEADER_LENGTH;
  if (nameStart + name.length > directoryStart) return false;
  if (view.getUint32(offset, true) !== LOCAL_HEADER) return false;
  if (view.getUint16(offset + 26, true) !== name.length) return false;
  return name.every((byte, index) => bytes[nameStart + index] === byte);
}

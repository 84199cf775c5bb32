import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  type AttachmentStore,
  SHA256_HEX,
  type StoredBytes,
  type StoredFile,
} from './attachment-store';

/**
 * Attachments as files under a folder of their own (`DATA_DIR/attachments`, outside anything a web
 * server serves): `ab/cd/abcd…` by SHA-256, so no folder grows too large and no name a person chose
 * ever reaches the file system. Files are 0600, folders 0700.
 *
 * A file appears whole or not at all: the bytes go to a temporary file in the same folder, are
 * synced, and are renamed into place; the folder is synced so the rename survives a power cut. The
 * complaint's event is appended only after `put` resolves, so an event never names bytes the disk
 * has not got. Two uploads of the same bytes may write at once; each renames a whole copy.
 */
export class FilesystemAttachmentStore implements AttachmentStore {
  constructor(private readonly root: string) {}

  /** Where the bytes with this digest live. */
  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<StoredBytes> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stored = { sha256, sizeBytes: bytes.length };
    const target = this.pathOf(sha256);
    if ((await sizeOf(target)) === bytes.length) return stored;
    const folder = dirname(target);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const partial = join(folder, `.${sha256}.${randomUUID()}.partial`);
    try {
      const file = await open(partial, 'wx', 0o600);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    await syncFolder(folder);
    return stored;
  }

  async open(sha256: string): Promise<StoredFile | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    let file: FileHandle;
    try {
      file = await open(this.pathOf(sha256), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    // Opened first, then measured: the size is that of the file the stream reads.
    const found = await file.stat();
    if (!found.isFile()) {
      await file.close();
      return null;
    }
    return { sizeBytes: found.size, stream: file.createReadStream() };
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    const found = await stat(path);
    return found.isFile() ? found.size : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Makes a rename in `folder` durable. Some systems cannot sync a folder; they need not. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}

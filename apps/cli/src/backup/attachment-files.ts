import { constants, copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { syncFile } from './durable-files';
import { makeFolders } from './make-folders';

/** `FilesystemAttachmentStore` keeps bytes at `ab/cd/<sha256>`; anything else there is its temporary files. */
const TWO_HEX = /^[0-9a-f]{2}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

const entries = (folder: string, pattern: RegExp) => {
  try {
    return readdirSync(folder).filter((name) => pattern.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
};

/**
 * Copies attachments' bytes from one store folder to another, file by file; returns how many.
 * Safe while the engine runs: a file is renamed into place whole and never changes after, and its
 * complaint's event is appended only once it is there, so copying the files after the events
 * copies the bytes of every event copied.
 */
export function copyAttachmentFiles(from: string, to: string): number {
  let copied = 0;
  for (const first of entries(from, TWO_HEX))
    for (const second of entries(join(from, first), TWO_HEX)) {
      const files = entries(join(from, first, second), SHA256_HEX);
      if (files.length === 0) continue;
      const folder = join(to, first, second);
      makeFolders(folder);
      for (const name of files) {
        copyFileSync(join(from, first, second, name), join(folder, name), constants.COPYFILE_EXCL);
        syncFile(join(folder, name));
        copied += 1;
      }
      syncFile(folder);
    }
  return copied;
}

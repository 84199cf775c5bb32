import { closeSync, fsyncSync, openSync } from 'node:fs';

/**
 * Flushes a file (or a folder's entries) to the disk: a backup is trusted once its manifest is
 * written, so everything before the manifest must be on the disk first.
 */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } catch (error) {
    // Some file systems cannot sync a folder; they need not.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    closeSync(fd);
  }
}

import { readdirSync } from 'node:fs';

/**
 * The complete messages in an .eml outbox folder, oldest first by name. The transport writes each
 * one aside and renames it in, so anything else there is a message still being written.
 */
export const emlFilesIn = (folder: string): string[] =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.eml'))
    .sort();

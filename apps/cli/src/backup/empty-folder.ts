import { readdirSync, statSync } from 'node:fs';
import { CommandRefused } from '../command-refused';

/** What a freshly made file system holds at its root, and so a mounted volume may. */
const ALWAYS_THERE = new Set(['lost+found']);

/**
 * Refuses, with the message `refusal` makes of what is there, unless `folder` is missing or
 * empty: a backup never writes over another, and a restore never mixes what it restores with a
 * store (or with files derived from one) already there.
 */
export function requireEmptyFolder(folder: string, refusal: (contents: string) => string): void {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new CommandRefused(refusal('it is a file'));
    names = readdirSync(folder).filter((name) => !ALWAYS_THERE.has(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (names.length > 0)
    throw new CommandRefused(
      refusal(names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '')),
    );
}

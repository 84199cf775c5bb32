import { statSync } from 'node:fs';
import { CommandRefused } from '../command-refused';

/**
 * Refuses a DATA_DIR that is not there: a command that reads a node's files would otherwise
 * answer for a folder that was never the node's (a typo, a volume not mounted) as if the node had
 * simply done nothing yet.
 */
export function requireDataDir(dataDir: string): void {
  const found = statSync(dataDir, { throwIfNoEntry: false });
  if (!found)
    throw new CommandRefused(
      `DATA_DIR ${dataDir} does not exist: set DATA_DIR to the folder the node keeps its files in (on a new installation, make the folder first).`,
    );
  if (!found.isDirectory()) throw new CommandRefused(`DATA_DIR ${dataDir} is not a folder.`);
}

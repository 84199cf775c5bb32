import { dataDirProblem } from '@sg/config';
import { statSync } from 'node:fs';
import { CommandRefused } from '../command-refused';

/**
 * Refuses a DATA_DIR that is not there: a command that reads a node's files would otherwise
 * answer for a folder that was never the node's (a typo, a volume not mounted) as if the node had
 * simply done nothing yet.
 */
export function requireDataDir(dataDir: string): void {
  const problem = dataDirProblem(dataDir);
  if (problem) throw new CommandRefused(problem);
}

/**
 * Refuses to write a node's files as a user other than the one whose folder it is: files made as
 * root, say, are files the engine, running as its own user, cannot open, and it could not switch
 * to a read model rebuilt so.
 */
export function requireDataDirOwner(dataDir: string): void {
  const uid = process.getuid?.();
  const owner = statSync(dataDir, { throwIfNoEntry: false })?.uid;
  if (uid !== undefined && owner !== undefined && uid !== owner)
    throw new CommandRefused(
      `DATA_DIR ${dataDir} belongs to the user with uid ${owner}, and this command runs as uid ${uid}: run it as that user (for example sudo -u '#${owner}' …), or the engine cannot open the files it writes.`,
    );
}

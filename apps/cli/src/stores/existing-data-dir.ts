import { dataDirProblem } from '@sg/config';
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

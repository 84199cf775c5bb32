import { accessSync, constants, statSync } from 'node:fs';
import { type EnvironmentVariables } from './environment-variables';
import { ConfigurationError } from './validate-environment';

/** What is wrong with `dataDir` as a node's folder, or null: it is there, a folder. */
export function dataDirProblem(dataDir: string): string | null {
  const found = statSync(dataDir, { throwIfNoEntry: false });
  if (!found)
    return `DATA_DIR ${dataDir} does not exist: set DATA_DIR to the folder the node keeps its files in (on a new installation, make the folder first).`;
  if (!found.isDirectory()) return `DATA_DIR ${dataDir} is not a folder.`;
  return null;
}

/**
 * In production a node starts only on a folder that is there and that it may write: one made up
 * on the spot (a volume not mounted, a typo) would hold an empty county that reports itself ready,
 * and a separate worker on it would hold the lease while the API's timers never fire. In
 * development, `npm start` makes `./data` itself.
 */
export function requireDataDirInProduction(settings: EnvironmentVariables): void {
  if (settings.NODE_ENV !== 'production') return;
  const problem = dataDirProblem(settings.DATA_DIR);
  if (problem) throw new ConfigurationError([problem]);
  try {
    accessSync(settings.DATA_DIR, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    const uid = process.getuid?.();
    throw new ConfigurationError([
      `DATA_DIR ${settings.DATA_DIR} cannot be written by this process's user${uid === undefined ? '' : ` (uid ${uid})`}: give that user the folder.`,
    ]);
  }
}

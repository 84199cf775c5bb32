import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error';

/** The one backup folder a backup or a restore is given, and no option. */
export function backupFolderArgument(args: string[]): string {
  let positionals: string[];
  try {
    positionals = parseArgs({
      args,
      options: {},
      strict: true,
      allowPositionals: true,
    }).positionals;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (positionals.length === 0) throw new UsageError('the backup folder is required');
  if (positionals.length > 1)
    throw new UsageError(
      `give one backup folder (got ${positionals.map((p) => JSON.stringify(p)).join(', ')})`,
    );
  return positionals[0];
}

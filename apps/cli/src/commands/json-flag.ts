import { parseArgs } from 'node:util';
import { UsageError } from '../usage-error';

/** Whether a command that takes only `--json` was asked for JSON; anything else is a usage error. */
export function asksForJson(args: readonly string[]): boolean {
  try {
    return (
      parseArgs({
        args: [...args],
        options: { json: { type: 'boolean' } },
        strict: true,
        allowPositionals: false,
      }).values.json === true
    );
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

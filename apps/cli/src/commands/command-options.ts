import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../usage-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A command's `--name value` options, no positional arguments; a wrong one is a usage error. */
export function commandOptions<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

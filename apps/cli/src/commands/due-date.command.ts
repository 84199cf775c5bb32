import { parseArgs } from 'node:util';
import { parseClosureDays, parseInstant, WorkingDayCalendar } from '@sg/working-days';
import { type Command } from '../command';
import { UsageError } from '../usage-error';

const DEFAULT_WORKING_DAYS = 10;

const usage =
  'due-date --from <ISO-8601 instant with offset> [--working-days N]\n' +
  '  When a target of N working days (default 10) started at --from falls due, in Europe/London.\n' +
  '  Council closure days come from COUNCIL_CLOSURE_DAYS.';

function readOptions(args: string[]) {
  // node:util reads `--working-days -3` as a missing value; say what is actually wrong.
  args.forEach((arg, i) => {
    if (arg === '--working-days' && args[i + 1]?.startsWith('-')) readWorkingDays(args[i + 1]);
  });
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        from: { type: 'string', multiple: true },
        'working-days': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const once = (name: 'from' | 'working-days') => {
    const given = values[name];
    if (given && given.length > 1)
      throw new UsageError(`--${name} is given ${given.length} times; give it once`);
    return given?.[0];
  };
  return { from: once('from'), workingDays: once('working-days'), help: values.help === true };
}

function readWorkingDays(text: string | undefined): number {
  if (text === undefined) return DEFAULT_WORKING_DAYS;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(
      `--working-days must be a whole number, 0 or more (got ${JSON.stringify(text)})`,
    );
  }
  return Number(text);
}

/** Runs a step whose failure is the caller's input, labelled with where that input came from. */
function asUsage<T>(label: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new UsageError(`${label}${(error as Error).message}`);
  }
}

export const dueDateCommand: Command = {
  usage,

  run(args, { env, stdout }) {
    const options = readOptions(args);
    if (options.help) {
      stdout(`Usage: ${usage}`);
      return;
    }
    if (options.from === undefined) throw new UsageError('--from is required');
    const text = options.from;
    const from = asUsage('--from: ', () => parseInstant(text));
    const workingDays = readWorkingDays(options.workingDays);
    const closures = asUsage('COUNCIL_CLOSURE_DAYS: ', () =>
      parseClosureDays(env.COUNCIL_CLOSURE_DAYS ?? ''),
    );
    const due = asUsage('', () =>
      new WorkingDayCalendar({ closures }).addWorkingDays(from, workingDays),
    );
    stdout(
      JSON.stringify({
        from: from.toISOString(),
        workingDays,
        dueDate: due.dueDate,
        deadline: due.deadline.toISOString(),
      }),
    );
  },
};

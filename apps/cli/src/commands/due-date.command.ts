import { parseArgs } from 'node:util';
import { parseClosureDays, parseInstant, WorkingDayCalendar } from '@sg/working-days';
import { type Command } from '../command';
import { UsageError } from '../usage-error';

const DEFAULT_WORKING_DAYS = 10;

function readOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { from: { type: 'string' }, 'working-days': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
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

export const dueDateCommand: Command = {
  name: 'due-date',
  usage:
    'due-date --from <ISO-8601 instant with offset> [--working-days N]\n' +
    '  When a target of N working days (default 10) started at --from falls due, in Europe/London.\n' +
    '  Council closure days come from COUNCIL_CLOSURE_DAYS.',

  run(args, { env, stdout }) {
    const options = readOptions(args);
    if (options.from === undefined) throw new UsageError('--from is required');
    let from: Date;
    try {
      from = parseInstant(options.from);
    } catch (error) {
      throw new UsageError(`--from: ${(error as Error).message}`);
    }
    const workingDays = readWorkingDays(options['working-days']);
    let closures: string[];
    try {
      closures = parseClosureDays(env.COUNCIL_CLOSURE_DAYS ?? '');
    } catch (error) {
      throw new UsageError(`COUNCIL_CLOSURE_DAYS: ${(error as Error).message}`);
    }
    let due;
    try {
      due = new WorkingDayCalendar({ closures }).addWorkingDays(from, workingDays);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
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

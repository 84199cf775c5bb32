import { validateEnvironment } from '@sg/config';
import { type ParkedEvent } from '@sg/event-store';
import { parseArgs } from 'node:util';
import { type Command } from '../command';
import { requireDataDir } from '../stores/existing-data-dir';
import { UsageError } from '../usage-error';
import { openReactionRecords } from './reaction-records';

const DEFAULT_WAIT_SECONDS = 30;
const LOOK_EVERY_MS = 200;

const usage =
  'retry-parked <id> [--wait <seconds>]\n' +
  '  Asks the process that runs the parked event’s reaction on this node (the API in embedded\n' +
  '  mode, else the worker) to hand the event to the reaction again, and waits for the outcome,\n' +
  `  ${DEFAULT_WAIT_SECONDS} s at most unless --wait says (0 only asks). Exits 0 once the event is handled;\n` +
  '  1 if it failed again (it stays parked, with the new error) or no process took it in time.';

function readOptions(args: string[]): { id: number; waitSeconds: number } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { wait: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [id, ...extra] = parsed.positionals;
  if (id === undefined) throw new UsageError('the id of a parked event is required');
  if (extra.length > 0)
    throw new UsageError(`one parked event at a time (got ${extra.length + 1})`);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(Number(id)))
    throw new UsageError(`a parked event's id is a whole number (got ${JSON.stringify(id)})`);
  const wait = parsed.values.wait ?? String(DEFAULT_WAIT_SECONDS);
  if (!/^\d+$/.test(wait))
    throw new UsageError(`--wait must be a whole number of seconds (got ${JSON.stringify(wait)})`);
  return { id: Number(id), waitSeconds: Number(wait) };
}

const outcome = (event: ParkedEvent) => ({
  id: event.id,
  reaction: event.reaction,
  eventId: event.eventId,
  type: event.type,
  status: event.status,
  attempts: event.attempts,
  error: event.status === 'retried' ? null : event.error,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const retryParkedCommand: Command = {
  usage,
  async run(args, context) {
    const { id, waitSeconds } = readOptions(args);
    const settings = validateEnvironment(context.env);
    requireDataDir(settings.DATA_DIR);
    const records = openReactionRecords(settings.DATA_DIR);
    if (!records)
      throw new UsageError(`no parked event ${id}: nothing has run on ${settings.DATA_DIR}`);
    try {
      const parked = await records.parked.get(id);
      if (!parked) throw new UsageError(`no parked event ${id} on ${settings.DATA_DIR}`);
      if (parked.status === 'retried')
        throw new UsageError(
          `parked event ${id} was handled on a retry at ${parked.retriedAt?.toISOString()}; there is nothing to retry`,
        );
      const askedAt = new Date();
      await records.parked.requestRetry(id, askedAt);
      const until = Date.now() + waitSeconds * 1000;
      for (;;) {
        const latest = (await records.parked.get(id))!;
        const answered =
          latest.status === 'retried' ||
          (latest.status === 'parked' && (latest.retriedAt?.getTime() ?? 0) >= askedAt.getTime());
        if (answered || Date.now() >= until) {
          context.stdout(JSON.stringify(outcome(latest)));
          if (latest.status === 'retried') return 0;
          if (answered) {
            process.stderr.write(`The retry failed; the event stays parked: ${latest.error}\n`);
            return 1;
          }
          const taken = `The process that runs ${latest.reaction} on this node takes it within a second of running.`;
          if (waitSeconds === 0) {
            process.stderr.write(`The retry is asked for. ${taken}\n`);
            return 0;
          }
          process.stderr.write(
            `No running process took the retry within ${waitSeconds} s. ${taken}\n`,
          );
          return 1;
        }
        await sleep(LOOK_EVERY_MS);
      }
    } finally {
      records.close();
    }
  },
};

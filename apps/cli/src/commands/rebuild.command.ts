import { validateEnvironment } from '@sg/config';
import { createEventStore } from '@sg/event-store';
import { type RebuildProgress, rebuildReadModels } from '@sg/read-models';
import { parseClosureDays, WorkingDayCalendar } from '@sg/working-days';
import { parseArgs } from 'node:util';
import { requireSqliteEvents } from '../backup/sqlite-events-backup';
import { requireDataDirOwner } from '../stores/existing-data-dir';
import { type Command } from '../command';
import { UsageError } from '../usage-error';

const BAR_WIDTH = 30;

const duration = (seconds: number) =>
  seconds >= 60
    ? `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
    : `${seconds.toFixed(1)} s`;

/** One line of progress: a bar, the share done, events so far, the rate and the time left. */
export function progressLine(progress: RebuildProgress): string {
  const filled = Math.round(progress.fraction * BAR_WIDTH);
  const eta = progress.secondsLeft === null ? '?' : duration(progress.secondsLeft);
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ` +
    `${(progress.fraction * 100).toFixed(0).padStart(3)}%  ` +
    `${progress.events.toLocaleString('en-GB')} events  ` +
    `${Math.round(progress.eventsPerSecond).toLocaleString('en-GB')} events/s  ETA ${eta}`
  );
}

const usage =
  'rebuild\n' +
  '  Rebuilds every read model from the event store into a new file while the one in service\n' +
  '  keeps serving, then swaps it in atomically (a running engine follows within a second).\n' +
  '  Shows progress on stderr. Interrupted, it leaves the read model in service untouched.';

export const rebuildCommand: Command = {
  usage,
  async run(args, context) {
    try {
      parseArgs({ args, options: {}, strict: true, allowPositionals: false });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const settings = validateEnvironment(context.env);
    // Opening a store that is not there would make an empty one, and rebuild nothing from it.
    if (settings.EVENT_STORE === 'sqlite') requireSqliteEvents(settings.DATA_DIR);
    requireDataDirOwner(settings.DATA_DIR);
    const store = createEventStore(settings, {
      log: () => undefined,
      warn: (message) => process.stderr.write(`${String(message)}\n`),
    });
    const tty = process.stderr.isTTY;
    let lastLine = 0;
    try {
      const result = await rebuildReadModels(store, settings.DATA_DIR, {
        calendar: new WorkingDayCalendar({
          closures: parseClosureDays(settings.COUNCIL_CLOSURE_DAYS),
        }),
        onProgress: (progress) => {
          const now = Date.now();
          if (tty) process.stderr.write(`\r${progressLine(progress)}`);
          else if (now - lastLine >= 1000 || progress.fraction >= 1) {
            process.stderr.write(`${progressLine(progress)}\n`);
            lastLine = now;
          }
        },
      });
      if (tty) process.stderr.write('\n');
      context.stdout(
        JSON.stringify({
          file: result.file,
          events: result.events,
          seconds: Number(result.seconds.toFixed(2)),
          eventsPerSecond: Math.round(result.events / Math.max(result.seconds, 0.001)),
        }),
      );
    } finally {
      await store.close();
    }
  },
};

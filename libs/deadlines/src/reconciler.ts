import { type DeadlineScheduler } from './deadline-scheduler';
import { type DeadlineTimer, timerId } from './deadline-timer';
import { type RunningClocks, timersOf } from './running-clocks';

export interface Reconciliation {
  readonly expected: number;
  readonly scheduled: number;
  readonly cancelled: number;
}

/**
 * Makes the scheduler hold exactly the timers of the running clocks: schedules what is missing
 * (after Redis lost its data, say; a timer whose moment has passed then fires at once) and
 * cancels what no running clock wants.
 */
export async function reconcileDeadlines(
  clocks: RunningClocks,
  scheduler: DeadlineScheduler & { scheduleMany?(timers: readonly DeadlineTimer[]): Promise<void> },
): Promise<Reconciliation> {
  const expected = new Map(
    clocks
      .all()
      .flatMap(timersOf)
      .map((timer) => [timerId(timer), timer]),
  );
  const pending = new Set((await scheduler.pending()).map(timerId));
  const missing = [...expected.entries()]
    .filter(([id]) => !pending.has(id))
    .map(([, timer]) => timer);
  const unwanted = [...pending].filter((id) => !expected.has(id));
  if (scheduler.scheduleMany) await scheduler.scheduleMany(missing);
  else for (const timer of missing) await scheduler.schedule(timer);
  for (const id of unwanted) await scheduler.cancel(id);
  return { expected: expected.size, scheduled: missing.length, cancelled: unwanted.length };
}

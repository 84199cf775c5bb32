import { type DeadlineScheduler } from './deadline-scheduler';
import { type DeadlineTimer, timerId } from './deadline-timer';
import { type RunningClocks, timersOf } from './running-clocks';

export interface Reconciliation {
  readonly expected: number;
  /** Timers that were missing altogether, now scheduled. */
  readonly scheduled: number;
  /** Timers the scheduler had given up on, now scheduled afresh. */
  readonly repaired: number;
  /** Timers no running clock wants, pending or given up on, now removed. */
  readonly cancelled: number;
}

/**
 * Makes the scheduler hold exactly the timers of the running clocks: schedules what is missing
 * (after Redis lost its data, say; a timer whose moment has passed then fires at once) and
 * cancels what no running clock wants. A timer given up on (its handler failed on every attempt
 * while the store was down) is as good as missing, except that its spent job must go first or it
 * would stand in for the new one; it is counted apart so the log says what really happened.
 */
export async function reconcileDeadlines(
  clocks: RunningClocks,
  scheduler: DeadlineScheduler & { scheduleMany?(timers: readonly DeadlineTimer[]): Promise<void> },
  /**
   * False at a worker's start: its running clocks may still be behind the store (a standby taking
   * over, a new data directory), and a live timer it does not know yet is not to be removed. A
   * stale timer left meanwhile is harmless (the decider ignores it), and the next run removes it.
   */
  { removeUnwanted = true }: { readonly removeUnwanted?: boolean } = {},
): Promise<Reconciliation> {
  const expected = new Map(
    clocks
      .all()
      .flatMap(timersOf)
      .map((timer) => [timerId(timer), timer]),
  );
  const pending = new Set((await scheduler.pending()).map(timerId));
  const stuck = new Set((await scheduler.stuck()).map(timerId));
  const missing: DeadlineTimer[] = [];
  const repair: DeadlineTimer[] = [];
  for (const [id, timer] of expected) {
    if (stuck.has(id)) repair.push(timer);
    else if (!pending.has(id)) missing.push(timer);
  }
  const unwanted = removeUnwanted
    ? new Set([...pending, ...stuck].filter((id) => !expected.has(id)))
    : new Set<string>();
  for (const id of new Set([...repair.map(timerId), ...unwanted])) await scheduler.cancel(id);
  const fresh = [...missing, ...repair];
  if (scheduler.scheduleMany) await scheduler.scheduleMany(fresh);
  else for (const timer of fresh) await scheduler.schedule(timer);
  return {
    expected: expected.size,
    scheduled: missing.length,
    repaired: repair.length,
    cancelled: unwanted.size,
  };
}

import { randomUUID } from 'node:crypto';
import { type DeadlineScheduler, type DeadlineTimer, timerId } from '@sg/deadlines';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function timerIn(ms: number, overrides: Partial<DeadlineTimer> = {}): DeadlineTimer {
  return {
    complaintId: randomUUID(),
    clock: 'resolution',
    revision: 1,
    timer: 'deadline',
    fireAt: new Date(Date.now() + ms).toISOString(),
    ...overrides,
  };
}

/** Waits until `predicate` holds, checking every 20 ms, for at most `ms`. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  ms = 10_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(20);
  }
}

/** What every DeadlineScheduler adapter guarantees, as one suite. */
export function describeDeadlineSchedulerConformance(
  adapter: string,
  open: (options: { retryDelayMs: number }) => DeadlineScheduler,
): void {
  describe(`${adapter}: deadline scheduler conformance`, () => {
    let scheduler: DeadlineScheduler;
    let fired: DeadlineTimer[];

    beforeEach(async () => {
      fired = [];
      scheduler = open({ retryDelayMs: 50 });
      await scheduler.start((timer) => {
        fired.push(timer);
        return Promise.resolve();
      });
    });

    afterEach(async () => {
      await scheduler.close();
    });

    it('fires a timer when it is due, with its payload', async () => {
      const timer = timerIn(300);
      await scheduler.schedule(timer);
      expect(fired).toEqual([]);
      await eventually(() => fired.length === 1);
      expect(fired[0]).toEqual(timer);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(timer.fireAt));
    });

    it('fires a timer whose moment has already passed at once', async () => {
      const late = timerIn(-86_400_000);
      await scheduler.schedule(late);
      await eventually(() => fired.length === 1);
      expect(fired[0]).toEqual(late);
    });

    it('makes one timer of a timer scheduled twice', async () => {
      const timer = timerIn(200);
      await scheduler.schedule(timer);
      await scheduler.schedule(timer);
      await eventually(() => fired.length === 1);
      await sleep(400);
      expect(fired).toHaveLength(1);
    });

    it('never fires a cancelled timer, and lists only what is pending', async () => {
      const cancelled = timerIn(300);
      const kept = timerIn(60_000, { timer: 'warning' });
      await scheduler.schedule(cancelled);
      await scheduler.schedule(kept);
      expect((await scheduler.pending()).map(timerId).sort()).toEqual(
        [timerId(cancelled), timerId(kept)].sort(),
      );
      await scheduler.cancel(timerId(cancelled));
      expect((await scheduler.pending()).map(timerId)).toEqual([timerId(kept)]);
      await sleep(600);
      expect(fired).toEqual([]);
    });

    it('retries a timer whose handler fails, until it succeeds', async () => {
      await scheduler.close();
      scheduler = open({ retryDelayMs: 50 });
      let calls = 0;
      await scheduler.start(() => {
        calls += 1;
        return calls < 3 ? Promise.reject(new Error('the event store is down')) : Promise.resolve();
      });
      await scheduler.schedule(timerIn(0));
      await eventually(() => calls === 3);
      await sleep(300);
      expect(calls).toBe(3);
      expect(await scheduler.pending()).toEqual([]);
    });
  });
}

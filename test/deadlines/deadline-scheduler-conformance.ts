import { randomUUID } from 'node:crypto';
import { type DeadlineScheduler, type DeadlineTimer, timerId } from '@sg/deadlines';
import { eventually } from '../support/eventually';

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

export { eventually };

/** How many times an adapter that gives up on a timer tries it first, in this suite. */
export const CONFORMANCE_ATTEMPTS = 5;

/** What every DeadlineScheduler adapter guarantees, as one suite. */
export function describeDeadlineSchedulerConformance(
  adapter: string,
  open: (options: { retryDelayMs: number; attempts: number }) => DeadlineScheduler,
): void {
  describe(`${adapter}: deadline scheduler conformance`, () => {
    let scheduler: DeadlineScheduler;
    let fired: DeadlineTimer[];

    beforeEach(async () => {
      fired = [];
      scheduler = open({ retryDelayMs: 50, attempts: CONFORMANCE_ATTEMPTS });
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
      expect(await scheduler.stuck()).toEqual([]);
    });

    it('retries a timer whose handler fails, until it succeeds', async () => {
      await scheduler.close();
      scheduler = open({ retryDelayMs: 50, attempts: CONFORMANCE_ATTEMPTS });
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
      expect(await scheduler.stuck()).toEqual([]);
    });

    it('gives up on a timer only openly, and scheduling it again once the handler recovers fires it once', async () => {
      await scheduler.close();
      scheduler = open({ retryDelayMs: 50, attempts: CONFORMANCE_ATTEMPTS });
      let storeUp = false;
      let calls = 0;
      let successes = 0;
      await scheduler.start(() => {
        calls += 1;
        if (!storeUp) return Promise.reject(new Error('the event store is down'));
        successes += 1;
        return Promise.resolve();
      });
      const timer = timerIn(0);
      const id = timerId(timer);
      await scheduler.schedule(timer);
      await eventually(() => calls >= CONFORMANCE_ATTEMPTS);
      const whereIs = async () => {
        const pending = (await scheduler.pending()).some((t) => timerId(t) === id);
        const stuck = (await scheduler.stuck()).some((t) => timerId(t) === id);
        return pending && stuck ? 'both' : pending ? 'pending' : stuck ? 'stuck' : 'nowhere';
      };
      // Still being retried or given up on, but listed as one or the other: never lost silently.
      let where = 'nowhere';
      await eventually(async () => (where = await whereIs()) !== 'nowhere');
      expect(where).not.toBe('both');

      storeUp = true;
      for (const given of await scheduler.stuck()) {
        expect(given).toEqual(timer);
        await scheduler.schedule(given);
      }
      await eventually(() => successes === 1);
      await sleep(300);
      expect(successes).toBe(1);
      expect(await scheduler.pending()).toEqual([]);
      expect(await scheduler.stuck()).toEqual([]);
    });
  });
}

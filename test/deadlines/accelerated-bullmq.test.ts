import { randomUUID } from 'node:crypto';
import { AcceleratedClock } from '@sg/complaint-service';
import { BullMqDeadlineScheduler, type DeadlineTimer, timerId } from '@sg/deadlines';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SCALE = 10_000;
const HOUR = 3_600_000;

/** Accelerated time (TIME_SCALE) with timers in Redis, which counts real milliseconds. */
describe('BullMQ timers in accelerated time', () => {
  const schedulers: BullMqDeadlineScheduler[] = [];
  afterEach(async () => {
    for (const scheduler of schedulers.splice(0)) {
      await scheduler.queue.obliterate({ force: true });
      await scheduler.close();
    }
  });
  const schedulerAt = (now: () => number) => {
    const scheduler = new BullMqDeadlineScheduler({
      redisUrl: REDIS_URL,
      prefix: `sg-accelerated-${randomUUID().slice(0, 8)}`,
      now,
      timeScale: SCALE,
    });
    schedulers.push(scheduler);
    return scheduler;
  };
  const timerAt = (fireAt: number): DeadlineTimer => ({
    complaintId: randomUUID(),
    clock: 'resolution',
    revision: 1,
    timer: 'deadline',
    fireAt: new Date(fireAt).toISOString(),
  });

  it('waits the engine time divided by the scale, rounded up, and a millisecond more', async () => {
    const now = Date.parse('2026-12-03T09:00:00.000Z');
    const scheduler = schedulerAt(() => now);
    const inAnHour = timerAt(now + HOUR);
    const inAMoment = timerAt(now + 12_345);
    const passed = timerAt(now - HOUR);
    for (const timer of [inAnHour, inAMoment, passed]) await scheduler.schedule(timer);
    const delayOf = async (timer: DeadlineTimer) =>
      (await scheduler.queue.getJob(timerId(timer)))?.opts.delay;
    expect(await delayOf(inAnHour)).toBe(HOUR / SCALE + 1);
    expect(await delayOf(inAMoment)).toBe(Math.ceil(12_345 / SCALE) + 1);
    expect(await delayOf(passed)).toBe(0);
  });

  it('fires a timer no earlier than its moment in engine time', async () => {
    const clock = new AcceleratedClock(SCALE);
    const scheduler = schedulerAt(() => clock.now().getTime());
    const fired: { timer: DeadlineTimer; at: number }[] = [];
    await scheduler.start((timer) => {
      fired.push({ timer, at: clock.now().getTime() });
      return Promise.resolve();
    });
    const timers = [1, 2, 3].map((hours) => timerAt(clock.now().getTime() + hours * HOUR));
    for (const timer of timers) await scheduler.schedule(timer);
    const until = Date.now() + 10_000;
    while (fired.length < timers.length && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired.map((f) => f.timer.complaintId).sort()).toEqual(
      timers.map((t) => t.complaintId).sort(),
    );
    for (const { timer, at } of fired) expect(at).toBeGreaterThanOrEqual(Date.parse(timer.fireAt));
  });
});

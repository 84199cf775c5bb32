import { randomUUID } from 'node:crypto';
import {
  BullMqDeadlineScheduler,
  type DeadlineTimer,
  reconcileDeadlines,
  type RunningClock,
  RunningClocks,
  timerId,
} from '@sg/deadlines';
import Database from 'better-sqlite3';
import { eventually, sleep } from './deadline-scheduler-conformance';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// Three attempts 20 ms apart, doubling: the job is given up on well within a second.
const ATTEMPTS = 3;
const BACKOFF_MS = 20;

const runningClock = (complaintId: string, deadline: string): RunningClock => ({
  complaintId,
  clock: 'resolution',
  revision: 1,
  status: 'running',
  deadline,
  warningAt: null,
  warned: false,
  missed: false,
});

describe('a BullMQ timer given up on while the store was unavailable', () => {
  let scheduler: BullMqDeadlineScheduler;
  let clocks: RunningClocks;
  let errors: string[];
  let storeUp: boolean;
  let calls: number;
  let escalated: DeadlineTimer[];
  let position: bigint;

  const record = (complaintId: string, clock: RunningClock | null) => {
    position += 1n;
    clocks.write(complaintId, 'resolution', clock, { commit: position, prepare: position });
  };
  const ids = async (list: Promise<DeadlineTimer[]>) => (await list).map(timerId).sort();

  /** A clock whose deadline passed while the store was down, and whose timer ran out of attempts. */
  async function givenUp(): Promise<DeadlineTimer> {
    const complaintId = randomUUID();
    const clock = runningClock(complaintId, new Date(Date.now() - 60_000).toISOString());
    record(complaintId, clock);
    expect(await reconcileDeadlines(clocks, scheduler)).toEqual({
      expected: 1,
      scheduled: 1,
      repaired: 0,
      cancelled: 0,
    });
    const timer: DeadlineTimer = {
      complaintId,
      clock: 'resolution',
      revision: 1,
      timer: 'deadline',
      fireAt: clock.deadline,
    };
    await eventually(async () => (await ids(scheduler.stuck())).includes(timerId(timer)));
    expect(calls).toBe(ATTEMPTS);
    expect(await scheduler.pending()).toEqual([]);
    return timer;
  }

  beforeEach(async () => {
    errors = [];
    storeUp = false;
    calls = 0;
    escalated = [];
    position = 0n;
    clocks = new RunningClocks(new Database(':memory:'));
    scheduler = new BullMqDeadlineScheduler({
      redisUrl: REDIS_URL,
      prefix: `sg-given-up-${randomUUID()}`,
      attempts: ATTEMPTS,
      backoffMs: BACKOFF_MS,
      onError: (message) => errors.push(message),
    });
    await scheduler.start((timer) => {
      calls += 1;
      if (!storeUp) return Promise.reject(new Error('the event store is unavailable'));
      escalated.push(timer);
      // What the reactor does once the complaint has recorded the missed deadline.
      const clock = clocks.get(timer.complaintId, timer.clock);
      if (clock) record(timer.complaintId, { ...clock, missed: true });
      return Promise.resolve();
    });
  });

  afterEach(async () => {
    await scheduler.queue.obliterate({ force: true });
    await scheduler.close();
    clocks.close();
  });

  it('is scheduled afresh by the next reconciliation once the store is back, fires once, and is not reported again', async () => {
    const timer = await givenUp();
    expect(errors.some((message) => message.includes('given up'))).toBe(true);
    const waiting = runningClock(randomUUID(), new Date(Date.now() + 3_600_000).toISOString());
    record(waiting.complaintId, waiting);

    storeUp = true;
    expect(await reconcileDeadlines(clocks, scheduler)).toEqual({
      expected: 2,
      scheduled: 1,
      repaired: 1,
      cancelled: 0,
    });
    await eventually(() => escalated.length === 1);
    expect(escalated).toEqual([timer]);

    expect(await reconcileDeadlines(clocks, scheduler)).toEqual({
      expected: 1,
      scheduled: 0,
      repaired: 0,
      cancelled: 0,
    });
    await sleep(300);
    expect(escalated).toHaveLength(1);
    expect(calls).toBe(ATTEMPTS + 1);
    expect(await ids(scheduler.pending())).toEqual([`${waiting.complaintId}.r1d`]);
  });

  it('does not block scheduling the same timer again: its spent job is replaced, not kept', async () => {
    const timer = await givenUp();
    storeUp = true;
    await scheduler.scheduleMany([timer]);
    await eventually(() => escalated.length === 1);
    expect(escalated).toEqual([timer]);
    expect(await scheduler.stuck()).toEqual([]);
  });

  it('is removed, and counted as removed, when no running clock wants it any more', async () => {
    const timer = await givenUp();
    record(timer.complaintId, null);
    storeUp = true;
    expect(await reconcileDeadlines(clocks, scheduler)).toEqual({
      expected: 0,
      scheduled: 0,
      repaired: 0,
      cancelled: 1,
    });
    expect(await scheduler.stuck()).toEqual([]);
    expect(await reconcileDeadlines(clocks, scheduler)).toEqual({
      expected: 0,
      scheduled: 0,
      repaired: 0,
      cancelled: 0,
    });
    await sleep(300);
    expect(escalated).toEqual([]);
  });

  it('is left alone by a worker starting with clocks behind the store, which removes nothing it does not know', async () => {
    // A live timer this worker's clocks do not hold yet: another worker scheduled it.
    const live: DeadlineTimer = {
      complaintId: randomUUID(),
      clock: 'resolution',
      revision: 1,
      timer: 'deadline',
      fireAt: new Date(Date.now() + 3_600_000).toISOString(),
    };
    await scheduler.schedule(live);
    const known = runningClock(randomUUID(), new Date(Date.now() + 3_600_000).toISOString());
    record(known.complaintId, known);
    expect(await reconcileDeadlines(clocks, scheduler, { removeUnwanted: false })).toEqual({
      expected: 1,
      scheduled: 1,
      repaired: 0,
      cancelled: 0,
    });
    expect(await ids(scheduler.pending())).toEqual(
      [timerId(live), `${known.complaintId}.r1d`].sort(),
    );
    // Once caught up (and still not wanted), the scheduled reconciliation removes it.
    expect((await reconcileDeadlines(clocks, scheduler)).cancelled).toBe(1);
  });
});

import {
  complaintStream,
  DEFAULT_POLICY,
  type EventOf,
  evolveClocks,
  type ComplaintEvent,
  schemaVersionOf,
  startClock,
  stopClock,
} from '@sg/complaints';
import {
  DeadlineReactor,
  type DeadlineScheduler,
  InProcessDeadlineScheduler,
  RunningClocks,
} from '@sg/deadlines';
import { envelope, type RecordedEvent, SqliteEventStore } from '@sg/event-store';
import { WorkingDayCalendar } from '@sg/working-days';
import Database from 'better-sqlite3';
import IORedis from 'ioredis';

const COMPLAINT = 'c0ffee00-0000-4000-8000-00000000dead';
const BY = { id: 'u-support', role: 'business-support' as const };
const REFERRED_AT = '2025-04-17T09:00:00.000Z';

/** The resolution clock `started` stopped, in time, the next morning. */
const stoppedNextDay = (started: EventOf<'ClockStarted'>) =>
  stopClock(
    { clocks: evolveClocks({}, started), policy: DEFAULT_POLICY },
    'resolution',
    '2025-04-18T09:00:00.000Z',
    BY,
  );

describe('the deadline reactor when an event was parked', () => {
  it('counts Redis refusing or dropping the connection as an outage to wait out, not a bad event', async () => {
    const reactor = new DeadlineReactor(
      new RunningClocks(new Database(':memory:')),
      new InProcessDeadlineScheduler(),
    );
    // What the scheduler's producer connection (no offline queue) answers when Redis is down.
    const unreachable = new IORedis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
    });
    unreachable.on('error', () => undefined);
    const error: unknown = await unreachable.set('k', 'v').then(
      () => null,
      (refused: unknown) => refused,
    );
    unreachable.disconnect();
    expect(error).toBeInstanceOf(Error);
    expect(reactor.isTransient(error)).toBe(true);
    expect(
      reactor.isTransient(new TypeError("Cannot read properties of undefined (reading 'clock')")),
    ).toBe(false);
  });

  it('retried late, a clock event is folded with what came after it, not laid over it', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const clocks = new RunningClocks(new Database(':memory:'));
    const scheduler = new InProcessDeadlineScheduler();
    const reactor = new DeadlineReactor(clocks, scheduler, store);
    const started = startClock(
      new WorkingDayCalendar(),
      { clocks: {}, policy: DEFAULT_POLICY },
      'resolution',
      REFERRED_AT,
      BY,
    );
    const stopped = stoppedNextDay(started);
    const history: ComplaintEvent[] = [started, ...stopped];
    await store.appendToStream(
      complaintStream(COMPLAINT),
      history.map((event) => envelope(event, { schemaVersion: schemaVersionOf(event.type) })),
      { expectedRevision: 'no_stream' },
    );
    const recorded: RecordedEvent[] = [];
    for await (const event of store.readAll()) recorded.push(event);

    // The start was parked; the stop was handled; then someone asks for the start again.
    await reactor.skip(recorded[0]);
    await reactor.handle(recorded[1]);
    await reactor.retry(recorded[0]);

    expect(clocks.get(COMPLAINT, 'resolution')).toBeNull();
    expect(await scheduler.pending()).toEqual([]);
    expect(clocks.position()).toEqual(recorded[1].position);
    await scheduler.close();
    await store.close();
  });
});

describe('the deadline reactor taking a batch of events', () => {
  it('moves each clock’s timers once, and commits the clocks and the checkpoint together', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const clocks = new RunningClocks(new Database(':memory:'));
    const scheduler = new InProcessDeadlineScheduler();
    const calls: string[] = [];
    /** The scheduler, with some of its methods replaced. */
    const alike = (overrides: Partial<DeadlineScheduler>): DeadlineScheduler =>
      Object.assign(Object.create(scheduler) as DeadlineScheduler, overrides);
    const watched = alike({
      schedule: (timer) => {
        calls.push(`schedule ${timer.complaintId} ${timer.timer}`);
        return scheduler.schedule(timer);
      },
      cancel: (id) => {
        calls.push(`cancel ${id}`);
        return scheduler.cancel(id);
      },
    });
    const reactor = new DeadlineReactor(clocks, watched, store);
    const calendar = new WorkingDayCalendar();
    const start = (at: string) =>
      startClock(calendar, { clocks: {}, policy: DEFAULT_POLICY }, 'resolution', at, BY);
    const started = start(REFERRED_AT);
    const stopped = stoppedNextDay(started);
    const other = 'c0ffee00-0000-4000-8000-00000000beef';
    const append = (complaintId: string, events: readonly ComplaintEvent[]) =>
      store.appendToStream(
        complaintStream(complaintId),
        events.map((event) => envelope(event, { schemaVersion: schemaVersionOf(event.type) })),
        { expectedRevision: 'no_stream' },
      );
    await append(COMPLAINT, [started, ...stopped]);
    await append(other, [start(REFERRED_AT)]);
    const recorded: RecordedEvent[] = [];
    for await (const event of store.readAll()) recorded.push(event);

    await reactor.handleBatch(recorded);
    // Started and stopped within the batch: its timers were never wanted, so never scheduled.
    expect(calls).toEqual([`schedule ${other} warning`, `schedule ${other} deadline`]);
    expect(clocks.get(COMPLAINT, 'resolution')).toBeNull();
    expect(clocks.get(other, 'resolution')).toMatchObject({ status: 'running' });
    expect((await scheduler.pending()).map((timer) => timer.complaintId)).toEqual([other, other]);
    expect(clocks.position()).toEqual(recorded[recorded.length - 1].position);

    // A batch whose scheduling fails commits nothing: neither clock nor checkpoint.
    const third = 'c0ffee00-0000-4000-8000-00000000f00d';
    await append(third, [start('2025-04-22T09:00:00.000Z')]);
    const [late] = await (async () => {
      const found: RecordedEvent[] = [];
      for await (const event of store.readStream(complaintStream(third))) found.push(event);
      return found;
    })();
    const refusing = new DeadlineReactor(
      clocks,
      alike({ schedule: () => Promise.reject(new Error('Connection is closed.')) }),
      store,
    );
    await expect(refusing.handleBatch([late])).rejects.toThrow('Connection is closed.');
    expect(clocks.get(third, 'resolution')).toBeNull();
    expect(clocks.position()).toEqual(recorded[recorded.length - 1].position);
    await scheduler.close();
    await store.close();
  });
});

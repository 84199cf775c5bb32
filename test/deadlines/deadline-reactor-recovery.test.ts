import {
  complaintStream,
  DEFAULT_POLICY,
  type ComplaintEvent,
  schemaVersionOf,
  startClock,
  stopClock,
} from '@sg/complaints';
import { DeadlineReactor, InProcessDeadlineScheduler, RunningClocks } from '@sg/deadlines';
import { envelope, type RecordedEvent, SqliteEventStore } from '@sg/event-store';
import { WorkingDayCalendar } from '@sg/working-days';
import Database from 'better-sqlite3';
import IORedis from 'ioredis';

const COMPLAINT = 'c0ffee00-0000-4000-8000-00000000dead';
const BY = { id: 'u-support', role: 'business-support' as const };
const REFERRED_AT = '2025-04-17T09:00:00.000Z';

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
    const stopped = stopClock(
      {
        clocks: {
          resolution: {
            kind: 'resolution',
            status: 'running',
            timing: started.data.timing,
            remainingWorkingDays: null,
            extendedBy: 0,
            warned: false,
            missed: false,
            metDeadline: null,
          },
        },
        policy: DEFAULT_POLICY,
      },
      'resolution',
      '2025-04-18T09:00:00.000Z',
      BY,
    );
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

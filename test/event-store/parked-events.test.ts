import Database from 'better-sqlite3';
import {
  CheckpointedRunner,
  isTransientFailure,
  lagOf,
  type Position,
  type Reaction,
  type RecordedEvent,
  scanLag,
  SqliteCheckpointStore,
  SqliteEventStore,
  SqliteParkedEventStore,
  SqliteReactionProgressStore,
} from '@sg/event-store';
import { eventually } from '../support/eventually';
import { newEvent } from './event-store-conformance';

const numberOf = (event: RecordedEvent) => (event.data as { n: number }).n;

describe('parking an event a reaction cannot handle', () => {
  let store: SqliteEventStore;
  let db: Database.Database;
  let checkpoints: SqliteCheckpointStore;
  let parked: SqliteParkedEventStore;
  let progress: SqliteReactionProgressStore;
  let errors: string[];

  const runner = (options: { attemptsBeforeParking?: number } = {}) =>
    new CheckpointedRunner(store, checkpoints, {
      retryDelayMs: { first: 2, max: 10 },
      retryRequestPollMs: 10,
      attemptsBeforeParking: options.attemptsBeforeParking ?? 3,
      parkedEvents: parked,
      progress,
      logger: { error: (message) => errors.push(message) },
    });

  async function append(stream: string, from: number, count: number): Promise<Position> {
    let last: Position | undefined;
    for (let n = from; n < from + count; n += 1)
      last = (
        await store.appendToStream(stream, [newEvent('Numbered', { n })], {
          expectedRevision: 'any',
        })
      ).position;
    return last!;
  }

  /** A reaction that fails on every event whose number is in `failOn`, until it is taken out. */
  const failing = (seen: number[], failOn: Set<number>, name = 'mailer'): Reaction => ({
    name,
    checkpoints: 'runner',
    handle: (event) => {
      if (failOn.has(numberOf(event)))
        return Promise.reject(new Error(`no template for event ${numberOf(event)}`));
      seen.push(numberOf(event));
      return Promise.resolve();
    },
  });

  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:' });
    db = new Database(':memory:');
    checkpoints = new SqliteCheckpointStore(db);
    parked = new SqliteParkedEventStore(db);
    progress = new SqliteReactionProgressStore(db);
    errors = [];
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  it('parks an event after the attempts allowed, records it with its error, and goes on', async () => {
    const seen: number[] = [];
    const running = runner().start(failing(seen, new Set([2])));
    const last = await append('complaint-1', 0, 5);
    await running.reached(last);
    await running.stop();

    expect(seen).toEqual([0, 1, 3, 4]);
    const [record] = await parked.waiting('mailer');
    const poison = (await collect(store.readStream('complaint-1')))[2];
    expect(record).toMatchObject({
      reaction: 'mailer',
      position: poison.position,
      stream: 'complaint-1',
      revision: 2n,
      eventId: poison.id,
      type: 'Numbered',
      error: 'no template for event 2',
      attempts: 3,
      status: 'parked',
    });
    expect(record.parkedAt).toBeInstanceOf(Date);
    expect(await checkpoints.load('mailer')).toEqual(last);
    expect(errors.filter((e) => e.includes('retrying'))).toHaveLength(2);
    expect(errors.find((e) => e.includes('parked'))).toMatch(
      new RegExp(`mailer parked Numbered ${poison.id} .* after 3 attempts, and goes on`),
    );
  });

  it('hands a failed batch over again one event at a time, so only the event that fails is parked', async () => {
    const seen: number[] = [];
    const batches: number[][] = [];
    const failOn = new Set([3]);
    const reaction = failing(seen, failOn, 'batching-mailer');
    const running = runner().start({
      ...reaction,
      // All or nothing, as a transaction: nothing of a batch with the bad event in it stays.
      handleBatch: (events) => {
        const numbers = events.map(numberOf);
        batches.push(numbers);
        if (numbers.some((n) => failOn.has(n)))
          return Promise.reject(new Error('the batch has an event without a template'));
        seen.push(...numbers);
        return Promise.resolve();
      },
    });
    const together = (from: number, count: number) =>
      store.appendToStream(
        'complaint-8',
        Array.from({ length: count }, (_, i) => newEvent('Numbered', { n: from + i })),
        { expectedRevision: from === 0 ? 'no_stream' : BigInt(from - 1) },
      );
    await running.reached((await together(0, 6)).position);
    expect(seen).toEqual([0, 1, 2, 4, 5]);
    expect(batches[0]).toEqual([0, 1, 2, 3, 4, 5]);
    const [record] = await parked.waiting('batching-mailer');
    expect(record).toMatchObject({
      revision: 3n,
      error: 'no template for event 3',
      attempts: 3,
    });
    expect(errors.filter((e) => e.includes('retrying'))).toHaveLength(2);

    // Past the failed batch, ready events go in batches again.
    batches.length = 0;
    await running.reached((await together(6, 3)).position);
    await running.stop();
    expect(batches).toEqual([[6, 7, 8]]);
    expect(seen).toEqual([0, 1, 2, 4, 5, 6, 7, 8]);
    expect(await checkpoints.load('batching-mailer')).toEqual(running.position);
  });

  it('passes over a parked event in the middle of a batch, handing over those either side of it', async () => {
    const seen: number[] = [];
    const batches: number[][] = [];
    const failOn = new Set([1]);
    const reaction = (): Reaction => ({
      ...failing(seen, failOn, 'batching-clocks'),
      handleBatch: (events) => {
        const numbers = events.map(numberOf);
        batches.push(numbers);
        if (numbers.some((n) => failOn.has(n))) return Promise.reject(new Error('bad clock'));
        seen.push(...numbers);
        return Promise.resolve();
      },
    });
    const first = runner().start(reaction());
    await first.reached(await append('complaint-9', 0, 2));
    await first.stop();
    expect(seen).toEqual([0]);
    expect((await parked.waiting('batching-clocks')).map((p) => p.revision)).toEqual([1n]);

    // Started again from before the parked event (a checkpoint a crash left behind), with it
    // among events that are all ready together.
    const later = await store.appendToStream(
      'complaint-9',
      [2, 3, 4].map((n) => newEvent('Numbered', { n })),
      { expectedRevision: 1n },
    );
    const behind = new SqliteCheckpointStore(new Database(':memory:'));
    await behind.save(
      'batching-clocks',
      (await collect(store.readStream('complaint-9')))[0].position,
    );
    seen.length = 0;
    batches.length = 0;
    const second = new CheckpointedRunner(store, behind, {
      parkedEvents: parked,
      progress,
      logger: { error: (message) => errors.push(message) },
    }).start(reaction());
    await second.reached(later.position);
    await second.stop();
    expect(batches).toEqual([[2, 3, 4]]);
    expect(seen).toEqual([2, 3, 4]);
  });

  it('never hands a parked event to a reaction that keeps its own checkpoint, even after a restart', async () => {
    // Like the deadline reactor: its checkpoint is written with its rows, and it has no `skip`.
    let ownCheckpoint: Position | null = null;
    const seen: number[] = [];
    const failOn = new Set([1]);
    const selfCheckpointed = (): Reaction => ({
      name: 'clocks',
      checkpoints: { loadCheckpoint: () => Promise.resolve(ownCheckpoint) },
      handle: (event) => {
        if (failOn.has(numberOf(event))) return Promise.reject(new Error('bad clock'));
        seen.push(numberOf(event));
        ownCheckpoint = event.position;
        return Promise.resolve();
      },
    });
    const first = runner().start(selfCheckpointed());
    const poison = await append('complaint-2', 0, 2);
    await first.reached(poison);
    await first.stop();
    expect(ownCheckpoint).not.toEqual(poison);

    const second = runner().start(selfCheckpointed());
    await second.reached(poison);
    const later = await append('complaint-2', 2, 1);
    await second.reached(later);
    await second.stop();
    expect(seen).toEqual([0, 2]);
    expect((await parked.waiting('clocks')).map((p) => p.attempts)).toEqual([3]);
  });

  it('lets a reaction that keeps its own checkpoint move it past the parked event itself', async () => {
    let ownCheckpoint: Position | null = null;
    const skipped: number[] = [];
    const running = runner().start({
      name: 'read-model',
      checkpoints: { loadCheckpoint: () => Promise.resolve(ownCheckpoint) },
      handle: (event) => {
        if (numberOf(event) === 0) return Promise.reject(new Error('cannot fold'));
        ownCheckpoint = event.position;
        return Promise.resolve();
      },
      skip: (event) => {
        skipped.push(numberOf(event));
        ownCheckpoint = event.position;
        return Promise.resolve();
      },
    });
    const poison = await append('complaint-3', 0, 1);
    await running.reached(poison);
    await running.stop();
    expect(skipped).toEqual([0]);
    expect(ownCheckpoint).toEqual(poison);
  });

  it('retries a parked event when asked: once the cause is fixed it is handled and no longer parked', async () => {
    const seen: number[] = [];
    const failOn = new Set([1]);
    const running = runner().start(failing(seen, failOn));
    await running.reached(await append('complaint-4', 0, 3));
    const [record] = await parked.waiting('mailer');

    await parked.requestRetry(record.id, new Date());
    await eventually(async () => (await parked.get(record.id))?.status === 'parked');
    expect(await parked.get(record.id)).toMatchObject({
      error: 'no template for event 1',
      attempts: 4,
      retriedAt: expect.any(Date),
    });

    failOn.clear();
    await parked.requestRetry(record.id, new Date());
    await eventually(async () => (await parked.get(record.id))?.status === 'retried');
    await running.stop();
    expect(seen).toEqual([0, 2, 1]);
    expect(await parked.waiting()).toEqual([]);
    // Handled late, it did not take the reaction back to it.
    expect(await checkpoints.load('mailer')).toEqual(running.position);
  });

  it('hands a retried event to the reaction’s own `retry` when it has one', async () => {
    const late: number[] = [];
    let broken = true;
    const running = runner().start({
      name: 'late-aware',
      checkpoints: 'runner',
      handle: (event) =>
        broken && numberOf(event) === 0 ? Promise.reject(new Error('broken')) : Promise.resolve(),
      retry: (event) => {
        late.push(numberOf(event));
        return Promise.resolve();
      },
    });
    await running.reached(await append('complaint-5', 0, 2));
    broken = false;
    const [record] = await parked.waiting('late-aware');
    await parked.requestRetry(record.id, new Date());
    await eventually(async () => (await parked.get(record.id))?.status === 'retried');
    await running.stop();
    expect(late).toEqual([0]);
  });

  it('never parks a failure that says something is down: it retries until it passes', async () => {
    let refusals = 6;
    const seen: number[] = [];
    const running = runner({ attemptsBeforeParking: 2 }).start({
      name: 'smtp',
      checkpoints: 'runner',
      handle: (event) => {
        if (refusals > 0) {
          refusals -= 1;
          const error = new Error('connect ECONNREFUSED 127.0.0.1:25') as Error & { code: string };
          error.code = 'ECONNREFUSED';
          return Promise.reject(new Error('cannot send', { cause: error }));
        }
        seen.push(numberOf(event));
        return Promise.resolve();
      },
    });
    await running.reached(await append('complaint-6', 0, 2));
    await running.stop();
    expect(seen).toEqual([0, 1]);
    expect(await parked.waiting()).toEqual([]);
    expect(errors[5]).toMatch(/attempt 6 at .*; something is down, so it is not parked/);
  });

  it('reports each reaction’s position, lag, last error and parked events, and records them for other processes', async () => {
    const failOn = new Set([1]);
    const blocked = { now: false };
    const r = runner({ attemptsBeforeParking: 2 });
    const running = r.start({
      name: 'reporter',
      checkpoints: 'runner',
      filter: { streamPrefixes: ['complaint-'] },
      handle: (event) => {
        if (failOn.has(numberOf(event))) return Promise.reject(new Error('cannot render'));
        if (blocked.now) {
          const busy = new Error('database is locked') as Error & { code: string };
          busy.code = 'SQLITE_BUSY';
          return Promise.reject(busy);
        }
        return Promise.resolve();
      },
    });
    const reached = await append('complaint-7', 0, 3);
    await running.reached(reached);
    await append('school-1', 0, 4);
    const [caughtUp] = await r.reports();
    expect(caughtUp).toMatchObject({
      name: 'reporter',
      position: String(reached.commit),
      lag: { events: 0, atLeast: false, oldestWaitingSeconds: null },
      lastError: {
        message: 'cannot render',
        at: expect.any(String),
        eventId: expect.any(String),
        attempts: 2,
      },
      parked: 1,
    });

    blocked.now = true;
    await append('complaint-7', 3, 2);
    await eventually(
      async () => (await r.reports())[0].lastError?.message === 'database is locked',
    );
    const [behind] = await r.reports();
    expect(behind.position).toBe(String(reached.commit));
    expect(behind.lag).toEqual({
      events: 2,
      atLeast: false,
      oldestWaitingSeconds: expect.any(Number),
    });

    await eventually(async () =>
      (await progress.all()).some((p) => p.lastError?.message === 'database is locked'),
    );
    const [recorded] = await progress.all();
    expect(recorded).toMatchObject({
      reaction: 'reporter',
      filter: { streamPrefixes: ['complaint-'] },
      position: reached,
    });
    blocked.now = false;
    await running.stop();
    expect((await r.reports()).map((report) => report.name)).toEqual([]);
  });
});

describe('SqliteCheckpointStore', () => {
  it('never moves a checkpoint back', async () => {
    const checkpoints = new SqliteCheckpointStore(new Database(':memory:'));
    await checkpoints.save('r', { commit: 10n, prepare: 10n });
    await checkpoints.save('r', { commit: 4n, prepare: 4n });
    expect(await checkpoints.load('r')).toEqual({ commit: 10n, prepare: 10n });
    await checkpoints.save('r', { commit: 11n, prepare: 11n });
    expect(await checkpoints.load('r')).toEqual({ commit: 11n, prepare: 11n });
  });
});

describe('isTransientFailure', () => {
  const coded = (code: string) => Object.assign(new Error(code), { code });

  it('knows a failure that says something is down, however deeply it is wrapped', () => {
    expect(isTransientFailure(coded('ECONNREFUSED'))).toBe(true);
    expect(isTransientFailure(new Error('x', { cause: coded('SQLITE_IOERR_WRITE') }))).toBe(true);
    expect(isTransientFailure(new AggregateError([coded('ETIMEDOUT')]))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('x'), { type: 'unavailable' }))).toBe(true);
  });

  it('knows a PostgreSQL server that ended the connection (a restart, a failover)', () => {
    expect(isTransientFailure(coded('57P01'))).toBe(true);
    expect(isTransientFailure(coded('08006'))).toBe(true);
    expect(isTransientFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientFailure(coded('23505'))).toBe(false);
  });

  it('takes any other failure as the event’s', () => {
    expect(isTransientFailure(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isTransientFailure(coded('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBe(false);
    expect(isTransientFailure('a string')).toBe(false);
  });
});

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('scanLag', () => {
  it('counts a long backlog a part per look while the reaction stays where it is', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const append = async (stream: string) =>
      (await store.appendToStream(stream, [newEvent('Numbered')], { expectedRevision: 'any' }))
        .position;
    const position = await append('complaint-1');
    for (let i = 0; i < 4; i += 1) {
      await append('complaint-1');
      await append('school-1');
    }
    const filter = { streamPrefixes: ['complaint-'] };
    const first = await scanLag(store, position, filter, { readLimit: 3 });
    expect(first).toMatchObject({ events: 2, atLeast: true });
    const second = await scanLag(store, position, filter, { readLimit: 3, previous: first });
    expect(second).toMatchObject({ events: 3, atLeast: true });
    const third = await scanLag(store, position, filter, { readLimit: 3, previous: second });
    expect(third).toMatchObject({ events: 4, atLeast: false });
    expect(lagOf(third, new Date(Date.now() + 5_000)).oldestWaitingSeconds).toBeGreaterThanOrEqual(
      5,
    );
    // Once the reaction moves, the count starts again from where it is.
    const moved = await scanLag(store, third.through, filter, { readLimit: 3, previous: third });
    expect(moved).toMatchObject({ events: 0, atLeast: false, oldestWaiting: null });
    await store.close();
  });
});

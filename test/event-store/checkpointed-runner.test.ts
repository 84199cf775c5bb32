import Database from 'better-sqlite3';
import {
  CheckpointedRunner,
  type Position,
  type Reaction,
  type RecordedEvent,
  SqliteCheckpointStore,
  SqliteEventStore,
} from '@sg/event-store';
import { newEvent } from './event-store-conformance';

const quietLogger = () => {
  const errors: string[] = [];
  return { errors, logger: { error: (message: string) => errors.push(message) } };
};

async function appendNumbered(
  store: SqliteEventStore,
  stream: string,
  from: number,
  count: number,
) {
  let last: Position | undefined;
  for (let n = from; n < from + count; n += 1) {
    last = (
      await store.appendToStream(stream, [newEvent('Numbered', { n })], { expectedRevision: 'any' })
    ).position;
  }
  return last!;
}

describe('CheckpointedRunner', () => {
  let store: SqliteEventStore;
  let checkpointDb: Database.Database;
  let checkpoints: SqliteCheckpointStore;

  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:' });
    checkpointDb = new Database(':memory:');
    checkpoints = new SqliteCheckpointStore(checkpointDb);
  });

  afterEach(async () => {
    await store.close();
    checkpointDb.close();
  });

  const counting = (seen: number[]): Reaction => ({
    name: 'counting',
    checkpoints: 'runner',
    handle: (event) => {
      seen.push((event.data as { n: number }).n);
      return Promise.resolve();
    },
  });

  it('feeds every event once, stores the checkpoint, and resumes after it on restart', async () => {
    const runner = new CheckpointedRunner(store, checkpoints);
    const seen: number[] = [];
    const first = runner.start(counting(seen));
    await first.reached(await appendNumbered(store, 'complaint-1', 0, 5));
    await first.stop();
    expect(await checkpoints.load('counting')).toEqual(first.position);

    const whileStopped = await appendNumbered(store, 'complaint-1', 5, 3);
    const second = runner.start(counting(seen));
    await second.reached(whileStopped);
    await second.reached(await appendNumbered(store, 'complaint-1', 8, 2));
    await second.stop();
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('retries a failing event from the checkpoint instead of skipping it', async () => {
    const { errors, logger } = quietLogger();
    const runner = new CheckpointedRunner(store, checkpoints, {
      retryDelayMs: { first: 5, max: 20 },
      logger,
    });
    const seen: number[] = [];
    let failures = 0;
    const running = runner.start({
      name: 'flaky',
      checkpoints: 'runner',
      handle: (event) => {
        const { n } = event.data as { n: number };
        if (n === 3 && failures < 3) {
          failures += 1;
          return Promise.reject(new Error('the mail server is down'));
        }
        seen.push(n);
        return Promise.resolve();
      },
    });
    await running.reached(await appendNumbered(store, 'complaint-2', 0, 6));
    await running.stop();
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/flaky failed after 3; retrying in 5 ms: the mail server is down/);
  });

  it('lets a read model keep its checkpoint in its own transaction, applying each event once', async () => {
    const readDb = new Database(':memory:');
    readDb.exec(
      'CREATE TABLE rows (event_id TEXT PRIMARY KEY, n INTEGER); CREATE TABLE position (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER)',
    );
    const apply = readDb.transaction((event: RecordedEvent) => {
      readDb
        .prepare('INSERT INTO rows VALUES (?, ?)')
        .run(event.id, (event.data as { n: number }).n);
      readDb
        .prepare(
          'INSERT INTO position VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value',
        )
        .run(event.position.commit);
    });
    let crashAt: number | null = 4;
    const readModel = (): Reaction => ({
      name: 'read-model',
      checkpoints: {
        loadCheckpoint: () => {
          const row = readDb.prepare('SELECT value FROM position').safeIntegers(true).get() as
            { value: bigint } | undefined;
          return Promise.resolve(row ? { commit: row.value, prepare: row.value } : null);
        },
      },
      handle: (event) => {
        apply(event);
        // A crash after the transaction committed but before anyone heard back.
        if ((event.data as { n: number }).n === crashAt) {
          crashAt = null;
          return Promise.reject(new Error('crashed'));
        }
        return Promise.resolve();
      },
    });
    const { logger } = quietLogger();
    const runner = new CheckpointedRunner(store, checkpoints, {
      retryDelayMs: { first: 5, max: 5 },
      logger,
    });
    const running = runner.start(readModel());
    await running.reached(await appendNumbered(store, 'complaint-3', 0, 10));
    await running.stop();
    // A second delivery of event 4 would have broken the primary key and failed forever.
    expect(
      (readDb.prepare('SELECT n FROM rows ORDER BY n').all() as { n: number }[]).map((r) => r.n),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await checkpoints.load('read-model')).toBeNull();
    readDb.close();
  });

  it('sees only the events its filter lets through', async () => {
    const runner = new CheckpointedRunner(store, checkpoints);
    const streams: string[] = [];
    const running = runner.start({
      name: 'complaints-only',
      checkpoints: 'runner',
      filter: { streamPrefixes: ['complaint-'] },
      handle: (event) => {
        streams.push(event.stream);
        return Promise.resolve();
      },
    });
    await appendNumbered(store, 'school-100', 0, 2);
    const last = await appendNumbered(store, 'complaint-4', 0, 2);
    await running.reached(last);
    await running.stop();
    expect(streams).toEqual(['complaint-4', 'complaint-4']);
  });

  it('hands a reaction with handleBatch every event it has ready at once, checkpointed once', async () => {
    const saved: Position[] = [];
    const counted = {
      load: (name: string) => checkpoints.load(name),
      save: (name: string, position: Position) => {
        saved.push(position);
        return checkpoints.save(name, position);
      },
    };
    // Six events stored before the reaction starts: all ready together.
    const stored = await store.appendToStream(
      'complaint-5',
      Array.from({ length: 6 }, (_, n) => newEvent('Numbered', { n })),
      { expectedRevision: 'no_stream' },
    );
    const batches: number[][] = [];
    const singles: number[] = [];
    const numbers = (events: readonly RecordedEvent[]) =>
      events.map((event) => (event.data as { n: number }).n);
    const batching = (): Reaction => ({
      name: 'batching',
      checkpoints: 'runner',
      handle: (event) => {
        singles.push(...numbers([event]));
        return Promise.resolve();
      },
      handleBatch: (events) => {
        batches.push(numbers(events));
        return Promise.resolve();
      },
    });
    const runner = new CheckpointedRunner(store, counted);
    const running = runner.start(batching());
    await running.reached(stored.position);
    expect(batches).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(singles).toEqual([]);
    expect(saved).toEqual([stored.position]);

    // Live, a lone event goes to `handle` as soon as it is stored, without waiting for company.
    const lone = await appendNumbered(store, 'complaint-5', 6, 1);
    await running.reached(lone);
    expect(singles).toEqual([6]);
    await running.stop();

    // No batch is longer than the runner allows.
    const limited = new CheckpointedRunner(store, new SqliteCheckpointStore(checkpointDb), {
      maxBatch: 4,
    });
    batches.length = 0;
    singles.length = 0;
    const again = limited.start({ ...batching(), name: 'batching-by-four' });
    await again.reached(lone);
    await again.stop();
    expect(batches).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('stops promptly while waiting for events', async () => {
    const runner = new CheckpointedRunner(store, checkpoints);
    const running = runner.start(counting([]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await running.stop();
    expect(running.position).toBeNull();
  });
});

import { randomInt, randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  comparePositions,
  createEventStore,
  DuplicateEventIdError,
  InvalidAppendError,
  PostgresEventStore,
  type PostgresEventStoreOptions,
  type RecordedEvent,
  type Subscription,
} from '@sg/event-store';
import { collect, newEvent } from './event-store-conformance';
import {
  dropSchema,
  postgresTestUrl,
  requirePostgres,
  throwawaySchema,
  withClient,
} from './postgres-test-database';

jest.setTimeout(60_000);

const schema = throwawaySchema();
beforeAll(() => requirePostgres());
afterAll(() => dropSchema(schema));

const table = `"${schema}".events`;
const listenerName = `event-store/${schema}/listen`;
/** A poll so slow that only a notification, or a look the store decides on itself, ends a wait. */
const AN_HOUR = 3_600_000;

const stores: PostgresEventStore[] = [];
const sessions: pg.Client[] = [];
afterEach(async () => {
  // Ending a session rolls back what it holds open, which would otherwise hold every later read.
  await Promise.all(sessions.splice(0).map((session) => session.end().catch(() => undefined)));
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

/** A connection of the test's own, as another program would hold one. */
async function session(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgresTestUrl });
  client.on('error', () => undefined);
  sessions.push(client);
  await client.connect();
  return client;
}

function open(options: Partial<PostgresEventStoreOptions> = {}): PostgresEventStore {
  const store = new PostgresEventStore({ connectionString: postgresTestUrl, schema, ...options });
  stores.push(store);
  return store;
}

const uniquePrefix = (name: string) => `${name}-${randomUUID().slice(0, 8)}-`;
const ids = (events: readonly { id: string }[]) => events.map((event) => event.id);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  return (await withClient((client) => client.query<Row>(text, values))).rows;
}

/** Waits for a condition of the server to hold; the test's timeout bounds it. */
async function until(holds: () => Promise<boolean>): Promise<void> {
  while (!(await holds())) await pause(5);
}

const expectIncreasing = (events: readonly RecordedEvent[]) => {
  for (let i = 1; i < events.length; i += 1) {
    expect(comparePositions(events[i - 1].position, events[i].position)).toBeLessThan(0);
  }
};

/** Consumes a subscription in the background. */
function follow(subscription: Subscription) {
  const received: RecordedEvent[] = [];
  let failure: Error | undefined;
  let arrived = () => {};
  const consumed = (async () => {
    try {
      for await (const event of subscription) {
        received.push(event);
        arrived();
      }
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      arrived();
    }
  })();
  return {
    received,
    /** Every event received up to and including the one with this id. */
    async through(id: string): Promise<RecordedEvent[]> {
      for (;;) {
        const at = received.findIndex((event) => event.id === id);
        if (at >= 0) return received.slice(0, at + 1);
        if (failure) throw failure;
        await new Promise<void>((resolve) => (arrived = resolve));
      }
    },
    async stop(): Promise<void> {
      await subscription.stop();
      await consumed;
    },
  };
}

/** The server time, read after everything the caller has awaited. */
const serverNow = async () =>
  (await query<{ now: string }>('SELECT clock_timestamp()::text AS now'))[0].now;

/** Whether the store's subscription has finished a read that started after `since`. */
const subscriptionReadSince = async (since: string) =>
  (
    await query<{ reads: number }>(
      `SELECT count(*)::int AS reads FROM pg_stat_activity
       WHERE application_name = $1 AND state = 'idle' AND query_start > $2::timestamptz`,
      [listenerName, since],
    )
  )[0].reads === 1;

const listenerPids = async () =>
  (
    await query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
      listenerName,
    ])
  ).map((row) => row.pid);

describe('PostgreSQL event store: the global order', () => {
  it('delivers an event whose transaction took a lower sequence number but committed after a higher one, in order and once, where reading by sequence number alone skips it', async () => {
    const prefix = uniquePrefix('interleaved');
    const store = open();
    await store.headPosition();
    const subscription = follow(
      store.subscribeToAll({ fromPosition: 'start', filter: { streamPrefixes: [prefix] } }),
    );
    // A reader that orders by sequence number alone, starting where the store is now.
    let naiveCursor = (
      await query<{ last: string }>(
        `SELECT coalesce(max(sequence_number), 0)::text AS last FROM ${table}`,
      )
    )[0].last;
    const naiveSeen: string[] = [];
    const readBySequenceNumber = async () => {
      const rows = await query<{ id: string; sequence_number: string }>(
        `SELECT id::text AS id, sequence_number::text AS sequence_number FROM ${table}
         WHERE sequence_number > $1 ORDER BY sequence_number`,
        [naiveCursor],
      );
      for (const row of rows) {
        naiveSeen.push(row.id);
        naiveCursor = row.sequence_number;
      }
    };

    // Another session holds an uncommitted row at revision 0 of stream A: the append to A takes
    // its sequence number, then waits on the unique index for that session to end.
    const holder = await session();
    await holder.query('BEGIN');
    await holder.query(
      `INSERT INTO ${table} (stream, revision, id, type, data, metadata, recorded_at)
       VALUES ($1, 0, $2, 'Held', '{}', '{"schemaVersion":1}', now())`,
      [`${prefix}a`, randomUUID()],
    );
    const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))
      .rows[0].pid;
    const a = newEvent('TookTheLowerNumber');
    const appendingA = store.appendToStream(`${prefix}a`, [a], { expectedRevision: 'any' });
    await until(
      async () =>
        (
          await query<{ waiting: number }>(
            'SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
            [holderPid],
          )
        )[0].waiting === 1,
    );

    // B takes the next number and commits while A is still waiting.
    const b = newEvent('TookTheHigherNumber');
    const appendedB = await store.appendToStream(`${prefix}b`, [b], {
      expectedRevision: 'no_stream',
    });
    const bCommitted = await serverNow();
    await readBySequenceNumber();
    // The running subscription, woken by B's notification, has read the store since B committed.
    await until(() => subscriptionReadSince(bCommitted));

    await holder.query('ROLLBACK');
    const appendedA = await appendingA;
    await readBySequenceNumber();

    // A's number is lower than B's, but A committed after B had been read by sequence number.
    expect(appendedA.position.prepare).toBeLessThan(appendedB.position.prepare);
    expect(naiveSeen).toEqual([b.id]);

    const c = newEvent('CameAfter');
    await store.appendToStream(`${prefix}c`, [c], { expectedRevision: 'no_stream' });
    const received = await subscription.through(c.id);
    expect(ids(received)).toEqual([a.id, b.id, c.id]);
    expectIncreasing(received);
    expect(received[0].position).toEqual(appendedA.position);
    expect(received[1].position).toEqual(appendedB.position);
    const all = (await collect(store.readAll())).filter((e) => e.stream.startsWith(prefix));
    expect(all.map((e) => [e.id, e.position])).toEqual(received.map((e) => [e.id, e.position]));
    await subscription.stop();
    expect(subscription.received).toHaveLength(3);
  });

  it('gives a subscription every event of many concurrent appenders in several pools exactly once, in increasing position order', async () => {
    const prefix = uniquePrefix('concurrent');
    const reader = open();
    const subscription = follow(
      reader.subscribeToAll({ fromPosition: 'start', filter: { streamPrefixes: [prefix] } }),
    );
    const writers = Array.from({ length: 8 }, () => open({ poolSize: 4 }));
    const appended = new Set<string>();
    // 8 pools, 4 appenders each, 50 appends each: 200 appends a pool, to 12 streams, with
    // `any` so that appenders racing to one revision are run again rather than refused.
    await Promise.all(
      writers.flatMap((writer, w) =>
        Array.from({ length: 4 }, async (_, lane) => {
          for (let i = 0; i < 50; i += 1) {
            const events = Array.from({ length: 1 + (i % 3) }, () =>
              newEvent('Concurrent', { w, lane, i }),
            );
            await writer.appendToStream(`${prefix}${randomInt(12)}`, events, {
              expectedRevision: 'any',
            });
            for (const event of events) appended.add(event.id);
          }
        }),
      ),
    );
    const last = newEvent('Last');
    await reader.appendToStream(`${prefix}last`, [last], { expectedRevision: 'no_stream' });

    const received = await subscription.through(last.id);
    const delivered = ids(received.slice(0, -1));
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(new Set(delivered)).toEqual(appended);
    expectIncreasing(received);

    const all = (await collect(reader.readAll())).filter((e) => e.stream.startsWith(prefix));
    expect(all.map((e) => [e.id, e.position])).toEqual(received.map((e) => [e.id, e.position]));
    // Each stream's events come in revision order, 0 to its last, with none missing.
    const revisions = new Map<string, bigint[]>();
    for (const event of all) {
      revisions.set(event.stream, [...(revisions.get(event.stream) ?? []), event.revision]);
    }
    for (const seen of revisions.values()) {
      expect(seen).toEqual(seen.map((_, i) => BigInt(i)));
    }
    await subscription.stop();
  });
});

describe('PostgreSQL event store: live subscriptions', () => {
  it('is woken by NOTIFY, and catches up after its LISTEN connection is killed', async () => {
    const prefix = uniquePrefix('listen');
    const dropped: unknown[] = [];
    const reader = open({
      pollIntervalMs: AN_HOUR,
      reconnectDelayMs: 10,
      onSubscriptionDropped: (error) => dropped.push(error),
    });
    const writer = open();
    const append = (event: ReturnType<typeof newEvent>) =>
      writer.appendToStream(`${prefix}s`, [event], { expectedRevision: 'any' });
    const [first, second, third, fourth] = [newEvent(), newEvent(), newEvent(), newEvent()];
    await append(first);
    const subscription = reader.subscribeToAll({
      fromPosition: 'start',
      filter: { streamPrefixes: [prefix] },
    });
    const events = subscription[Symbol.asyncIterator]();
    expect(((await events.next()).value as RecordedEvent).id).toBe(first.id);

    // Caught up: the subscription waits, and with an hour's poll only a notification ends it.
    const secondArrives = events.next();
    await append(second);
    expect(((await secondArrives).value as RecordedEvent).id).toBe(second.id);

    // Not asked for more, the subscription reads nothing. Its connection is killed and has
    // ended before the next append, so no notification of it can reach the subscription.
    await until(async () => (await listenerPids()).length === 1);
    const [killed] = await listenerPids();
    expect(
      (
        await query<{ terminated: boolean }>(
          'SELECT pg_terminate_backend($1, 10000) AS terminated',
          [killed],
        )
      )[0].terminated,
    ).toBe(true);
    await append(third);
    expect(((await events.next()).value as RecordedEvent).id).toBe(third.id);
    const replacements = await listenerPids();
    expect(replacements).toHaveLength(1);
    expect(replacements[0]).not.toBe(killed);
    expect(dropped.length).toBeGreaterThanOrEqual(1);

    // The new connection LISTENs: a notification wakes the subscription again.
    const fourthArrives = events.next();
    await append(fourth);
    expect(((await fourthArrives).value as RecordedEvent).id).toBe(fourth.id);
    await subscription.stop();
    expect(await listenerPids()).toEqual([]);
  });

  it('delivers an append whose notification came while an older transaction held the watermark back, once that transaction rolls back', async () => {
    const prefix = uniquePrefix('held-back');
    const reader = open({ pollIntervalMs: AN_HOUR });
    const writer = open();
    const [before, held] = [newEvent(), newEvent()];
    await writer.appendToStream(`${prefix}s`, [before], { expectedRevision: 'no_stream' });
    const subscription = reader.subscribeToAll({
      fromPosition: 'start',
      filter: { streamPrefixes: [prefix] },
    });
    const events = subscription[Symbol.asyncIterator]();
    expect(((await events.next()).value as RecordedEvent).id).toBe(before.id);

    const older = await session();
    await older.query('BEGIN');
    await older.query('SELECT pg_current_xact_id()');
    const heldArrives = events.next();
    await writer.appendToStream(`${prefix}s`, [held], { expectedRevision: 0n });
    const committed = await serverNow();
    // The notification has come and the subscription has read: the older transaction, still
    // running, keeps the append below the watermark out of that read.
    await until(() => subscriptionReadSince(committed));
    // Rolling back sends no notification.
    await older.query('ROLLBACK');
    expect(((await heldArrives).value as RecordedEvent).id).toBe(held.id);
    await subscription.stop();
  });

  it('finds events committed without a notification by polling', async () => {
    const prefix = uniquePrefix('polled');
    const reader = open({ pollIntervalMs: 20 });
    await reader.headPosition();
    const subscription = reader.subscribeToAll({
      fromPosition: 'start',
      filter: { streamPrefixes: [prefix] },
    });
    const events = subscription[Symbol.asyncIterator]();
    const arrives = events.next();
    const id = randomUUID();
    await query(
      `INSERT INTO ${table} (stream, revision, id, type, data, metadata, recorded_at)
       VALUES ($1, 0, $2, 'WrittenBySql', '{"n":1}', '{"schemaVersion":1}', now())`,
      [`${prefix}s`, id],
    );
    expect(((await arrives).value as RecordedEvent).id).toBe(id);
    await subscription.stop();
  });

  it('releases its connection when stopped, and close() stops every subscription', async () => {
    const store = open();
    await store.headPosition();
    const subscriptions = [0, 1].map(() =>
      follow(store.subscribeToAll({ fromPosition: 'start', filter: { streamPrefixes: ['x-'] } })),
    );
    await until(async () => (await listenerPids()).length === 2);
    await subscriptions[0].stop();
    await until(async () => (await listenerPids()).length === 1);
    await store.close();
    await until(async () => (await listenerPids()).length === 0);
  });
});

describe('PostgreSQL event store: storage', () => {
  it('makes its schema and table on first use, and keeps what it stored for the next store', async () => {
    const own = throwawaySchema();
    try {
      const first = open({ schema: own });
      await first.appendToStream('complaint-1', [newEvent(), newEvent()], {
        expectedRevision: 'no_stream',
      });
      await first.close();
      const second = open({ schema: own });
      expect(await collect(second.readStream('complaint-1'))).toHaveLength(2);
      await expect(
        second.appendToStream('complaint-1', [newEvent()], { expectedRevision: 0n }),
      ).rejects.toMatchObject({ name: 'WrongExpectedVersion', actual: 1n });
      // Another schema is another store.
      expect(await collect(open().readStream('complaint-1'))).toEqual([]);
    } finally {
      await Promise.all(stores.splice(0).map((store) => store.close()));
      await dropSchema(own);
    }
  });

  it('refuses the mistakes EventStoreDB cannot see: ids of another stream, or stored at or before a revision that holds', async () => {
    const prefix = uniquePrefix('mistakes');
    const store = open();
    const [a, b] = [newEvent(), newEvent()];
    await store.appendToStream(`${prefix}one`, [a, b], { expectedRevision: 'no_stream' });
    await expect(
      store.appendToStream(`${prefix}one`, [a, b], { expectedRevision: 1n }),
    ).rejects.toMatchObject({
      name: 'DuplicateEventIdError',
      eventId: a.id,
      message: expect.stringMatching(/not a retry/),
    });
    await expect(
      store.appendToStream(`${prefix}two`, [b], { expectedRevision: 'no_stream' }),
    ).rejects.toMatchObject({ name: 'DuplicateEventIdError', storedIn: `${prefix}one` });
    // The same id spelt in capitals is the same uuid.
    await expect(
      store.appendToStream(`${prefix}two`, [{ ...b, id: b.id.toUpperCase() }], {
        expectedRevision: 'no_stream',
      }),
    ).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await collect(store.readStream(`${prefix}two`))).toEqual([]);
  });

  it('refuses what PostgreSQL cannot hold or JSON cannot say, storing nothing', async () => {
    const prefix = uniquePrefix('refused');
    const store = open();
    const event = newEvent();
    for (const [stream, events] of [
      [`${prefix}nul\u0000`, [newEvent()]],
      [`${prefix}s`, [{ ...newEvent(), type: 'Bad\u0000Type' }]],
      [`${prefix}s`, [event, { ...newEvent(), id: event.id.toUpperCase() }]],
      [`${prefix}s`, [newEvent('Counted', { count: 1n })]],
    ] as const) {
      await expect(
        store.appendToStream(stream, events, { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(InvalidAppendError);
    }
    expect(await collect(store.readStream(`${prefix}s`))).toEqual([]);
    expect(await collect(store.readStream(`${prefix}nul\u0000`))).toEqual([]);
  });

  it('numbers the events of one append in their order, and returns json exactly as written', async () => {
    const prefix = uniquePrefix('order');
    const store = open();
    const events = Array.from({ length: 50 }, (_, n) =>
      newEvent('Numbered', { n, keys: { b: 1, a: 2, b2: [3, { z: null }] } }),
    );
    const result = await store.appendToStream(`${prefix}s`, events, {
      expectedRevision: 'no_stream',
    });
    const all = (await collect(store.readAll())).filter((e) => e.stream.startsWith(prefix));
    expect(ids(all)).toEqual(ids(events));
    expect(all.map((e) => e.revision)).toEqual(events.map((_, i) => BigInt(i)));
    expectIncreasing(all);
    expect(all[all.length - 1].position).toEqual(result.position);
    expect(all.map((e) => JSON.stringify(e.data))).toEqual(
      events.map((e) => JSON.stringify(e.data)),
    );
  });

  it('stops reading at a row whose metadata has no schema version, rather than pass it by', async () => {
    const prefix = uniquePrefix('unreadable');
    const store = open();
    await store.appendToStream(`${prefix}s`, [newEvent()], { expectedRevision: 'no_stream' });
    const id = randomUUID();
    await query(
      `INSERT INTO ${table} (stream, revision, id, type, data, metadata, recorded_at)
       VALUES ($1, 1, $2, 'Foreign', '{}', '{"v":1}', now())`,
      [`${prefix}s`, id],
    );
    await expect(collect(store.readStream(`${prefix}s`))).rejects.toMatchObject({
      name: 'UnreadableEventError',
      eventId: id,
      revision: 1n,
    });
  });
});

describe('EVENT_STORE=postgres', () => {
  it('opens the PostgreSQL store at DATABASE_URL, logging the URL without its user or password, the host readable', async () => {
    const logged: string[] = [];
    const url = new URL(postgresTestUrl);
    url.password = 'not-to-be-logged';
    const store = createEventStore(
      { EVENT_STORE: 'postgres', DATABASE_URL: url.toString(), DATA_DIR: '/nonexistent' },
      { log: (message: string) => logged.push(message), warn: () => undefined },
    );
    try {
      expect(store).toBeInstanceOf(PostgresEventStore);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toBe(`PostgreSQL store at postgres://${url.host}${url.pathname}`);
      expect(logged[0]).not.toMatch(/not-to-be-logged/);
    } finally {
      await store.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NewEvent, openSqliteDatabase, SqliteEventStore } from '@sg/event-store';
import { postgresEventStoreBench } from './event-store/postgres';
import { sampleEvent } from './event-store/sample-event';
import { compare, formatRate, report } from './harness';

const STREAMS = 500;
const READ_EVENTS = 100_000;

const SCHEMA = `CREATE TABLE events (
  position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
  revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
  recorded_at INTEGER NOT NULL, UNIQUE (stream, revision))`;

/**
 * The same rows written with better-sqlite3 alone: same pragmas, same table, one transaction per
 * append, revisions kept in memory. What the adapter adds on top (checks, idempotency, the port)
 * is the difference.
 */
function rawWriter(file: string) {
  const { db } = openSqliteDatabase(file);
  db.exec(SCHEMA);
  const insert = db.prepare(
    'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const revisions = new Map<string, number>();
  const append = db.transaction((stream: string, events: readonly NewEvent[]) => {
    let revision = revisions.get(stream) ?? -1;
    const now = Date.now();
    for (const event of events) {
      revision += 1;
      insert.run(
        event.id,
        stream,
        revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        now,
      );
    }
    revisions.set(stream, revision);
  });
  return {
    db,
    append: (stream: string, events: readonly NewEvent[]) => append.immediate(stream, events),
  };
}

export async function eventStoreBench(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'sg-bench-event-store-'));
  try {
    const store = new SqliteEventStore({ file: join(directory, 'adapter.sqlite') });
    const raw = rawWriter(join(directory, 'raw.sqlite'));
    let n = 0;
    const streamOf = (i: number) => `complaint-${i % STREAMS}`;

    const single = await compare({
      opsPerCall: 50,
      minMsPerRound: 300,
      candidate: async () => {
        for (let i = 0; i < 50; i += 1, n += 1) {
          await store.appendToStream(streamOf(n), [sampleEvent(n)], { expectedRevision: 'any' });
        }
      },
      baseline: () => {
        for (let i = 0; i < 50; i += 1, n += 1) raw.append(streamOf(n), [sampleEvent(n)]);
      },
    });

    const batches = await compare({
      opsPerCall: 5,
      minMsPerRound: 300,
      candidate: async () => {
        for (let i = 0; i < 5; i += 1, n += 1) {
          const batch = Array.from({ length: 100 }, (_, j) => sampleEvent(n * 100 + j));
          await store.appendToStream(streamOf(n), batch, { expectedRevision: 'any' });
        }
      },
      baseline: () => {
        for (let i = 0; i < 5; i += 1, n += 1) {
          raw.append(
            streamOf(n),
            Array.from({ length: 100 }, (_, j) => sampleEvent(n * 100 + j)),
          );
        }
      },
    });

    // Reading: both sides read the same first READ_EVENTS rows of the adapter's file.
    let stored = 0;
    for await (const event of store.readAll()) stored += event ? 1 : 0;
    for (; stored < READ_EVENTS; stored += 1000, n += 1) {
      await store.appendToStream(
        streamOf(n),
        Array.from({ length: 1000 }, (_, j) => sampleEvent(n * 1000 + j)),
        { expectedRevision: 'any' },
      );
    }
    const { db: reader } = openSqliteDatabase(join(directory, 'adapter.sqlite'));
    const rawRead = reader.prepare('SELECT * FROM events ORDER BY position LIMIT ?');
    let sink = 0;
    const reads = await compare({
      opsPerCall: READ_EVENTS,
      rounds: 5,
      candidate: async () => {
        for await (const event of store.readAll({ maxCount: READ_EVENTS }))
          sink += event.revision > 0n ? 1 : 0;
      },
      baseline: () => {
        for (const row of rawRead.iterate(READ_EVENTS) as Iterable<{
          data: string;
          metadata: string;
          revision: number;
        }>) {
          const data = JSON.parse(row.data) as unknown;
          const metadata = JSON.parse(row.metadata) as unknown;
          sink += data && metadata && row.revision > 0 ? 1 : 0;
        }
      },
    });
    if (sink === 0) throw new Error('nothing was read');
    reader.close();
    raw.db.close();
    await store.close();

    const postgres = await postgresEventStoreBench();

    const row = (
      label: string,
      result: { candidate: { opsPerSec: number }; baseline: { opsPerSec: number }; ratio: number },
      unit: string,
    ): [string, string][] => [
      [`${label}, SqliteEventStore`, `${formatRate(result.candidate.opsPerSec)} ${unit}`],
      [`${label}, raw better-sqlite3`, `${formatRate(result.baseline.opsPerSec)} ${unit}`],
      [`${label}, ratio`, result.ratio.toFixed(2)],
    ];
    report(
      [
        ...row('single-event appends', single, 'appends'),
        ...row('100-event batch appends', batches, 'batches'),
        ...row('readAll', reads, 'events'),
        ['pragmas', 'journal_mode=WAL, synchronous=FULL, busy_timeout=5000 on both sides'],
        ...postgres.rows,
      ],
      {
        bench: 'event-store',
        singleAppendsPerSec: Math.round(single.candidate.opsPerSec),
        rawSingleAppendsPerSec: Math.round(single.baseline.opsPerSec),
        singleAppendRatio: Number(single.ratio.toFixed(2)),
        batchAppendsPerSec: Math.round(batches.candidate.opsPerSec),
        rawBatchAppendsPerSec: Math.round(batches.baseline.opsPerSec),
        batchAppendRatio: Number(batches.ratio.toFixed(2)),
        readAllEventsPerSec: Math.round(reads.candidate.opsPerSec),
        rawReadEventsPerSec: Math.round(reads.baseline.opsPerSec),
        readAllRatio: Number(reads.ratio.toFixed(2)),
        postgres: postgres.figures,
      },
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

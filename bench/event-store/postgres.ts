import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresEventStore } from '@sg/event-store';
import { compare, formatRate } from '../harness';
import { RawPostgresWriter } from './raw-postgres-writer';
import { sampleEvent } from './sample-event';

const SERVER_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Appends in flight at once; each level is measured for both append sizes. */
const LEVELS = (process.env.BENCH_PG_CONCURRENCY ?? '1,8,32').split(',').map(Number);
/** The small multi-event append: a command that stores a few events at once. */
const EVENTS_PER_APPEND = Number(process.env.BENCH_PG_EVENTS_PER_APPEND ?? 5);
/** Connections of each side's pool; as many as the highest level, so that every append is in flight at the server. */
const POOL_SIZE = Number(process.env.BENCH_PG_POOL ?? Math.max(...LEVELS));
const READ_EVENTS = Number(process.env.BENCH_PG_READ_EVENTS ?? 100_000);
const ROUND_MS = Number(process.env.BENCH_PG_ROUND_MS ?? 300);
/** Streams each concurrent writer cycles through: a stream is only ever written by one writer. */
const STREAMS_PER_WRITER = 16;
const APPENDS_PER_WRITER_PER_CALL = 10;
const FILL_BATCH = 1000;

export interface PostgresAppendFigures {
  readonly eventsPerAppend: number;
  readonly concurrency: number;
  readonly appendsPerSec: number;
  readonly rawAppendsPerSec: number;
  readonly ratio: number;
}

export interface PostgresFigures {
  readonly server: string;
  readonly poolSize: number;
  readonly appends: readonly PostgresAppendFigures[];
  readonly lowestAppendRatio: number;
  readonly readAllEventsPerSec: number;
  readonly rawReadEventsPerSec: number;
  readonly readAllRatio: number;
}

export interface PostgresPart {
  readonly rows: [string, string][];
  /** Null when no server answered: the part was not measured. */
  readonly figures: PostgresFigures | null;
}

/** The URL as it may be printed: a password in it is not. */
function printable(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparseable URL)';
  }
}

/** The server's version (`server_version_num`), or why none answered. */
async function serverVersion(): Promise<{ version: number; setting: string } | Error> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ version: number; synchronous_commit: string }>(
      `SELECT current_setting('server_version_num')::int AS version,
              current_setting('synchronous_commit') AS synchronous_commit`,
    );
    return { version: rows[0].version, setting: rows[0].synchronous_commit };
  } catch (error) {
    return error as Error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `writers` loops at once, each making `each(writer, i)` calls one after another. */
async function atOnce(
  writers: number,
  each: (writer: number, i: number) => Promise<unknown>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; i < APPENDS_PER_WRITER_PER_CALL; i += 1) await each(writer, i);
    }),
  );
}

const appendRows = (label: string, figures: PostgresAppendFigures): [string, string][] => [
  [`${label}, PostgresEventStore`, `${formatRate(figures.appendsPerSec)} appends`],
  [`${label}, raw pg`, `${formatRate(figures.rawAppendsPerSec)} appends`],
  [`${label}, ratio`, figures.ratio.toFixed(2)],
];

/**
 * `PostgresEventStore` against `pg` alone writing and reading the same rows, in a throwaway schema
 * dropped at the end: appends of one event and of a few, one at a time and many at once, and a
 * catch-up read of the whole store.
 */
export async function postgresEventStoreBench(): Promise<PostgresPart> {
  const server = await serverVersion();
  if (server instanceof Error || server.version < 130000) {
    const why =
      server instanceof Error
        ? `no answer at ${printable(SERVER_URL)} (${server.message})`
        : `the server at ${printable(SERVER_URL)} is version ${server.version}, the adapter needs 13 or later`;
    return { rows: [['PostgreSQL', `not measured: ${why}; set BENCH_PG_URL`]], figures: null };
  }

  const schema = `bench_event_store_${randomBytes(6).toString('hex')}`;
  const table = `"${schema}".events`;
  const rawTable = `"${schema}".raw_events`;
  const store = new PostgresEventStore({
    connectionString: SERVER_URL,
    schema,
    poolSize: POOL_SIZE,
  });
  const pool = new pg.Pool({ connectionString: SERVER_URL, max: POOL_SIZE });
  pool.on('error', () => undefined);
  try {
    // The adapter makes its table on first use; the raw side's is a copy of it, indexes and all.
    await store.headPosition();
    await pool.query(`CREATE TABLE ${rawTable} (LIKE ${table} INCLUDING ALL)`);
    const raw = new RawPostgresWriter(pool, rawTable);

    let n = 0;
    const batchOf = (size: number) => Array.from({ length: size }, () => sampleEvent(n++));
    const appends: PostgresAppendFigures[] = [];
    const rows: [string, string][] = [];
    for (const eventsPerAppend of [1, EVENTS_PER_APPEND]) {
      for (const concurrency of LEVELS) {
        let candidateCalls = 0;
        let baselineCalls = 0;
        const streamOf = (calls: number, writer: number, i: number) =>
          `complaint-${concurrency}-${writer}-${(calls * APPENDS_PER_WRITER_PER_CALL + i) % STREAMS_PER_WRITER}`;
        const result = await compare({
          opsPerCall: concurrency * APPENDS_PER_WRITER_PER_CALL,
          minMsPerRound: ROUND_MS,
          candidate: async () => {
            const calls = candidateCalls++;
            await atOnce(concurrency, (writer, i) =>
              store.appendToStream(streamOf(calls, writer, i), batchOf(eventsPerAppend), {
                expectedRevision: 'any',
              }),
            );
          },
          baseline: async () => {
            const calls = baselineCalls++;
            await atOnce(concurrency, (writer, i) =>
              raw.append(streamOf(calls, writer, i), batchOf(eventsPerAppend)),
            );
          },
        });
        const figures = {
          eventsPerAppend,
          concurrency,
          appendsPerSec: Math.round(result.candidate.opsPerSec),
          rawAppendsPerSec: Math.round(result.baseline.opsPerSec),
          ratio: Number(result.ratio.toFixed(2)),
        };
        appends.push(figures);
        rows.push(
          ...appendRows(
            `PostgreSQL ${eventsPerAppend}-event appends, ${concurrency} at once`,
            figures,
          ),
        );
      }
    }

    // Reading: both sides read the same first READ_EVENTS rows of the adapter's table, in its order.
    const { rows: counted } = await pool.query<{ events: string }>(
      `SELECT count(*)::text AS events FROM ${table}`,
    );
    for (let stored = Number(counted[0].events); stored < READ_EVENTS; stored += FILL_BATCH) {
      await store.appendToStream(`fill-${stored}`, batchOf(FILL_BATCH), {
        expectedRevision: 'no_stream',
      });
    }
    const rawRead = `SELECT * FROM ${table} ORDER BY transaction_id, sequence_number LIMIT $1`;
    let sink = 0;
    const reads = await compare({
      opsPerCall: READ_EVENTS,
      rounds: 5,
      candidate: async () => {
        for await (const event of store.readAll({ maxCount: READ_EVENTS }))
          sink += event.revision >= 0n ? 1 : 0;
      },
      baseline: async () => {
        const { rows: read } = await pool.query<{ data: unknown; metadata: unknown }>(rawRead, [
          READ_EVENTS,
        ]);
        for (const row of read) sink += row.data && row.metadata ? 1 : 0;
      },
    });
    if (sink === 0) throw new Error('nothing was read');

    const lowestAppendRatio = Math.min(...appends.map((figures) => figures.ratio));
    rows.push(
      ['PostgreSQL readAll, PostgresEventStore', `${formatRate(reads.candidate.opsPerSec)} events`],
      ['PostgreSQL readAll, raw pg', `${formatRate(reads.baseline.opsPerSec)} events`],
      ['PostgreSQL readAll, ratio', reads.ratio.toFixed(2)],
      [
        'PostgreSQL',
        `server ${server.version}, synchronous_commit=${server.setting}, pools of ${POOL_SIZE} connections on both sides, lowest append ratio ${lowestAppendRatio.toFixed(2)}`,
      ],
    );
    return {
      rows,
      figures: {
        server: String(server.version),
        poolSize: POOL_SIZE,
        appends,
        lowestAppendRatio,
        readAllEventsPerSec: Math.round(reads.candidate.opsPerSec),
        rawReadEventsPerSec: Math.round(reads.baseline.opsPerSec),
        readAllRatio: Number(reads.ratio.toFixed(2)),
      },
    };
  } finally {
    await store.close();
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch((error: Error) => {
      process.stderr.write(`The bench's schema ${schema} was left behind: ${error.message}\n`);
    });
    await pool.end();
  }
}

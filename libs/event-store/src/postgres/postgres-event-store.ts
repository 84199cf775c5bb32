import pg from 'pg';
import { InvalidAppendError } from '../errors';
import type * as Port from '../event-store';
import { assertAppendable, decideAppend, type StoredEvent } from '../new-events';
import { type Position } from '../position';
import { AppendNotifier } from './append-notifier';
import { BEFORE_EVERYTHING, justBefore, readInCommitOrder } from './commit-order';
import { ListeningConnection } from './listening-connection';
import {
  EVENT_COLUMNS,
  type PostgresEventRow,
  postgresPosition,
  toRecorded,
} from './postgres-event-row';
import {
  createSchemaIfMissing,
  type PostgresNames,
  postgresNames,
  UNIQUE_CONSTRAINTS,
} from './postgres-schema';
import { PostgresSubscription } from './postgres-subscription';
import { untilTransactionsInFlightEnd } from './transactions-in-flight';

export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:5432/database`. */
  readonly connectionString: string;
  /** The schema of the events table, made if missing; `public` unless given. */
  readonly schema?: string;
  /** Connections the pool opens at most, for appends and reads (subscriptions have their own). */
  readonly poolSize?: number;
  /** The longest a live subscription waits for a notification before it reads anyway. */
  readonly pollIntervalMs?: number;
  /** The pause between attempts to connect a subscription again while the server is away. */
  readonly reconnectDelayMs?: number;
  /** Rows fetched per query when reading or catching up. */
  readonly pageSize?: number;
  readonly now?: () => Date;
  /** Told when a subscription's connection is lost or cannot be made; it keeps trying. */
  readonly onSubscriptionDropped?: (error: unknown) => void;
}

/** The largest revision: where a backwards read of a whole stream starts. */
const LAST_REVISION = 2n ** 63n - 1n;

function serialise(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new InvalidAppendError(`${what} is not JSON-serialisable: ${(error as Error).message}`);
  }
  if (json === undefined) throw new InvalidAppendError(`${what} is not JSON-serialisable`);
  return json;
}

const NUL = '\u0000';

/**
 * What PostgreSQL refuses beyond the checks every adapter makes: a NUL character in a stream
 * name or a type (text cannot hold one; inside data and metadata, JSON escapes it), and one id
 * twice in an append in two spellings (a uuid column ignores the case of its hex digits).
 */
function assertStorable(stream: string, events: readonly Port.NewEvent[]): void {
  if (stream.includes(NUL)) {
    throw new InvalidAppendError(`The stream name ${JSON.stringify(stream)} contains NUL`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (event.type.includes(NUL)) {
      throw new InvalidAppendError(`The type ${JSON.stringify(event.type)} contains NUL`);
    }
    const id = event.id.toLowerCase();
    if (ids.has(id)) {
      throw new InvalidAppendError(`Event id ${event.id} appears twice in one append`);
    }
    ids.add(id);
  }
}

/** An event as the append stores it: its id in lower case, its data and metadata as JSON text. */
interface AppendRow {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** Two appends raced to one revision, or to one event id: the loser's statement hit the winner's row. */
const lostARace = (error: unknown) =>
  (error as { code?: unknown }).code === '23505' &&
  UNIQUE_CONSTRAINTS.has(String((error as { constraint?: unknown }).constraint));

/**
 * The event store on PostgreSQL (13 or later): one table, appends in a transaction each, many
 * writers at once from any number of processes.
 *
 * The global order is (id of the transaction that stored an event, sequence number), and reads in
 * that order stop below the watermark, the lowest id of a transaction still running: see
 * docs/decisions/0021-postgresql-event-store.md for why a sequence alone would let a reader skip
 * an event. Live subscriptions are woken by a NOTIFY sent just after appends commit and read
 * through a connection of their own.
 *
 * Event ids are unique across the store, as in SQLite, so the port's idempotency rule is applied
 * in full: each id of an append is looked up before anything is written.
 */
export class PostgresEventStore implements Port.EventStore {
  private readonly names: PostgresNames;
  private readonly pool: pg.Pool;
  private readonly pollIntervalMs: number;
  private readonly reconnectDelayMs: number;
  private readonly pageSize: number;
  private readonly now: () => Date;
  private readonly subscriptions = new Set<Port.Subscription>();
  private readonly notifier: AppendNotifier;
  private tableMade: Promise<void> | null = null;
  private closed: Promise<void> | null = null;

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.names = postgresNames(options.schema ?? 'public');
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      application_name: this.names.poolApplicationName,
      max: options.poolSize ?? 10,
      keepAlive: true,
    });
    // An idle connection the server closes is dropped from the pool; the next query opens another.
    this.pool.on('error', () => undefined);
    this.notifier = new AppendNotifier(this.pool, this.names.channel);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.reconnectDelayMs = options.reconnectDelayMs ?? 1000;
    this.pageSize = options.pageSize ?? 1000;
    this.now = options.now ?? (() => new Date());
  }

  /** Makes the table on first use; a failure (the server not up yet) is tried again next time. */
  private ready(): Promise<void> {
    this.tableMade ??= createSchemaIfMissing(this.pool, this.names).catch((error: unknown) => {
      this.tableMade = null;
      throw error;
    });
    return this.tableMade;
  }

  /**
   * One statement in the common case, and nothing locked: an insert of every event that stores
   * them only if the stream is as expected, numbered after its last event, in one transaction of
   * its own (a statement outside BEGIN is one), so the append is stored whole or not at all, and
   * its transaction holds the watermark back for one statement only.
   *
   * When it stores nothing (the stream is not as expected: a refusal, or a retry of an append
   * stored already), or fails on a unique constraint (another append reached the same revision or
   * one of these ids first, and committed), the append is decided by reading, in one snapshot,
   * where its ids are stored and the stream's last revision, by the port's rules: a copy of an
   * append stored already gets its result (rule 1), any other finds the stream moved on
   * (WrongExpectedVersion, or the next revision for `any`). Each further round follows a commit of
   * another append, so the loop ends.
   */
  async appendToStream(
    stream: string,
    events: readonly Port.NewEvent[],
    options: { readonly expectedRevision: Port.ExpectedRevision },
  ): Promise<Port.AppendResult> {
    assertAppendable(stream, events);
    assertStorable(stream, events);
    const rows = events.map((event) => ({
      id: event.id.toLowerCase(),
      type: event.type,
      data: serialise(event.data, `The data of event ${event.id}`),
      metadata: serialise(event.metadata, `The metadata of event ${event.id}`),
    }));
    await this.ready();
    // One round trip in the common case: the insert stores the events only if the stream is as
    // expected, numbering them after its last event. When it stores nothing, or meets another
    // writer's row (the same revision, or one of these ids), the stream is looked at and the
    // append decided: a retry of one already stored, a refusal, or an insert at the revision seen.
    try {
      const appended = await this.insert(stream, rows, options.expectedRevision);
      if (appended) return appended;
    } catch (error) {
      if (!lostARace(error)) throw error;
    }
    for (;;) {
      try {
        const actual = await this.decide(stream, events, rows, options.expectedRevision);
        if (typeof actual === 'object') return actual;
        const appended = await this.insert(stream, rows, actual);
        if (appended) return appended;
      } catch (error) {
        if (!lostARace(error)) throw error;
      }
    }
  }

  /** The earlier append's result if this is a retry of one, else the stream's revision now. */
  private async decide(
    stream: string,
    events: readonly Port.NewEvent[],
    rows: readonly AppendRow[],
    expected: Port.ExpectedRevision,
  ): Promise<Port.AppendResult | Port.CurrentRevision> {
    const { table } = this.names;
    // One statement, so that the ids and the last revision are seen as of the same moment.
    const found = await this.pool.query<{
      last_revision: string | null;
      id: string | null;
      stream: string;
      revision: string;
      transaction_id: string;
      sequence_number: string;
    }>({
      // Named, so each connection plans it once (the table's name is in the text, hence the schema).
      name: `append-look-${this.names.schema}`,
      text: `SELECT last.revision AS last_revision, stored.*
       FROM (SELECT (SELECT e.revision::text FROM ${table} AS e
                     WHERE e.stream = $1 ORDER BY e.revision DESC LIMIT 1) AS revision) AS last
       LEFT JOIN LATERAL (
         SELECT e.id::text AS id, e.stream, e.revision::text AS revision,
                e.transaction_id::text AS transaction_id,
                e.sequence_number::text AS sequence_number
         FROM ${table} AS e WHERE e.id = ANY($2::uuid[])
       ) AS stored ON true`,
      values: [stream, rows.map((row) => row.id)],
    });
    const byId = new Map<string, StoredEvent>();
    for (const row of found.rows) {
      if (row.id === null) continue;
      byId.set(row.id, {
        stream: row.stream,
        revision: BigInt(row.revision),
        position: postgresPosition(row.transaction_id, row.sequence_number),
      });
    }
    const stored = rows.map((row) => byId.get(row.id));
    const lastRevision = found.rows[0].last_revision;
    const actual: Port.CurrentRevision = lastRevision === null ? 'no_stream' : BigInt(lastRevision);
    return decideAppend(stream, events, expected, stored, actual) ?? actual;
  }

  /**
   * Stores the rows after the stream's last event if the stream is as `expected` (at that
   * revision, absent for no_stream, present for stream_exists, anything for any); else stores
   * nothing and answers null. A writer racing for the same revision or the same ids meets a unique
   * violation. The transaction id comes from the stored rows' own column, so an append that stores
   * nothing never draws one (each drawn id ages the cluster towards a wraparound vacuum).
   */
  private async insert(
    stream: string,
    rows: readonly AppendRow[],
    expected: Port.ExpectedRevision,
  ): Promise<Port.AppendResult | null> {
    const { table } = this.names;
    // Sorted by their place in the append before the identity column numbers them, so that a
    // stream's events are numbered in revision order. Subscriptions hear of it once it has
    // committed (see AppendNotifier).
    const inserted = await this.pool.query<{
      revision: string | null;
      sequence_number: string | null;
      transaction_id: string | null;
    }>({
      name: `append-insert-${this.names.schema}`,
      text: `WITH last AS (
         SELECT coalesce((SELECT max(e.revision) FROM ${table} AS e WHERE e.stream = $1), -1)
           AS revision
       ), inserted AS (
         INSERT INTO ${table} (stream, revision, id, type, data, metadata, recorded_at)
         SELECT $1, last.revision + n.ordinality, n.id, n.type, n.data::json, n.metadata::json, $7
         FROM last, unnest($3::uuid[], $4::text[], $5::text[], $6::text[])
              WITH ORDINALITY AS n(id, type, data, metadata, ordinality)
         WHERE CASE $8::text WHEN 'revision' THEN last.revision = $2::bigint
                             WHEN 'stream_exists' THEN last.revision >= 0
                             ELSE true END
         ORDER BY n.ordinality
         RETURNING revision, sequence_number, transaction_id
       )
       SELECT max(revision)::text AS revision, max(sequence_number)::text AS sequence_number,
              max(transaction_id::text) AS transaction_id
       FROM inserted`,
      values: [
        stream,
        typeof expected === 'bigint' ? String(expected) : expected === 'no_stream' ? '-1' : null,
        rows.map((row) => row.id),
        rows.map((row) => row.type),
        rows.map((row) => row.data),
        rows.map((row) => row.metadata),
        this.now(),
        typeof expected === 'bigint' || expected === 'no_stream' ? 'revision' : expected,
      ],
    });
    const result = inserted.rows[0];
    if (
      result.revision === null ||
      result.sequence_number === null ||
      result.transaction_id === null
    )
      return null;
    this.notifier.committed(BigInt(result.transaction_id));
    return {
      nextExpectedRevision: BigInt(result.revision),
      position: postgresPosition(result.transaction_id, result.sequence_number),
    };
  }

  /**
   * A stream's events are read as soon as they are committed, with no watermark: writers of one
   * stream take its revisions one after another (each needs the one before committed), so a
   * stream never shows a gap that fills later.
   */
  async *readStream(
    stream: string,
    options: Port.ReadStreamOptions = {},
  ): AsyncIterable<Port.RecordedEvent> {
    // No stream can have such a name (see assertStorable), and PostgreSQL cannot compare with it.
    if (stream.includes(NUL)) return;
    await this.ready();
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = options.fromRevision ?? (backwards ? LAST_REVISION : 0n);
    const sql = backwards
      ? `SELECT ${EVENT_COLUMNS} FROM ${this.names.table} AS e
         WHERE e.stream = $1 AND e.revision <= $2 ORDER BY e.revision DESC LIMIT $3`
      : `SELECT ${EVENT_COLUMNS} FROM ${this.names.table} AS e
         WHERE e.stream = $1 AND e.revision >= $2 ORDER BY e.revision ASC LIMIT $3`;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const { rows } = await this.pool.query<PostgresEventRow>(sql, [stream, String(from), limit]);
      for (const row of rows) yield toRecorded(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      from = BigInt(rows[rows.length - 1].revision) + (backwards ? -1n : 1n);
    }
  }

  /**
   * Every event committed before the call (and any committed since that the watermark has
   * passed), in the global order. It first waits for the transactions running at the call to end,
   * so that an event its caller has just appended is not held back by an older transaction.
   */
  async *readAll(options: Port.ReadAllOptions = {}): AsyncIterable<Port.RecordedEvent> {
    await this.ready();
    await untilTransactionsInFlightEnd(this.pool);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let after = options.fromPosition ? justBefore(options.fromPosition) : BEFORE_EVERYTHING;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const { rows } = await readInCommitOrder(this.pool, this.names.table, after, limit);
      for (const row of rows) yield toRecorded(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      after = postgresPosition(
        rows[rows.length - 1].transaction_id,
        rows[rows.length - 1].sequence_number,
      );
    }
  }

  /**
   * "The last event stored" is the last one a reader can be given: the last in the global order
   * below the watermark, once the transactions running at the call have ended. So it is at or
   * after every event committed before the call, and a reader that has reached it has missed
   * nothing committed before the call; events of transactions still running then sort after it.
   */
  async headPosition(): Promise<Position | null> {
    await this.ready();
    await untilTransactionsInFlightEnd(this.pool);
    const { rows } = await this.pool.query<{ transaction_id: string; sequence_number: string }>(
      `SELECT e.transaction_id::text AS transaction_id, e.sequence_number::text AS sequence_number
       FROM ${this.names.table} AS e
       WHERE e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY e.transaction_id DESC, e.sequence_number DESC LIMIT 1`,
    );
    return rows.length === 0
      ? null
      : postgresPosition(rows[0].transaction_id, rows[0].sequence_number);
  }

  subscribeToAll(options: Port.SubscribeToAllOptions): Port.Subscription {
    const subscription = new PostgresSubscription({
      after: options.fromPosition === 'start' ? BEFORE_EVERYTHING : options.fromPosition,
      filter: options.filter,
      table: this.names.table,
      connection: new ListeningConnection({
        connection: {
          connectionString: this.options.connectionString,
          application_name: this.names.listenerApplicationName,
          keepAlive: true,
        },
        channel: this.names.channel,
        reconnectDelayMs: this.reconnectDelayMs,
        onLost: (error) => this.options.onSubscriptionDropped?.(error),
      }),
      ready: () => this.ready(),
      pollIntervalMs: this.pollIntervalMs,
      pageSize: this.pageSize,
      onEnd: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      await this.notifier.settled();
      await this.pool.end();
    })();
    return this.closed;
  }
}

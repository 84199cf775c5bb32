import type Database from 'better-sqlite3';
import type * as Port from '../event-store';
import { type Position } from '../position';
import { assertAppendable, decideAppend, type StoredEvent } from '../new-events';
import { type AppendSignal, appendSignalFor } from './append-signal';
import { type EventRow, sqlitePosition, toRecorded } from './sqlite-event-row';
import { SqliteSubscription } from './sqlite-subscription';
import { openSqliteDatabase, type SqliteDatabaseOptions } from './sqlite-database';

export interface SqliteEventStoreOptions extends SqliteDatabaseOptions {
  /** A file path, or `:memory:` for tests. */
  readonly file: string;
  /** How often live subscribers look for appends made by other processes on the same file. */
  readonly pollIntervalMs?: number;
  /** Rows fetched per query when reading or catching up. */
  readonly pageSize?: number;
  readonly now?: () => Date;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    stream      TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (stream, revision)
  );
`;

/** Reading a long stream holds no lock, but it should not hold the event loop either. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function serialise(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`${what} is not JSON-serialisable`);
  return json;
}

/**
 * The embedded event store: one SQLite file in WAL mode, one writer at a time (`BEGIN
 * IMMEDIATE`), a global position that only grows (AUTOINCREMENT never reuses a value, and writers
 * commit in position order, so readers never see a gap that fills later). Event ids are unique
 * across the store, so it applies the idempotency rule of the port in full: each id of an append
 * is looked up before anything is written.
 */
export class SqliteEventStore implements Port.EventStore {
  private readonly db: Database.Database;
  private readonly signal: AppendSignal;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly now: () => Date;
  private readonly subscriptions = new Set<Port.Subscription>();
  private readonly statements;
  private readonly pages;
  private readonly appendTransaction;
  private readonly groupTransaction;
  private readonly queued: QueuedAppend[] = [];
  /** The last page a subscription read: see `pageAfter`. */
  private lastPage: {
    readonly after: number;
    readonly limit: number;
    readonly appends: number;
    readonly rows: EventRow[];
  } | null = null;

  constructor(options: SqliteEventStoreOptions) {
    const { db, path } = openSqliteDatabase(options.file, options);
    this.db = db;
    this.db.exec(SCHEMA);
    this.signal = appendSignalFor(path);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.pageSize = options.pageSize ?? 1000;
    this.now = options.now ?? (() => new Date());
    this.statements = {
      byId: db.prepare<[string], { stream: string; revision: number; position: number }>(
        'SELECT stream, revision, position FROM events WHERE id = ?',
      ),
      lastRevision: db.prepare<[string], { revision: number | null }>(
        'SELECT MAX(revision) AS revision FROM events WHERE stream = ?',
      ),
      insert: db.prepare(
        'INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      head: db.prepare<[], { position: number | null }>(
        'SELECT MAX(position) AS position FROM events',
      ),
    };
    this.pages = {
      streamForwards: new PageQuery<[string, number]>(
        db,
        'SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC',
      ),
      streamBackwards: new PageQuery<[string, number]>(
        db,
        'SELECT * FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC',
      ),
      allFrom: new PageQuery<[number]>(
        db,
        'SELECT * FROM events WHERE position >= ? ORDER BY position ASC',
      ),
    };
    this.appendTransaction = db.transaction(
      (
        stream: string,
        events: readonly Port.NewEvent[],
        expected: Port.ExpectedRevision,
      ): Port.AppendResult => {
        const stored = events.map((event) => this.stored(event.id));
        const last = this.statements.lastRevision.get(stream)?.revision ?? null;
        const actual: Port.CurrentRevision = last === null ? 'no_stream' : BigInt(last);
        const retried = decideAppend(stream, events, expected, stored, actual);
        if (retried) return retried;
        const recordedAt = this.now().getTime();
        let revision = last ?? -1;
        let position = 0;
        for (const event of events) {
          revision += 1;
          position = Number(
            this.statements.insert.run(
              event.id,
              stream,
              revision,
              event.type,
              serialise(event.data, `The data of event ${event.id}`),
              serialise(event.metadata, `The metadata of event ${event.id}`),
              recordedAt,
            ).lastInsertRowid,
          );
        }
        return { nextExpectedRevision: BigInt(revision), position: sqlitePosition(position) };
      },
    );
    this.groupTransaction = db.transaction(
      (
        batch: readonly QueuedAppend[],
        outcomes: ({ ok: Port.AppendResult } | { error: Error })[],
      ) => {
        for (const append of batch) {
          try {
            outcomes.push({
              ok: this.appendTransaction(append.stream, append.events, append.expected),
            });
          } catch (error) {
            outcomes.push({ error: error as Error });
          }
        }
      },
    );
  }

  /**
   * Appends wait for the end of the current event-loop turn and commit together in one
   * transaction, each inside its own savepoint: one fsync serves every writer of the turn, and a
   * writer whose expectation fails is rolled back alone.
   */
  appendToStream(
    stream: string,
    events: readonly Port.NewEvent[],
    options: { readonly expectedRevision: Port.ExpectedRevision },
  ): Promise<Port.AppendResult> {
    return new Promise((resolve, reject) => {
      // A throw here rejects the promise: a bad append never joins the batch.
      assertAppendable(stream, events);
      this.queued.push({ stream, events, expected: options.expectedRevision, resolve, reject });
      if (this.queued.length === 1) setImmediate(this.commitQueued);
    });
  }

  private readonly commitQueued = (): void => {
    const batch = this.queued.splice(0, this.queued.length);
    const outcomes: ({ ok: Port.AppendResult } | { error: Error })[] = [];
    try {
      this.groupTransaction.immediate(batch, outcomes);
    } catch (error) {
      for (const append of batch) append.reject(error as Error);
      return;
    }
    this.signal.notify();
    batch.forEach((append, i) => {
      const outcome = outcomes[i];
      if ('ok' in outcome) append.resolve(outcome.ok);
      else append.reject(outcome.error);
    });
  };

  async *readStream(
    stream: string,
    options: Port.ReadStreamOptions = {},
  ): AsyncIterable<Port.RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from =
      options.fromRevision !== undefined
        ? Number(options.fromRevision)
        : backwards
          ? Number.MAX_SAFE_INTEGER
          : 0;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const rows = (backwards ? this.pages.streamBackwards : this.pages.streamForwards).all(
        limit,
        stream,
        from,
      );
      for (const row of rows) yield toRecorded(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      from = rows[rows.length - 1].revision + (backwards ? -1 : 1);
      await yieldToEventLoop();
    }
  }

  async *readAll(options: Port.ReadAllOptions = {}): AsyncIterable<Port.RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    let from = options.fromPosition ? Number(options.fromPosition.commit) : 0;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const rows = this.pages.allFrom.all(limit, from);
      for (const row of rows) yield toRecorded(row);
      if (rows.length < limit) return;
      remaining -= rows.length;
      from = rows[rows.length - 1].position + 1;
      await yieldToEventLoop();
    }
  }

  headPosition(): Promise<Position | null> {
    const head = this.statements.head.get()?.position ?? null;
    return Promise.resolve(head === null ? null : sqlitePosition(head));
  }

  subscribeToAll(options: Port.SubscribeToAllOptions): Port.Subscription {
    const subscription = new SqliteSubscription({
      after: options.fromPosition === 'start' ? 0 : Number(options.fromPosition.commit),
      filter: options.filter,
      readAfter: (position, limit) => this.pageAfter(position, limit),
      signal: this.signal,
      pollIntervalMs: this.pollIntervalMs,
      pageSize: this.pageSize,
      onEnd: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    if (this.queued.length > 0) this.commitQueued();
    if (this.db.open) this.db.close();
  }

  /**
   * The rows after `after`, for a subscription. Every append wakes every live subscription in the
   * process (the projections, the notifications, the deadlines, the reservations: six in the
   * API), and each read the same new rows from where they all stood, so each event's row was
   * fetched and its strings made six times. Subscriptions asking for the same page in the same
   * turn of the event loop, with no append committed in between, share one read. A page is never
   * kept past the turn: an append by another process shows on the next read, as it would have.
   */
  private pageAfter(after: number, limit: number): EventRow[] {
    const page = this.lastPage;
    if (page && page.after === after && page.limit === limit && page.appends === this.signal.count)
      return page.rows;
    const rows = this.pages.allFrom.all(limit, after + 1);
    if (!page) setImmediate(() => (this.lastPage = null));
    this.lastPage = { after, limit, appends: this.signal.count, rows };
    return rows;
  }

  private stored(id: string): StoredEvent | undefined {
    const row = this.statements.byId.get(id);
    return row
      ? {
          stream: row.stream,
          revision: BigInt(row.revision),
          position: sqlitePosition(row.position),
        }
      : undefined;
  }
}

/** Statements kept per query for as many different limits; others share one with `LIMIT ?`. */
const LIMITS_KEPT = 16;

/**
 * A query read a page at a time. SQLite prepares a statement whose LIMIT is a parameter again
 * each time the limit is bound (its planner weighs the limit), which cost more than running the
 * query itself; so each limit in use (the page size, 1 for a stream's last event…) gets a
 * statement of its own with the number written in.
 */
class PageQuery<Params extends unknown[]> {
  private readonly byLimit = new Map<number, Database.Statement<Params, EventRow>>();
  private readonly anyLimit: Database.Statement<[...Params, number], EventRow>;

  constructor(
    private readonly db: Database.Database,
    private readonly sql: string,
  ) {
    this.anyLimit = db.prepare<[...Params, number], EventRow>(`${sql} LIMIT ?`);
  }

  all(limit: number, ...params: Params): EventRow[] {
    let statement = this.byLimit.get(limit);
    if (!statement) {
      if (!Number.isSafeInteger(limit) || limit < 0 || this.byLimit.size >= LIMITS_KEPT)
        return this.anyLimit.all(...params, limit);
      statement = this.db.prepare<Params, EventRow>(`${this.sql} LIMIT ${limit}`);
      this.byLimit.set(limit, statement);
    }
    return statement.all(...params);
  }
}

interface QueuedAppend {
  readonly stream: string;
  readonly events: readonly Port.NewEvent[];
  readonly expected: Port.ExpectedRevision;
  readonly resolve: (result: Port.AppendResult) => void;
  readonly reject: (error: Error) => void;
}

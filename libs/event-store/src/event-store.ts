import { type EventMetadata } from './event-metadata';
import { type Position } from './position';

/**
 * What the writer believes about the stream: it must not exist yet, it must exist, anything goes,
 * or its last event has exactly this revision (the first event of a stream is revision 0).
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/** The revision a stream actually has: its last event's, or `no_stream`. */
export type CurrentRevision = bigint | 'no_stream';

export interface NewEvent<Data = unknown> {
  /** A UUID chosen by the writer, so a retried append can be recognised and stored once. */
  readonly id: string;
  readonly type: string;
  /** JSON-serialisable. */
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<Data = unknown> {
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly data: Data;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** The revision of the stream's last event, to pass as `expectedRevision` next time. */
  readonly nextExpectedRevision: bigint;
  /** The position of the last event appended. */
  readonly position: Position;
}

export interface ReadStreamOptions {
  /** Inclusive. Defaults to the first event (forwards) or the last (backwards). */
  readonly fromRevision?: bigint;
  readonly direction?: 'forwards' | 'backwards';
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive, as in EventStoreDB. Defaults to the start of the store. */
  readonly fromPosition?: Position;
  readonly maxCount?: number;
}

/** Server-side filtering: by stream-name prefix or by event-type prefix (not both). */
export type SubscriptionFilter =
  | { readonly streamPrefixes: readonly string[] }
  | { readonly eventTypePrefixes: readonly string[] };

export interface SubscribeToAllOptions {
  /** Exclusive: the first event delivered is the one after it. `start` delivers everything. */
  readonly fromPosition: Position | 'start';
  readonly filter?: SubscriptionFilter;
}

/** Catch-up then live, in order, with no gap and no duplicate; ends when stopped. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  stop(): Promise<void>;
}

/**
 * The event store port. Reading a stream that does not exist yields no events (it is not an
 * error). System events of the underlying store are never returned.
 */
export interface EventStore {
  /**
   * Appends events to a stream, all or none, if the stream is at `expectedRevision`.
   *
   * Appends are idempotent: a retried append stores nothing twice. Events are known by their ids
   * alone (contents are never compared). For an append of events E to stream S expecting X,
   * "after X" means a revision above X (above -1 for `no_stream`; any revision for `any` and
   * `stream_exists`):
   *
   * 1. A retry gets the earlier result. If every event of E is stored in S after X, at
   *    consecutive revisions in E's order, nothing is stored and the result is the last one's
   *    revision and position: what the append that stored them returned. So a retry passing the
   *    expectation its original passed gets the original's result however far S has moved on
   *    since, as does a concurrent duplicate. (Stores keep no record of which events were
   *    appended together: part of an earlier append sent again on its own is a retry of that
   *    part.)
   * 2. A partial overlap is refused. If some of E is stored in S after X but not as in rule 1
   *    (only part of it, or in another order), the append is refused with
   *    `DuplicateEventIdError` and stores nothing.
   * 3. Anything else is a new append: if S is not at X it is refused with `WrongExpectedVersion`
   *    and stores nothing, so the same append sent again is refused again, or stored once when X
   *    holds; otherwise it is stored.
   *
   * Ids stored at or before X are not looked for: expecting X, the writer has read S that far and
   * seen them. Reusing them, or ids stored in another stream, is the writer's mistake (a command
   * decided again at a new revision takes new ids), and rule 3 applies: if X no longer holds,
   * `WrongExpectedVersion`. If it holds, EventStoreDB, which looks for ids neither in other
   * streams nor at or before the current revision, stores the events a second time; SQLite, whose
   * ids are unique across the store, refuses them with `DuplicateEventIdError`, so that tests
   * catch the mistake.
   */
  appendToStream(
    stream: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** The position of the last event stored (system events aside), or null if there is none. */
  headPosition(): Promise<Position | null>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

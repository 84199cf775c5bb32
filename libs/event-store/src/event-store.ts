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

import { type RecordedEvent, type SubscriptionFilter } from './event-store';
import { type Position } from './position';

/**
 * Something that must see every event once it is stored (a projection, the deadline reactor, a
 * mailer). Delivery is at least once: after a crash the last event may come again, so handlers
 * are idempotent.
 */
export interface Reaction {
  /** Stable: the checkpoint is stored under it. */
  readonly name: string;
  readonly filter?: SubscriptionFilter;
  /**
   * `runner`: the runner stores the checkpoint in its CheckpointStore after each event (or batch).
   * `self`: the reaction stores it itself, in the same transaction as its own writes (a read
   * model), and says where it got to through `loadCheckpoint`.
   */
  readonly checkpoints: 'runner' | { loadCheckpoint(): Promise<Position | null> };
  handle(event: RecordedEvent): Promise<void>;
  /**
   * Handles several events at once, in store order: every event the subscription had ready, so
   * that a reaction that writes a file commits them (and, with `self` checkpoints, the checkpoint
   * after the last) in one transaction rather than one each. All or nothing: if it fails, none of
   * its writes may stay (what it did elsewhere, such as scheduling a timer, must be safe to do
   * again), and the runner hands the same events to `handle` one at a time, so the event that
   * fails is retried and parked alone. A lone event goes to `handle`, and without `handleBatch`
   * every event does.
   */
  handleBatch?(events: readonly RecordedEvent[]): Promise<void>;
  /**
   * For a reaction that stores its own checkpoint: moves it past an event the runner has parked,
   * as handling it would have. Without it the checkpoint stays before the parked event until the
   * reaction's next event, and the runner passes over the parked event whenever it comes again.
   */
  skip?(event: RecordedEvent): Promise<void>;
  /**
   * Handles a parked event again, when someone asks, after the reaction has gone on to later
   * events. Without it the runner calls `handle`, which must then cope with an event come late.
   */
  retry?(event: RecordedEvent): Promise<void>;
  /**
   * Whether a failure says that something the reaction relies on is down, rather than that the
   * event cannot be handled: such a failure is retried until it passes and never parks the event.
   * The runner already knows the network's, SQLite's and EventStoreDB's.
   */
  isTransient?(error: unknown): boolean;
}

/**
 * Where the runner says what went wrong. `fields` name the event a line is about (its id, stream
 * and correlation id), for a logger that keeps them as fields of their own.
 */
export interface RunnerLogger {
  error(message: string, fields?: Readonly<Record<string, string>>): void;
  log?(message: string, fields?: Readonly<Record<string, string>>): void;
}

/** The fields of a log line about one event: which it is, and the request or process it came from. */
export const eventLogFields = (event: RecordedEvent): Readonly<Record<string, string>> => ({
  eventId: event.id,
  stream: event.stream,
  ...(event.metadata.correlationId ? { correlationId: event.metadata.correlationId } : {}),
});

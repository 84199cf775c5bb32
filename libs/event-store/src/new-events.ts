import { DuplicateEventIdError, InvalidAppendError, WrongExpectedVersion } from './errors';
import {
  type AppendResult,
  type CurrentRevision,
  type ExpectedRevision,
  type NewEvent,
} from './event-store';
import { type Position } from './position';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The checks every adapter makes before it writes anything. */
export function assertAppendable(stream: string, events: readonly NewEvent[]): void {
  if (typeof stream !== 'string' || stream.length === 0) {
    throw new InvalidAppendError('The stream name must be a non-empty string');
  }
  if (stream.startsWith('$')) {
    throw new InvalidAppendError(`Stream names starting with $ are reserved: "${stream}"`);
  }
  if (events.length === 0) throw new InvalidAppendError(`No events to append to "${stream}"`);
  const ids = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id))
      throw new InvalidAppendError(`Event id ${JSON.stringify(event.id)} is not a UUID`);
    if (ids.has(event.id))
      throw new InvalidAppendError(`Event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    if (!event.type || event.type.startsWith('$')) {
      throw new InvalidAppendError(`Event type ${JSON.stringify(event.type)} is empty or reserved`);
    }
    if (!Number.isInteger(event.metadata?.schemaVersion) || event.metadata.schemaVersion < 1) {
      throw new InvalidAppendError(
        `Event ${event.id} has no schemaVersion (a whole number from 1)`,
      );
    }
  }
}

/** Where an event with one of the append's ids is already stored. */
export interface StoredEvent {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: Position;
}

/**
 * The revision at or below which a retry's events are not looked for: expecting it, the writer
 * has read the stream that far. `null` when every revision is looked at.
 */
export function retryFloor(expected: ExpectedRevision): bigint | null {
  if (expected === 'no_stream') return -1n;
  return typeof expected === 'bigint' ? expected : null;
}

/**
 * Rules 1 and 2 of idempotent appends (see `EventStore.appendToStream`), given where each of the
 * append's events is already stored (`undefined`: nowhere), as far as the adapter looked. Only
 * those stored in this stream after the expected revision count:
 *
 * - none: `null`, a new append, for the adapter to check against its expected revision;
 * - all, at consecutive revisions in the append's order: a retry, and the result of the append
 *   that stored them;
 * - some, or all but not in that order: `DuplicateEventIdError`.
 */
export function earlierAppend(
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  stored: readonly (StoredEvent | undefined)[],
): AppendResult | null {
  const floor = retryFloor(expected);
  const seen = stored.map((found) =>
    found !== undefined && found.stream === stream && (floor === null || found.revision > floor)
      ? found
      : undefined,
  );
  const firstSeen = seen.findIndex((found) => found !== undefined);
  if (firstSeen < 0) return null;
  const first = seen[0];
  const isRun =
    first !== undefined &&
    seen.every((found, i) => found !== undefined && found.revision === first.revision + BigInt(i));
  if (!isRun) throw new DuplicateEventIdError(events[firstSeen].id, stream);
  const last = seen[seen.length - 1] as StoredEvent;
  return { nextExpectedRevision: last.revision, position: last.position };
}

function satisfies(expected: ExpectedRevision, actual: CurrentRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

/**
 * The port's rules for an append, given where its ids are stored and the stream's revision, read
 * together: the earlier result for a retry (rule 1); `null` for a new append the adapter may store
 * after `actual`; otherwise the refusal, `DuplicateEventIdError` or `WrongExpectedVersion`.
 */
export function decideAppend(
  stream: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  stored: readonly (StoredEvent | undefined)[],
  actual: CurrentRevision,
): AppendResult | null {
  const retried = earlierAppend(stream, events, expected, stored);
  if (retried) return retried;
  if (!satisfies(expected, actual)) throw new WrongExpectedVersion(stream, expected, actual);
  // A new append reusing ids stored in another stream, or at or before the revision it expects
  // (which is the current one): EventStoreDB would store them a second time. Refused here, so
  // that tests catch the mistake.
  const taken = stored.findIndex((found) => found !== undefined);
  if (taken >= 0) {
    const { stream: storedIn } = stored[taken] as StoredEvent;
    throw new DuplicateEventIdError(
      events[taken].id,
      storedIn,
      storedIn === stream
        ? `at or before revision ${String(expected)}, which this append expects, so it is a new append and not a retry (a retry passes the expected revision its original append passed)`
        : undefined,
    );
  }
  return null;
}

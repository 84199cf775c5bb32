import { type CurrentRevision, type ExpectedRevision } from './event-store';

/** The stream was not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedVersion extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(`Stream "${stream}" was expected at ${String(expected)} but is at ${String(actual)}`);
    this.name = 'WrongExpectedVersion';
  }
}

/** An append that can never succeed as written: no events, a bad id, data that is not JSON. */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/**
 * An event id already stored, other than as a retry of the append that stored it (see
 * `EventStore.appendToStream` for what a retry is). Nothing of the append was stored.
 */
export class DuplicateEventIdError extends Error {
  constructor(
    readonly eventId: string,
    readonly storedIn: string,
    why = 'and this append is not a retry of the one that stored it',
  ) {
    super(`Event id ${eventId} is already stored in stream "${storedIn}", ${why}`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * An event the store holds but the adapter cannot return as it was written (data that is not
 * JSON, metadata without a schema version, no position). Reading stops here rather than skip it,
 * because a reader that silently missed an event would fold the wrong state at the wrong revision.
 */
export class UnreadableEventError extends Error {
  constructor(
    readonly stream: string,
    readonly revision: bigint,
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(
      `Event ${eventId} (revision ${revision} of stream "${stream}") cannot be read: ${reason}`,
    );
    this.name = 'UnreadableEventError';
  }
}

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

/** An event id already stored, other than as a retry of the same append. */
export class DuplicateEventIdError extends Error {
  constructor(
    readonly eventId: string,
    readonly storedIn: string,
  ) {
    super(`Event id ${eventId} is already stored in stream "${storedIn}" by a different append`);
    this.name = 'DuplicateEventIdError';
  }
}

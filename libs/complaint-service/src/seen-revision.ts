import { type Actor, eventsGivenTo } from '@sg/complaints';
import { type ExpectedRevision } from '@sg/event-store';
import { asComplaintEvent, type LoadedComplaint } from './complaint-repository';

/** The version of a complaint a caller last saw, and what counts as a change since. */
export interface SeenRevision {
  /** From If-Match or the page's form: the revision the caller decided on. */
  readonly expectedRevision?: bigint;
  /**
   * A page's person is told someone else changed the complaint only when someone did: the
   * engine's own entries since (a deadline's warning, the outbox noting a mail went) change
   * nothing they read or wrote, and the decider still refuses what the new state no longer allows.
   * The API's If-Match keeps HTTP's meaning: any change since the ETag.
   */
  readonly onlyPeopleMakeStale?: boolean;
}

export class StaleVersion extends Error {
  constructor(
    readonly expected: bigint,
    readonly actual: ExpectedRevision,
  ) {
    super(
      typeof actual === 'bigint'
        ? `The complaint has changed since version ${expected} (it is now at version ${actual}); reload it and try again`
        : `There is no version ${expected} of this complaint yet; send If-Match only with an ETag the complaint gave`,
    );
    this.name = 'StaleVersion';
  }
}

/**
 * Refuses when the complaint has changed, in the caller's sense, since the version they saw. A
 * school's versions number only the events it reads (`eventsReadBy`), so a change is one it can
 * see, and a refusal names no version but its own: internal notes and the Board's working are not
 * told by the count. Finance's, and an officer's who only logged it, number only what they are
 * given (eventsFor) in the same way.
 */
export function requireUnchangedSinceSeen(
  loaded: LoadedComplaint,
  seen: SeenRevision,
  reader: Actor,
): void {
  const stale = staleVersion(loaded, seen, reader);
  if (stale) throw stale;
}

/** The refusal `requireUnchangedSinceSeen` gives, or null when the version seen is current. */
export function staleVersion(
  loaded: LoadedComplaint,
  seen: SeenRevision,
  reader: Actor,
): StaleVersion | null {
  const expected = seen.expectedRevision;
  if (expected === undefined) return null;
  // Finance, paying, is not told of a note: one added since it looked changes nothing it saw.
  const read = eventsGivenTo(
    reader,
    loaded.state,
    loaded.history.map((recorded) => ({
      ...asComplaintEvent(recorded),
      revision: recorded.revision,
    })),
  );
  const version = read.at(-1)?.revision ?? null;
  if (expected === version) return null;
  const stale =
    version === null ||
    expected > version ||
    !seen.onlyPeopleMakeStale ||
    read.some((event) => event.revision > expected && event.data.by.role !== 'system');
  return stale ? new StaleVersion(expected, version ?? loaded.revision) : null;
}

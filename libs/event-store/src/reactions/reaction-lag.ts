import { type EventStore, type SubscriptionFilter } from '../event-store';
import { comparePositions, type Position } from '../position';
import { matchesFilter } from '../subscription-filter';

/** How far behind the store's head a reaction is. */
export interface ReactionLag {
  /** Events after the reaction's position that its filter lets through. */
  readonly events: number;
  /** Counting stopped at the reading limit: there are at least `events`. */
  readonly atLeast: boolean;
  /** How long ago the oldest of them, the next the reaction will see, was recorded. */
  readonly oldestWaitingSeconds: number | null;
}

/** What the looks along the store found after a reaction's position, to go on from next time. */
export interface LagScan {
  readonly after: Position | null;
  /** The last event read; the next look starts after it if the reaction has not moved. */
  readonly through: Position | null;
  readonly events: number;
  readonly oldestWaiting: Date | null;
  /** The look stopped at its reading limit before the head: the next one goes on from there. */
  readonly atLeast: boolean;
}

const samePosition = (a: Position | null, b: Position | null) =>
  a === null || b === null ? a === b : comparePositions(a, b) === 0;

/**
 * Counts the events after `after` that pass `filter`, reading at most `readLimit` events. A
 * filtered reaction's position stays at the last event it took, so the events behind it that it
 * does not take are read too; while it does not move, `previous` lets the next look start where
 * the last one stopped rather than read them again, so a long backlog is counted a part per look.
 */
export async function scanLag(
  store: EventStore,
  after: Position | null,
  filter: SubscriptionFilter | undefined,
  options: { readonly readLimit: number; readonly previous?: LagScan | null },
): Promise<LagScan> {
  const previous = options.previous;
  const resume = previous && samePosition(previous.after, after);
  let events = resume ? previous.events : 0;
  let oldestWaiting = resume ? previous.oldestWaiting : null;
  let through = resume ? previous.through : after;
  let read = 0;
  for await (const event of store.readAll({
    fromPosition: through ?? undefined,
    // The event at `through` comes first, then the limit, then one to tell whether there is more.
    maxCount: options.readLimit + 2,
  })) {
    // readAll starts at the position it is given, which has been counted already.
    if (through && comparePositions(event.position, through) <= 0) continue;
    if (read === options.readLimit) return { after, through, events, oldestWaiting, atLeast: true };
    read += 1;
    through = event.position;
    if (!matchesFilter(filter, event)) continue;
    events += 1;
    oldestWaiting ??= event.recordedAt;
  }
  return { after, through, events, oldestWaiting, atLeast: false };
}

export const lagOf = (scan: LagScan, now: Date): ReactionLag => ({
  events: scan.events,
  atLeast: scan.atLeast,
  oldestWaitingSeconds:
    scan.oldestWaiting === null
      ? null
      : Math.max(0, Math.round((now.getTime() - scan.oldestWaiting.getTime()) / 1000)),
});

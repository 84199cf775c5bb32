import { comparePositions, type EventStore, type Position } from '@sg/event-store';

/** The outbox recording, meanwhile, that it sent mail earlier steps called for: no request's doing. */
export const WRITTEN_IN_THE_BACKGROUND: readonly RegExp[] = [/^notification-/];

/**
 * The events appended after `before` (from the start when null), as `Type to stream`, but for
 * those the engine writes in the background and any other streams `ignoring` names: what a
 * request that must record nothing may not have left.
 */
export async function appendedSince(
  store: EventStore,
  before: Position | null,
  ignoring: readonly RegExp[] = [],
): Promise<string[]> {
  const head = await store.headPosition();
  if (head === null || (before !== null && comparePositions(head, before) === 0)) return [];
  const skipped = [...WRITTEN_IN_THE_BACKGROUND, ...ignoring];
  const appended: string[] = [];
  for await (const event of store.readAll(before ? { fromPosition: before } : {}))
    if (
      (before === null || comparePositions(event.position, before) > 0) &&
      !skipped.some((stream) => stream.test(event.stream))
    )
      appended.push(`${event.type} to ${event.stream}`);
  return appended;
}

import { type EventStore, type SubscriptionFilter } from './event-store';
import { type Position } from './position';
import { matchesFilter } from './subscription-filter';

/**
 * Where the store's last event that each filter lets through lies (null where none has yet): a
 * filtered reaction has caught up once it reaches its own, whatever follows it in the store.
 */
export async function lastPositionsMatching<Name extends string>(
  store: EventStore,
  filters: Readonly<Record<Name, SubscriptionFilter>>,
): Promise<Record<Name, Position | null>> {
  const names = Object.keys(filters) as Name[];
  const last = Object.fromEntries(names.map((name) => [name, null])) as Record<
    Name,
    Position | null
  >;
  for await (const event of store.readAll()) {
    for (const name of names) if (matchesFilter(filters[name], event)) last[name] = event.position;
  }
  return last;
}

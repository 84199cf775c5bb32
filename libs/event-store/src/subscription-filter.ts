import { type SubscriptionFilter } from './event-store';

export function matchesFilter(
  filter: SubscriptionFilter | undefined,
  event: { readonly stream: string; readonly type: string },
): boolean {
  if (!filter) return true;
  if ('streamPrefixes' in filter)
    return filter.streamPrefixes.some((p) => event.stream.startsWith(p));
  return filter.eventTypePrefixes.some((p) => event.type.startsWith(p));
}

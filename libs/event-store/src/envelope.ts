import { type EventMetadata } from './event-metadata';
import { type NewEvent } from './event-store';
import { timeOrderedUuid } from './time-ordered-uuid';

/** A domain event ({type, data}) ready to append: an id (time-ordered unless given) and its metadata. */
export function envelope(
  event: { readonly type: string; readonly data: unknown },
  metadata: EventMetadata,
  id: string = timeOrderedUuid(),
): NewEvent {
  return { id, type: event.type, data: event.data, metadata };
}

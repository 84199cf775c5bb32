import { randomUUID } from 'node:crypto';
import { type EventMetadata } from './event-metadata';
import { type NewEvent } from './event-store';

/** A domain event ({type, data}) ready to append: an id (random unless given) and its metadata. */
export function envelope(
  event: { readonly type: string; readonly data: unknown },
  metadata: EventMetadata,
  id: string = randomUUID(),
): NewEvent {
  return { id, type: event.type, data: event.data, metadata };
}

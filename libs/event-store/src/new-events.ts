import { InvalidAppendError } from './errors';
import { type NewEvent } from './event-store';

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

import { type EventStore, type RecordedEvent } from '../event-store';
import { type Reaction, type RunnerLogger } from '../reaction';
import { errorMessage } from './error-message';
import { type ParkedEvent, type ParkedEventStore } from './parked-event-store';

async function readParkedEvent(
  store: EventStore,
  parked: ParkedEvent,
): Promise<RecordedEvent | null> {
  for await (const event of store.readStream(parked.stream, {
    fromRevision: parked.revision,
    maxCount: 1,
  }))
    if (event.id === parked.eventId) return event;
  return null;
}

/**
 * Hands the reaction each of its parked events someone asked to retry, read again from the store:
 * to its `retry` if it has one (the event comes late, after later ones), else to `handle`. The
 * caller runs this between two of the reaction's live events, never beside one.
 */
export async function retryRequestedEvents(
  reaction: Reaction,
  dependencies: {
    readonly store: EventStore;
    readonly parked: ParkedEventStore;
    readonly now: () => Date;
    readonly logger: RunnerLogger;
  },
): Promise<void> {
  const { store, parked, now, logger } = dependencies;
  for (const request of await parked.retryRequested(reaction.name)) {
    try {
      const event = await readParkedEvent(store, request);
      if (!event)
        throw new Error(
          `event ${request.eventId} is no longer at revision ${request.revision} of ${request.stream}`,
        );
      await (reaction.retry ? reaction.retry(event) : reaction.handle(event));
      await parked.markRetried(request.id, now());
      logger.log?.(
        `${reaction.name} handled parked event ${request.id} (${request.eventId}) on retry`,
      );
    } catch (error) {
      await parked.retryFailed(request.id, errorMessage(error), now());
      logger.error(
        `${reaction.name} failed again on parked event ${request.id} (${request.eventId}), which stays parked: ${errorMessage(error)}`,
      );
    }
  }
}

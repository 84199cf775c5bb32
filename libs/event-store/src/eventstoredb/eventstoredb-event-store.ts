import {
  BACKWARDS,
  type AllStreamResolvedEvent,
  END,
  eventTypeFilter,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  type ResolvedEvent,
  START,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { WrongExpectedVersion } from '../errors';
import { type EventMetadata } from '../event-metadata';
import type * as Port from '../event-store';
import { assertAppendable } from '../new-events';
import { type Position } from '../position';

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
  /** Pause before resubscribing after a dropped subscription. */
  readonly resubscribeDelayMs?: number;
  readonly onSubscriptionDropped?: (error: unknown) => void;
}

const isSystemType = (type: string) => type.startsWith('$');

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): Port.RecordedEvent | null {
  const event = resolved.event;
  if (!event || isSystemType(event.type) || !event.isJson || !event.position) return null;
  return {
    id: event.id,
    stream: event.streamId,
    type: event.type,
    revision: event.revision,
    position: { commit: event.position.commit, prepare: event.position.prepare },
    data: event.data,
    metadata: event.metadata as EventMetadata,
    recordedAt: event.created,
  };
}

function serverFilter(filter: Port.SubscriptionFilter | undefined) {
  if (!filter) return excludeSystemEvents();
  return 'streamPrefixes' in filter
    ? streamNameFilter({ prefixes: [...filter.streamPrefixes] })
    : eventTypeFilter({ prefixes: [...filter.eventTypePrefixes] });
}

/**
 * The production event store: EventStoreDB / KurrentDB through its gRPC client. One client per
 * process; it reconnects by itself, and dropped subscriptions are resubscribed from the last
 * event they delivered.
 */
export class EventStoreDbEventStore implements Port.EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<Port.Subscription>();

  constructor(private readonly options: EventStoreDbOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  async appendToStream(
    stream: string,
    events: readonly Port.NewEvent[],
    options: { readonly expectedRevision: Port.ExpectedRevision },
  ): Promise<Port.AppendResult> {
    assertAppendable(stream, events);
    try {
      const result = await this.client.appendToStream(
        stream,
        events.map((event) =>
          jsonEvent({
            id: event.id,
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: event.metadata,
          }),
        ),
        { expectedRevision: options.expectedRevision },
      );
      if (!result.position)
        throw new Error('EventStoreDB older than 22.6 does not return positions');
      return {
        nextExpectedRevision: result.nextExpectedRevision,
        position: { commit: result.position.commit, prepare: result.position.prepare },
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedVersion(stream, options.expectedRevision, error.actualVersion);
      }
      throw error;
    }
  }

  async *readStream(
    stream: string,
    options: Port.ReadStreamOptions = {},
  ): AsyncIterable<Port.RecordedEvent> {
    const backwards = options.direction === 'backwards';
    try {
      for await (const resolved of this.client.readStream(stream, {
        direction: backwards ? 'backwards' : 'forwards',
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        maxCount: options.maxCount,
      })) {
        const event = toRecorded(resolved);
        if (event) yield event;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }

  async *readAll(options: Port.ReadAllOptions = {}): AsyncIterable<Port.RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    // System events are skipped here rather than on the server, so reading continues until
    // maxCount events of ours have been returned.
    for await (const resolved of this.client.readAll({
      fromPosition: options.fromPosition ?? START,
    })) {
      const event = toRecorded(resolved);
      if (!event) continue;
      yield event;
      remaining -= 1;
      if (remaining <= 0) return;
    }
  }

  async headPosition(): Promise<Position | null> {
    // Backwards from the end, past the server's own system events, to the last of ours.
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END })) {
      const event = toRecorded(resolved);
      if (event) return event.position;
    }
    return null;
  }

  subscribeToAll(options: Port.SubscribeToAllOptions): Port.Subscription {
    const controller = new AbortController();
    const { client, subscriptions } = this;
    const delay = this.options.resubscribeDelayMs ?? 1000;
    const onDropped = this.options.onSubscriptionDropped;
    let current: { unsubscribe(): Promise<void> } | undefined;
    const subscription: Port.Subscription = {
      async *[Symbol.asyncIterator]() {
        let from: Position | 'start' = options.fromPosition;
        try {
          while (!controller.signal.aborted) {
            const live = client.subscribeToAll({
              fromPosition: from === 'start' ? START : from,
              filter: serverFilter(options.filter),
            });
            current = live;
            try {
              for await (const resolved of live) {
                const event = toRecorded(resolved);
                if (!event) continue;
                from = event.position;
                yield event;
                if (controller.signal.aborted) return;
              }
            } catch (error) {
              if (controller.signal.aborted) return;
              onDropped?.(error);
              await new Promise((resolve) => setTimeout(resolve, delay));
            } finally {
              await live.unsubscribe().catch(() => undefined);
            }
          }
        } finally {
          subscriptions.delete(subscription);
        }
      },
      async stop() {
        controller.abort();
        subscriptions.delete(subscription);
        await current?.unsubscribe().catch(() => undefined);
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }
}

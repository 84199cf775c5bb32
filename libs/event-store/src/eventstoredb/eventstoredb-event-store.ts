import {
  BACKWARDS,
  type AllStreamResolvedEvent,
  type AppendResult as ClientAppendResult,
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
import { UnreadableEventError, WrongExpectedVersion } from '../errors';
import { type EventMetadata } from '../event-metadata';
import type * as Port from '../event-store';
import { assertAppendable, earlierAppend, retryFloor, type StoredEvent } from '../new-events';
import { type Position } from '../position';

/** The part of the gRPC client the adapter uses. */
export type EventStoreDbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
  /** Pause before resubscribing after a dropped subscription. */
  readonly resubscribeDelayMs?: number;
  readonly onSubscriptionDropped?: (error: unknown) => void;
  /** A client to use instead of one made from the connection string (tests). */
  readonly client?: EventStoreDbClient;
}

/**
 * What servers before 22.6 send as the position of an event read from a stream (-1 as an unsigned
 * 64-bit number): they do not know it. The client passes it on as if it were a position.
 */
const UNKNOWN_POSITION = 0xffff_ffff_ffff_ffffn;

type Recorded = NonNullable<ResolvedEvent['event'] | AllStreamResolvedEvent['event']>;

/** The store's own events: `$` types (links, metadata, epochs) and anything in a `$` stream. */
const isSystem = (record: Pick<Recorded, 'type' | 'streamId'>) =>
  record.type.startsWith('$') || record.streamId.startsWith('$');

const isMetadata = (value: unknown): value is EventMetadata =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Uint8Array) &&
  Number.isInteger((value as { schemaVersion?: unknown }).schemaVersion);

/**
 * An event as the port returns it; `null` for a system event, which the port never returns. Any
 * other event is returned whole or not at all: one this adapter did not write (binary data,
 * metadata that is not ours) or cannot place (no position) throws `UnreadableEventError`, so a
 * stream is never folded with an event missing and a subscription never passes one by.
 *
 * A JSON event whose bytes do not parse is returned by the client as its text, like a JSON string;
 * nothing here can tell the two apart, but this adapter only ever writes `JSON.stringify` output.
 */
export function fromEventStoreDb(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): Port.RecordedEvent | null {
  // Links are not resolved, so `event` is the record itself; `link` alone would be a link whose
  // target is gone, a system event like every link.
  const record: Recorded | undefined = resolved.event ?? resolved.link;
  if (!record) throw new Error('EventStoreDB returned a read result with no event in it');
  if (isSystem(record)) return null;
  const unreadable = (reason: string) =>
    new UnreadableEventError(record.streamId, record.revision, record.id, reason);
  if (!record.isJson) {
    throw unreadable(
      'its data is not JSON (it was not written by this adapter, which writes JSON events only)',
    );
  }
  if (!isMetadata(record.metadata)) {
    throw unreadable('its metadata is not a JSON object with a schemaVersion');
  }
  const position = record.position;
  if (!position || position.commit === UNKNOWN_POSITION || position.prepare === UNKNOWN_POSITION) {
    throw unreadable(
      'EventStoreDB did not give its position; servers before 22.6 do not for events read from a stream, and this adapter needs 22.6 or later',
    );
  }
  return {
    id: record.id,
    stream: record.streamId,
    type: record.type,
    revision: record.revision,
    position: { commit: position.commit, prepare: position.prepare },
    data: record.data,
    metadata: record.metadata,
    recordedAt: record.created,
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
 *
 * Idempotent appends (the port's rule): for an exact expected revision or `no_stream` the server
 * itself recognises a retry whose events sit right after that revision, as they do when the retry
 * passes its original's expectation. When it answers WrongExpectedVersion instead, the adapter
 * looks for the events after the expected revision, to return the earlier result or refuse a
 * partial overlap. For `any` and `stream_exists` the server looks only in a cache of recent
 * writes, so the adapter looks in the stream first. What it cannot see: ids stored in other
 * streams, and ids stored at or before an expected revision that is the stream's current one.
 */
export class EventStoreDbEventStore implements Port.EventStore {
  private readonly client: EventStoreDbClient;
  private readonly subscriptions = new Set<Port.Subscription>();

  constructor(private readonly options: EventStoreDbOptions) {
    this.client = options.client ?? EventStoreDBClient.connectionString(options.connectionString);
  }

  async appendToStream(
    stream: string,
    events: readonly Port.NewEvent[],
    options: { readonly expectedRevision: Port.ExpectedRevision },
  ): Promise<Port.AppendResult> {
    assertAppendable(stream, events);
    const expected = options.expectedRevision;
    // At these expectations the server looks for a retry only in a cache of recent writes.
    if (expected === 'any' || expected === 'stream_exists') {
      const retried = await this.lookForEarlierAppend(stream, events, expected);
      if (retried) return retried;
    }
    let result: ClientAppendResult;
    try {
      result = await this.client.appendToStream(
        stream,
        events.map((event) =>
          jsonEvent({
            id: event.id,
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: event.metadata,
          }),
        ),
        { expectedRevision: expected },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // The server looked for a retry only right after the expected revision.
      const retried = await this.lookForEarlierAppend(stream, events, expected);
      if (retried) return retried;
      throw new WrongExpectedVersion(stream, expected, error.actualVersion);
    }
    // The server reports the position of the append's last event, except that for a retry it
    // recognised itself some versions report none: then it is read back, so that a retry still
    // gets exactly what its original got.
    const position = result.position
      ? { commit: result.position.commit, prepare: result.position.prepare }
      : await this.positionOf(stream, result.nextExpectedRevision);
    return { nextExpectedRevision: result.nextExpectedRevision, position };
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
        const event = fromEventStoreDb(resolved);
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
      const event = fromEventStoreDb(resolved);
      if (!event) continue;
      yield event;
      remaining -= 1;
      if (remaining <= 0) return;
    }
  }

  async headPosition(): Promise<Position | null> {
    // Backwards from the end, past the server's own system events, to the last of ours.
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END })) {
      const event = fromEventStoreDb(resolved);
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
                const event = fromEventStoreDb(resolved);
                if (!event) continue;
                from = event.position;
                yield event;
                if (controller.signal.aborted) return;
              }
            } catch (error) {
              if (controller.signal.aborted) return;
              // Not a dropped connection: resubscribing would meet the same event again.
              if (error instanceof UnreadableEventError) throw error;
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

  /**
   * Rules 1 and 2 of idempotent appends: where the append's events are stored after the revision
   * it expects (anywhere in the stream for `any` and `stream_exists`), read backwards from the end
   * until all are found or that revision is passed.
   */
  private async lookForEarlierAppend(
    stream: string,
    events: readonly Port.NewEvent[],
    expected: Port.ExpectedRevision,
  ): Promise<Port.AppendResult | null> {
    const floor = retryFloor(expected);
    const index = new Map(events.map((event, i) => [event.id, i]));
    const stored: (StoredEvent | undefined)[] = events.map(() => undefined);
    let found = 0;
    for await (const event of this.readStream(stream, { direction: 'backwards' })) {
      if (floor !== null && event.revision <= floor) break;
      const i = index.get(event.id);
      if (i === undefined) continue;
      stored[i] = { stream, revision: event.revision, position: event.position };
      found += 1;
      if (found === events.length) break;
    }
    return earlierAppend(stream, events, expected, stored);
  }

  private async positionOf(stream: string, revision: bigint): Promise<Position> {
    for await (const event of this.readStream(stream, { fromRevision: revision, maxCount: 1 })) {
      if (event.revision === revision) return event.position;
    }
    throw new Error(
      `EventStoreDB did not return revision ${revision} of "${stream}" after storing it`,
    );
  }
}

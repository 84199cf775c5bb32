import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '@sg/event-store';
import { Counter, Histogram, type Metric, type Registry } from 'prom-client';

/** Refusals that mean another writer got there first, by the name the store's errors carry. */
const CONFLICTS = new Set(['WrongExpectedVersion', 'DuplicateEventIdError']);

const APPENDS = 'sg_event_store_appends_total';
const APPENDED_EVENTS = 'sg_event_store_appended_events_total';
const APPEND_DURATION = 'sg_event_store_append_duration_seconds';

/**
 * An event store that counts its appends: `sg_event_store_appends_total{outcome}` (ok, conflict,
 * failed), `sg_event_store_appended_events_total` and `sg_event_store_append_duration_seconds`.
 * Everything else passes straight through. It keeps its metrics itself, since the store is made
 * where no registry is at hand; `measureAppends` puts them in the process's registry.
 */
export class MeasuredEventStore implements EventStore {
  readonly appends = new Counter({
    name: APPENDS,
    help: 'Appends to the event store, by outcome: ok, conflict (another writer was first), failed',
    labelNames: ['outcome'] as const,
    registers: [],
  });
  readonly appendedEvents = new Counter({
    name: APPENDED_EVENTS,
    help: 'Events appended to the event store',
    registers: [],
  });
  readonly appendDuration = new Histogram({
    name: APPEND_DURATION,
    help: 'Time an append to the event store took, refused or not',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [],
  });

  constructor(private readonly store: EventStore) {}

  async appendToStream(
    stream: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const stopTimer = this.appendDuration.startTimer();
    try {
      const result = await this.store.appendToStream(stream, events, options);
      this.appends.inc({ outcome: 'ok' });
      this.appendedEvents.inc(events.length);
      return result;
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      this.appends.inc({ outcome: CONFLICTS.has(name) ? 'conflict' : 'failed' });
      throw error;
    } finally {
      stopTimer();
    }
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.store.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.store.readAll(options);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return this.store.subscribeToAll(options);
  }

  headPosition(): Promise<Position | null> {
    return this.store.headPosition();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** Puts the store's append metrics in the registry, if it is measured and they are not there yet. */
export function measureAppends(registry: Registry, store: EventStore): void {
  if (!(store instanceof MeasuredEventStore)) return;
  const metrics: [string, Metric][] = [
    [APPENDS, store.appends],
    [APPENDED_EVENTS, store.appendedEvents],
    [APPEND_DURATION, store.appendDuration],
  ];
  for (const [name, metric] of metrics)
    if (!registry.getSingleMetric(name)) registry.registerMetric(metric);
}

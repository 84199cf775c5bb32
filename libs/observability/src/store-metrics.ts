import type { EventStore } from '@sg/event-store';
import { Gauge, type Registry } from 'prom-client';
import { storeAnswers } from './engine-readiness';
import { registered } from './registered';

/** As long as readiness gives the store: an answer later than this is no answer. */
const ANSWER_WITHIN_MS = 2_000;

/**
 * `sg_event_store_up`: 1 when the store gave up its first event within two seconds of the scrape,
 * 0 when it did not. The reactions' lag cannot be read while the store is away, so their series
 * go; this one stays, for an alert on the outage itself.
 */
export function followStore(registry: Registry, store: Pick<EventStore, 'readAll'>): void {
  registered(
    registry,
    'sg_event_store_up',
    (name) =>
      new Gauge({
        name,
        help: 'Whether the event store answered a read within 2 s of the scrape (1) or not (0)',
        registers: [registry],
        async collect() {
          this.set((await answers(store)) ? 1 : 0);
        },
      }),
  );
}

async function answers(store: Pick<EventStore, 'readAll'>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ANSWER_WITHIN_MS);
  });
  try {
    return await Promise.race([
      storeAnswers(store).then(
        (why) => why === null,
        () => false,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

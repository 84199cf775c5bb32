import { type RecordedEvent, type Subscription, type SubscriptionFilter } from '../event-store';
import { matchesFilter } from '../subscription-filter';
import { type AppendSignal } from './append-signal';
import { type EventRow, toRecorded } from './sqlite-event-row';

export interface SqliteSubscriptionSource {
  /** Exclusive start position. */
  readonly after: number;
  readonly filter?: SubscriptionFilter;
  readonly readAfter: (position: number, limit: number) => EventRow[];
  readonly signal: AppendSignal;
  readonly pollIntervalMs: number;
  readonly pageSize: number;
  readonly onEnd: () => void;
}

/**
 * Catch-up and live are one loop: read every row after the last one seen; when a short page
 * shows the end has been reached, wait for an append. Because each read starts strictly after
 * the last position delivered, the switch to live can neither skip nor repeat an event.
 */
export class SqliteSubscription implements Subscription {
  private readonly controller = new AbortController();

  constructor(private readonly source: SqliteSubscriptionSource) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    const { filter, readAfter, signal, pollIntervalMs, pageSize } = this.source;
    const aborted = this.controller.signal;
    let last = this.source.after;
    try {
      while (!aborted.aborted) {
        const appendsBeforeRead = signal.count;
        const rows = readAfter(last, pageSize);
        for (const row of rows) {
          last = row.position;
          if (matchesFilter(filter, row)) yield toRecorded(row);
          if (aborted.aborted) return;
        }
        if (rows.length < pageSize && signal.count === appendsBeforeRead) {
          await signal.wait(pollIntervalMs, aborted);
        }
      }
    } finally {
      this.source.onEnd();
    }
  }

  stop(): Promise<void> {
    this.controller.abort();
    this.source.onEnd();
    return Promise.resolve();
  }
}

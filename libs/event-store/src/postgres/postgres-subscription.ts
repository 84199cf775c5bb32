import { type RecordedEvent, type Subscription, type SubscriptionFilter } from '../event-store';
import { type Position } from '../position';
import { type CommitOrderPage, pastWatermark, readInCommitOrder } from './commit-order';
import { isConnectionLost } from './connection-lost';
import { type ListeningConnection } from './listening-connection';
import { toRecorded } from './postgres-event-row';

export interface PostgresSubscriptionSource {
  /** Exclusive start position. */
  readonly after: Position;
  readonly filter?: SubscriptionFilter;
  readonly table: string;
  readonly connection: ListeningConnection;
  /** Makes the store's table if it is missing. */
  readonly ready: () => Promise<void>;
  /** The longest wait for a notification before the table is read anyway. */
  readonly pollIntervalMs: number;
  readonly pageSize: number;
  readonly onEnd: () => void;
}

/** The first pause before looking again for events a notification announced but the watermark held back. */
const FIRST_HELD_BACK_PAUSE_MS = 5;

/**
 * Catch-up and live are one loop, as in the SQLite store: read the events after the last one
 * delivered, cut at the watermark; when a short page shows the end has been reached, wait. What
 * ends the wait:
 *
 * - a notification: an append has committed;
 * - a lost connection: it is made again and LISTENs before the next read, so an append whose
 *   notification went to the lost connection is found by that read;
 * - the poll interval, for what sends no notification: a transaction that rolls back (and so
 *   lets the watermark past the appends behind it), a writer that bypassed the adapter;
 * - sooner, when a notification names a transaction the watermark still holds back (an older
 *   transaction was running): the read is repeated, with a pause that doubles, until it passes.
 */
export class PostgresSubscription implements Subscription {
  constructor(private readonly source: PostgresSubscriptionSource) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    const { connection, table, filter, pageSize, pollIntervalMs } = this.source;
    let cursor = this.source.after;
    let heldBackPause = FIRST_HELD_BACK_PAUSE_MS;
    let tableReady = false;
    try {
      while (!connection.stopped) {
        const client = await connection.connected();
        if (!client) return;
        const wakesBeforeRead = connection.wakes;
        let page: CommitOrderPage;
        try {
          if (!tableReady) {
            await this.source.ready();
            tableReady = true;
          }
          page = await readInCommitOrder(client, table, cursor, pageSize, filter);
        } catch (error) {
          if (connection.stopped) return;
          if (!isConnectionLost(error)) throw error;
          connection.drop(client, error);
          continue;
        }
        for (const row of page.rows) {
          const event = toRecorded(row);
          cursor = event.position;
          yield event;
          if (connection.stopped) return;
        }
        if (page.rows.length === pageSize) continue;
        cursor = pastWatermark(cursor, page.watermark);
        if (connection.wakes !== wakesBeforeRead) continue;
        if (connection.notifiedUpTo >= page.watermark) {
          await connection.wait(Math.min(heldBackPause, pollIntervalMs));
          heldBackPause = Math.min(heldBackPause * 2, pollIntervalMs);
        } else {
          heldBackPause = FIRST_HELD_BACK_PAUSE_MS;
          await connection.wait(pollIntervalMs);
        }
      }
    } finally {
      await connection.stop();
      this.source.onEnd();
    }
  }

  async stop(): Promise<void> {
    await this.source.connection.stop();
    this.source.onEnd();
  }
}

import { type Queryable } from './queryable';

/**
 * Tells live subscriptions, just after the fact, that appends have committed. A NOTIFY inside the
 * appending transaction would make PostgreSQL commit such transactions one at a time across the
 * whole server (it holds a database-wide lock from just before commit until the WAL is flushed),
 * so appends could not share a flush. Sent after the commit instead, without waiting for the disk
 * (a lost notification costs a subscriber one poll), and at most one at a time: appends that
 * commit while one is being sent are announced together by the next, which names the highest
 * transaction among them, as subscriptions expect.
 */
export class AppendNotifier {
  private highest: bigint | null = null;
  private sending: Promise<void> | null = null;

  constructor(
    private readonly pool: Queryable,
    private readonly channel: string,
  ) {}

  committed(transactionId: bigint): void {
    if (this.highest === null || transactionId > this.highest) this.highest = transactionId;
    this.sending ??= this.sendWhilePending();
  }

  /** Resolves once nothing is waiting to be sent. */
  async settled(): Promise<void> {
    await this.sending;
  }

  private async sendWhilePending(): Promise<void> {
    while (this.highest !== null) {
      const transactionId = this.highest;
      this.highest = null;
      try {
        await this.pool.query(
          `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`,
          [this.channel, String(transactionId)],
        );
      } catch {
        // Subscriptions poll as well: one that misses this finds the events on its next look.
      }
    }
    this.sending = null;
  }
}

import pg from 'pg';

export interface ListeningConnectionOptions {
  readonly connection: pg.ClientConfig;
  readonly channel: string;
  /** The pause between two attempts to connect while the server cannot be reached. */
  readonly reconnectDelayMs: number;
  /** Told of every connection lost and every attempt to connect that failed. */
  readonly onLost: (error: unknown) => void;
}

const TRANSACTION_ID = /^\d+$/;

/**
 * A subscription's own connection: outside the pool, because a subscription holds it for as long
 * as it runs and appends must never wait for one. It LISTENs on the store's channel and the
 * subscription reads through it too. `wakes` counts every notification and every loss, so that a
 * subscription can tell whether one came between its last read and its decision to wait; a lost
 * connection is made again (and LISTENs again) when next asked for.
 */
export class ListeningConnection {
  private client: pg.Client | null = null;
  private wakeCount = 0;
  private highestNotified = -1n;
  private readonly waiters = new Set<() => void>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: ListeningConnectionOptions) {}

  get wakes(): number {
    return this.wakeCount;
  }

  /** The highest transaction id a notification has named: that transaction has committed. */
  get notifiedUpTo(): bigint {
    return this.highestNotified;
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /**
   * The connection, listening; made first if there is none, again and again until the server
   * answers. `null` once stopped.
   */
  async connected(): Promise<pg.Client | null> {
    while (!this.stopped) {
      if (this.client) return this.client;
      try {
        this.client = await this.connect();
      } catch (error) {
        if (this.stopped) break;
        this.options.onLost(error);
        await this.wait(this.options.reconnectDelayMs);
      }
    }
    return null;
  }

  /** Gives up a connection found lost by a query through it, so that the next one is made anew. */
  drop(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (!this.stopped) this.options.onLost(error);
    this.wake();
  }

  /** Resolves on the next notification, a lost connection, stop(), or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) {
        resolve();
        return;
      }
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.options.connection);
    // Without a listener, an error on an idle connection would be thrown from an event emitter
    // and end the process.
    client.on('error', (error) => this.drop(client, error));
    client.on('end', () => this.drop(client, new Error('Connection ended')));
    client.on('notification', (message) => this.notified(message));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.options.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      throw new Error('Stopped while connecting');
    }
    return client;
  }

  private notified(message: pg.Notification): void {
    if (message.channel !== this.options.channel) return;
    const payload = message.payload ?? '';
    if (TRANSACTION_ID.test(payload) && BigInt(payload) > this.highestNotified) {
      this.highestNotified = BigInt(payload);
    }
    this.wake();
  }

  private wake(): void {
    this.wakeCount += 1;
    for (const done of [...this.waiters]) done();
  }
}

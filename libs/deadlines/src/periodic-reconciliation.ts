import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { type TimerHost } from './timer-host';

export interface PeriodicTask {
  start(task: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** Every few minutes in this process (embedded mode). */
export class IntervalTask implements PeriodicTask {
  private handle: unknown;
  private stopped = false;

  constructor(
    private readonly host: TimerHost,
    private readonly everyMs: number,
  ) {}

  start(task: () => Promise<void>): Promise<void> {
    const next = () => {
      if (this.stopped) return;
      this.handle = this.host.setTimeout(() => void task().finally(next), this.everyMs);
    };
    next();
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.host.clearTimeout(this.handle);
    return Promise.resolve();
  }
}

export const MAINTENANCE_QUEUE = 'deadline-maintenance';

/**
 * A BullMQ job scheduler with a cron pattern in Europe/London: however many workers run, each
 * slot runs once, on whichever worker takes it.
 */
export class BullMqCronTask implements PeriodicTask {
  private queue?: Queue;
  private worker?: Worker;
  private readonly connections: IORedis[] = [];

  constructor(
    private readonly options: {
      redisUrl: string;
      prefix: string;
      everyMinutes: number;
      onError?: (message: string) => void;
    },
  ) {}

  async start(task: () => Promise<void>): Promise<void> {
    const connect = (extra: object) => {
      const connection = new IORedis(this.options.redisUrl, extra);
      connection.on('error', (error: Error) =>
        this.options.onError?.(`maintenance: ${error.message}`),
      );
      this.connections.push(connection);
      return connection;
    };
    this.queue = new Queue(MAINTENANCE_QUEUE, {
      connection: connect({ maxRetriesPerRequest: 1 }),
      prefix: this.options.prefix,
    });
    this.queue.on('error', (error: Error) =>
      this.options.onError?.(`maintenance: ${error.message}`),
    );
    await this.queue.upsertJobScheduler(
      'reconcile-deadlines',
      { pattern: `*/${this.options.everyMinutes} * * * *`, tz: 'Europe/London' },
      { name: 'reconcile-deadlines', opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    this.worker = new Worker(MAINTENANCE_QUEUE, () => task(), {
      connection: connect({ maxRetriesPerRequest: null }),
      prefix: this.options.prefix,
      concurrency: 1,
    });
    this.worker.on('error', (error: Error) =>
      this.options.onError?.(`maintenance: ${error.message}`),
    );
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    for (const connection of this.connections) connection.disconnect();
  }
}

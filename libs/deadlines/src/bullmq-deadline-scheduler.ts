import { type Job, Queue, Worker } from 'bullmq';
import IORedis, { type RedisOptions } from 'ioredis';
import { type DeadlineScheduler, type FireHandler } from './deadline-scheduler';
import { type DeadlineTimer, timerFromId, timerId } from './deadline-timer';

export const DEADLINES_QUEUE = 'deadlines';

export interface BullMqSchedulerOptions {
  readonly redisUrl: string;
  /** Namespaces every key, so several deployments (or test runs) can share one Redis. */
  readonly prefix: string;
  readonly concurrency?: number;
  /** Attempts for a failing handler, with exponential backoff from `backoffMs`. */
  readonly attempts?: number;
  readonly backoffMs?: number;
  readonly now?: () => number;
  /** `now` runs this many times faster than Redis's clock (TIME_SCALE): delays are divided by it. */
  readonly timeScale?: number;
  readonly onError?: (message: string) => void;
  /** How long a worker holds a job before others may take it back if it has died (BullMQ: 30 s). */
  readonly lockDurationMs?: number;
  /** How often workers look for jobs whose worker died (BullMQ: 30 s). */
  readonly stalledIntervalMs?: number;
}

/**
 * Timers as BullMQ delayed jobs in Redis. The job id is the timer id (complaint, clock, revision,
 * timer), so scheduling twice makes one job. The producer fails fast when Redis is down (no
 * offline queue) so the caller hears of it; the worker's connection retries for ever, as BullMQ
 * requires. Jobs are deleted once done; one given up on stays in the failed set, where the
 * reconciler finds it and schedules its timer afresh.
 */
/** All a job carries besides its id, which names the complaint, clock, revision and timer. */
interface TimerJob {
  readonly fireAt: string;
}

export class BullMqDeadlineScheduler implements DeadlineScheduler {
  readonly queue: Queue<TimerJob>;
  private readonly producer: IORedis;
  private worker: Worker<TimerJob> | null = null;
  private workerConnection: IORedis | null = null;
  private readonly now: () => number;

  constructor(private readonly options: BullMqSchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.producer = new IORedis(options.redisUrl, producerOptions);
    this.producer.on('error', (error: Error) =>
      options.onError?.(`deadline queue: ${error.message}`),
    );
    this.queue = new Queue<TimerJob>(DEADLINES_QUEUE, {
      connection: this.producer,
      prefix: options.prefix,
    });
    this.queue.on('error', (error: Error) => options.onError?.(`deadline queue: ${error.message}`));
  }

  async schedule(timer: DeadlineTimer): Promise<void> {
    await this.queue.add(timer.timer[0], { fireAt: timer.fireAt }, this.jobOptions(timer));
    await this.replaceSpent([timer]);
  }

  /** For bulk scheduling (the reconciler, the benchmark): a few round trips for many timers. */
  async scheduleMany(timers: readonly DeadlineTimer[]): Promise<void> {
    if (timers.length === 0) return;
    await this.queue.addBulk(timers.map((timer) => this.bulkJob(timer)));
    await this.replaceSpent(timers);
  }

  async cancel(id: string): Promise<void> {
    // A job already running cannot be removed; it will find its clock moved on and do nothing.
    await this.queue.remove(id).catch(() => undefined);
  }

  async pending(): Promise<DeadlineTimer[]> {
    return timersIn(await this.queue.getJobs(['delayed', 'wait', 'prioritized']));
  }

  /** BullMQ moves a job here when its attempts run out or it stalls more than maxStalledCount. */
  async stuck(): Promise<DeadlineTimer[]> {
    return timersIn(await this.queue.getJobs(['failed']));
  }

  start(onFire: FireHandler): Promise<void> {
    this.workerConnection = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', (error: Error) =>
      this.options.onError?.(`deadline worker: ${error.message}`),
    );
    this.worker = new Worker<TimerJob>(
      DEADLINES_QUEUE,
      async (job: Job<TimerJob>) => {
        const timer = job.id ? timerFromId(job.id, job.data.fireAt) : null;
        if (timer) await onFire(timer);
      },
      {
        connection: this.workerConnection,
        prefix: this.options.prefix,
        concurrency: this.options.concurrency ?? 8,
        // Handlers are idempotent, so a job that stalled (its worker died) is simply run again.
        maxStalledCount: 10,
        ...(this.options.lockDurationMs ? { lockDuration: this.options.lockDurationMs } : {}),
        ...(this.options.stalledIntervalMs
          ? { stalledInterval: this.options.stalledIntervalMs }
          : {}),
      },
    );
    this.worker.on('error', (error: Error) =>
      this.options.onError?.(`deadline worker: ${error.message}`),
    );
    this.worker.on('failed', (job, error) =>
      this.options.onError?.(
        `timer ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}` +
          (job && job.attemptsMade >= (job.opts.attempts ?? 1)
            ? '; given up until the next reconciliation schedules it afresh'
            : ''),
      ),
    );
    return Promise.resolve();
  }

  /** Stops taking new jobs and lets running ones finish before disconnecting. */
  async close(): Promise<void> {
    await this.worker?.close();
    this.workerConnection?.disconnect();
    await this.queue.close();
    this.producer.disconnect();
  }

  /**
   * Adding a job whose id is taken does nothing, so a job kept in the failed (or completed) set
   * would silently stand in for the timer and it would never fire: such a job is removed and the
   * timer added again. A job that is still spent after that is an error, not a timer.
   */
  private async replaceSpent(timers: readonly DeadlineTimer[]): Promise<void> {
    const spent = await this.spentAmong(timers);
    if (spent.length === 0) return;
    await Promise.all(spent.map((timer) => this.queue.remove(timerId(timer))));
    await this.queue.addBulk(spent.map((timer) => this.bulkJob(timer)));
    const still = await this.spentAmong(spent);
    if (still.length > 0)
      throw new Error(`cannot make timers fire again: ${still.map(timerId).join(', ')}`);
  }

  private async spentAmong(timers: readonly DeadlineTimer[]): Promise<DeadlineTimer[]> {
    const states = await Promise.all(timers.map((timer) => this.queue.getJobState(timerId(timer))));
    return timers.filter((_, i) => states[i] === 'failed' || states[i] === 'completed');
  }

  private bulkJob(timer: DeadlineTimer) {
    return { name: timer.timer[0], data: { fireAt: timer.fireAt }, opts: this.jobOptions(timer) };
  }

  /**
   * Real milliseconds until a moment `ms` away in engine time. In accelerated time a real
   * millisecond is many engine seconds, so the wait is rounded up and one added: a job run a
   * moment early would find its deadline not yet come, and do nothing.
   */
  private realDelay(ms: number): number {
    const scale = this.options.timeScale ?? 1;
    if (ms <= 0) return 0;
    return scale === 1 ? ms : Math.ceil(ms / scale) + 1;
  }

  private jobOptions(timer: DeadlineTimer) {
    return {
      jobId: timerId(timer),
      delay: this.realDelay(Date.parse(timer.fireAt) - this.now()),
      attempts: this.options.attempts ?? 12,
      backoff: { type: 'exponential', delay: this.options.backoffMs ?? 1000 },
      // Failed jobs are kept (no removeOnFail): the failed set is how the reconciler finds them.
      removeOnComplete: true,
    };
  }
}

const timersIn = (jobs: Awaited<ReturnType<Queue<TimerJob>['getJobs']>>): DeadlineTimer[] =>
  jobs.flatMap((job) => {
    const timer = job?.id && job.data ? timerFromId(job.id, job.data.fireAt) : null;
    return timer ? [timer] : [];
  });

const producerOptions: RedisOptions = { enableOfflineQueue: false, maxRetriesPerRequest: 1 };

/**
 * What an operator should change in Redis's settings for the timers: it must never evict one
 * (BullMQ needs `noeviction`), and should keep them across its own restart (`appendonly yes`;
 * without it the reconciler puts them back, but only every RECONCILE_EVERY_MINUTES).
 */
export function redisSettingsWarnings(settings: {
  readonly maxmemoryPolicy: string;
  readonly appendonly: string;
}): string[] {
  return [
    ...(settings.maxmemoryPolicy === 'noeviction'
      ? []
      : [
          `Redis maxmemory-policy is ${settings.maxmemoryPolicy}: timers can be evicted under memory pressure; set it to noeviction`,
        ]),
    ...(settings.appendonly === 'yes'
      ? []
      : [
          'Redis appendonly is no: a restart of Redis loses the timers until the reconciler puts them back; set appendonly yes',
        ]),
  ];
}

/** `redisSettingsWarnings` for the Redis at `redisUrl`, as it is set now. */
export async function redisWarnings(redisUrl: string): Promise<string[]> {
  const client = new IORedis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const setting = async (name: string) =>
      ((await client.config('GET', name)) as [string, string])[1];
    return redisSettingsWarnings({
      maxmemoryPolicy: await setting('maxmemory-policy'),
      appendonly: await setting('appendonly'),
    });
  } finally {
    client.disconnect();
  }
}

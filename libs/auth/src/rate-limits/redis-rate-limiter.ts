import IORedis, { type ChainableCommander } from 'ioredis';
import { decisionFor, fixedWindow } from './fixed-window';
import { type RateLimitDecision, type RateLimiter } from './rate-limiter';

export interface RedisRateLimiterOptions {
  /** A client to share, which close() leaves open, or a URL to connect to, which close() ends. */
  readonly redis: IORedis | string;
  /** Starts every key (as DEADLINES_PREFIX does the timers'), so deployments can share a Redis. */
  readonly prefix: string;
}

/**
 * Attempts counted in Redis, so that every node counts against the same windows. A window is a
 * counter named by its length and start, incremented and given the rest of the window to live in
 * one transaction: concurrent attempts each get a count of their own, and a counter never
 * outlives its window. Each key also has a set naming its counters, so that reset can find
 * windows of any length; the set lives as long as its longest-lived counter. Needs Redis 7
 * (PEXPIRE NX and GT).
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly client: IORedis;
  private readonly ownsClient: boolean;
  private readonly prefix: string;

  constructor(options: RedisRateLimiterOptions) {
    this.ownsClient = typeof options.redis === 'string';
    this.client =
      typeof options.redis === 'string'
        ? new IORedis(options.redis, { maxRetriesPerRequest: 1 })
        : options.redis;
    this.prefix = options.prefix;
  }

  async consume(
    key: string,
    limit: number,
    windowSeconds: number,
    now: Date,
  ): Promise<RateLimitDecision> {
    const window = fixedWindow(limit, windowSeconds, now);
    const lifeMs = window.endMs - now.getTime();
    const counter = `${this.prefix}:rate:${windowSeconds}:${window.startMs}:${key}`;
    const counters = this.countersOf(key);
    const [count] = await run(
      this.client
        .multi()
        .incr(counter)
        .pexpire(counter, lifeMs)
        .sadd(counters, counter)
        .pexpire(counters, lifeMs, 'NX')
        .pexpire(counters, lifeMs, 'GT'),
    );
    return decisionFor(count as number, limit, window, now);
  }

  async reset(key: string): Promise<void> {
    const counters = this.countersOf(key);
    const running = await this.client.smembers(counters);
    await run(this.client.multi().del(counters, ...running));
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.quit();
  }

  private countersOf(key: string): string {
    return `${this.prefix}:rate-windows:${key}`;
  }
}

/** The replies of a transaction, or the first command's error. */
async function run(transaction: ChainableCommander): Promise<unknown[]> {
  const replies = await transaction.exec();
  // exec answers null only when a WATCHed key changed, and nothing here WATCHes.
  if (replies === null) throw new Error('Redis transaction was discarded');
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}

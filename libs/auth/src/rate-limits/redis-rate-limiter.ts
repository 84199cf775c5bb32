import { createHash } from 'node:crypto';
import { RedisAdapter, type RedisOptions, runTransaction } from '../redis/redis-connection';
import { decisionFor, fixedWindow } from './fixed-window';
import { type RateLimitDecision, type RateLimiter } from './rate-limiter';

export type RedisRateLimiterOptions = RedisOptions;

/**
 * Attempts counted in Redis, so that every node counts against the same windows. A window is a
 * counter named by its length and start, incremented and given the rest of the window to live in
 * one transaction: concurrent attempts each get a count of their own, and a counter never
 * outlives its window. Each key also has a set naming its counters, so that reset can find
 * windows of any length; the set lives as long as its longest-lived counter. Needs Redis 7
 * (PEXPIRE NX and GT).
 */
export class RedisRateLimiter extends RedisAdapter implements RateLimiter {
  async consume(
    key: string,
    limit: number,
    windowSeconds: number,
    now: Date,
  ): Promise<RateLimitDecision> {
    const window = fixedWindow(limit, windowSeconds, now);
    const lifeMs = window.endMs - now.getTime();
    const counter = this.counter(key, windowSeconds, window.startMs);
    const counters = this.countersOf(key);
    const [count] = await runTransaction(
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

  async refund(key: string, windowSeconds: number, now: Date): Promise<void> {
    const window = fixedWindow(1, windowSeconds, now);
    // One step on the server: a counter that has ended or was never made stays gone, and one
    // already back at nought is not taken below it.
    await this.client.eval(
      "local held = tonumber(redis.call('GET', KEYS[1]) or '0') if held > 0 then redis.call('DECR', KEYS[1]) end return held",
      1,
      this.counter(key, windowSeconds, window.startMs),
    );
  }

  async reset(key: string): Promise<void> {
    const counters = this.countersOf(key);
    const running = await this.client.smembers(counters);
    await runTransaction(this.client.multi().del(counters, ...running));
  }

  private counter(key: string, windowSeconds: number, startMs: number): string {
    return `${this.prefix}:rate:${windowSeconds}:${startMs}:${digestOf(key)}`;
  }

  private countersOf(key: string): string {
    return `${this.prefix}:rate-windows:${digestOf(key)}`;
  }
}

/**
 * What is counted (an email address, a client's IP address) as a digest: Redis's keys are listed
 * by anyone who looks after it, and need not hold personal data.
 */
export function digestOf(key: string): string {
  const [kind] = key.split(':');
  return `${kind}:${createHash('sha256').update(key).digest('base64url')}`;
}

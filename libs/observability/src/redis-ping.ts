import { redisClient } from '@sg/config';
import type IORedis from 'ioredis';

/**
 * Asks Redis whether it answers, on a connection of its own opened at the first ask and kept: a
 * readiness probe every few seconds should not open one each time.
 */
export class RedisPing {
  private redis?: IORedis;

  constructor(private readonly url: string) {}

  /** Null when Redis answered, otherwise why not. */
  async check(): Promise<string | null> {
    this.redis ??= redisClient(
      this.url,
      {
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        connectTimeout: 2_000,
        // A probe's question must not wait in a queue for a connection that is not there.
        enableOfflineQueue: false,
      },
      'the readiness probe',
    );
    if (this.redis.status === 'wait') await this.redis.connect();
    await this.redis.ping();
    return null;
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}

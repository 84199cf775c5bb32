import { redisClient } from '@sg/config';
import type IORedis from 'ioredis';
import { type ChainableCommander } from 'ioredis';

/** How an adapter keeping its state in Redis is given its Redis. */
export interface RedisOptions {
  /** A client to share, which close() leaves open, or a URL to connect to, which close() ends. */
  readonly redis: IORedis | string;
  /** Starts every key (as DEADLINES_PREFIX does the timers'), so deployments can share a Redis. */
  readonly prefix: string;
}

/**
 * An adapter keeping its state in Redis under a prefix: it uses the client it is given, or
 * connects to the URL it is given and then owns that client, which close() ends.
 */
export abstract class RedisAdapter {
  protected readonly client: IORedis;
  protected readonly prefix: string;
  private readonly ownsClient: boolean;

  constructor(options: RedisOptions) {
    this.ownsClient = typeof options.redis === 'string';
    this.client =
      typeof options.redis === 'string'
        ? redisClient(options.redis, { maxRetriesPerRequest: 1 }, 'sessions and rate limits')
        : options.redis;
    this.prefix = options.prefix;
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.quit();
  }
}

/** The replies of a transaction, or the first command's error. */
export async function runTransaction(transaction: ChainableCommander): Promise<unknown[]> {
  const replies = await transaction.exec();
  // exec answers null only when a WATCHed key changed, and nothing here WATCHes.
  if (replies === null) throw new Error('Redis transaction was discarded');
  return replies.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
}

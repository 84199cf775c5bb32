import type IORedis from 'ioredis';
import { createHash } from 'node:crypto';
import { IdempotencyStore, KEEP_ANSWERS_MS, type StoredResponse } from './idempotency-store';

/**
 * First answers in Redis, shared by every API node, each kept for a day by Redis's own expiry.
 * The key is a digest of the person and their Idempotency-Key, which the caller chose and may
 * have written anything in.
 */
export class RedisIdempotencyStore extends IdempotencyStore {
  constructor(
    private readonly redis: IORedis,
    private readonly prefix: string,
  ) {
    super();
  }

  async find(actorId: string, key: string): Promise<StoredResponse | null> {
    const kept = await this.redis.get(this.keyOf(actorId, key));
    return kept === null ? null : (JSON.parse(kept) as StoredResponse);
  }

  async save(actorId: string, key: string, response: StoredResponse): Promise<void> {
    await this.redis.set(
      this.keyOf(actorId, key),
      JSON.stringify(response),
      'PX',
      KEEP_ANSWERS_MS,
      'NX',
    );
  }

  async claim(actorId: string, key: string, forMs: number): Promise<boolean> {
    const taken = await this.redis.set(
      `${this.keyOf(actorId, key)}:answering`,
      '1',
      'PX',
      forMs,
      'NX',
    );
    return taken === 'OK';
  }

  async release(actorId: string, key: string): Promise<void> {
    await this.redis.del(`${this.keyOf(actorId, key)}:answering`);
  }

  private keyOf(actorId: string, key: string): string {
    const digest = createHash('sha256').update(`${actorId}\u0000${key}`).digest('hex');
    return `${this.prefix}:idempotency:${digest}`;
  }
}

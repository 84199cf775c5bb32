import type IORedis from 'ioredis';
import { type Lease } from './lease';

/** Extends the lease only for the holder it names: a lease taken over by another is not touched. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0`;

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0`;

/**
 * One key in Redis that at most one holder has at a time, for `ttlMs` after it last took or
 * renewed it. The holder's token is random per process, so a restarted process is a new holder
 * and waits for its old lease to run out like anyone else.
 */
export class RedisLease implements Lease {
  readonly keptIn = 'Redis';

  constructor(
    private readonly redis: IORedis,
    readonly key: string,
    readonly holder: string,
    readonly ttlMs: number,
  ) {}

  /** Takes the lease if nobody holds it, or renews it if this holder does. */
  async tryAcquire(): Promise<boolean> {
    const taken = await this.redis.set(this.key, this.holder, 'PX', this.ttlMs, 'NX');
    return taken === 'OK' || (await this.renew());
  }

  /** Whether this holder still held the lease and has it for another `ttlMs`. */
  async renew(): Promise<boolean> {
    const renewed = await this.redis.eval(RENEW, 1, this.key, this.holder, String(this.ttlMs));
    return renewed === 1;
  }

  /** Gives the lease up at once, so a standby need not wait for it to run out. */
  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.holder);
  }

  /** Who holds the lease now, if anyone. */
  currentHolder(): Promise<string | null> {
    return this.redis.get(this.key);
  }
}

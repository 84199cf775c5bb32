import type IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type LeadershipOptions } from './leadership';
import { RedisLease } from './redis-lease';

/**
 * The engine's leases: `<prefix>:lease:<name>`, held by this process (host, pid and a random
 * token, so a restarted process is a new holder), asked for and renewed every third of its time
 * to live, so another node takes it over within about 1⅓ × `ttlMs` of its holder's death.
 */
export function namedLease(
  redis: IORedis,
  prefix: string,
  name: string,
  ttlMs: number,
): Pick<LeadershipOptions, 'lease' | 'retryMs' | 'renewMs'> {
  return {
    lease: new RedisLease(
      redis,
      `${prefix}:lease:${name}`,
      `${hostname()}:${process.pid}:${randomUUID()}`,
      ttlMs,
    ),
    retryMs: Math.round(ttlMs / 3),
    renewMs: Math.round(ttlMs / 3),
  };
}

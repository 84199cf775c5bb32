import type IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { type Lease } from './lease';
import { type LeadershipOptions } from './leadership';
import { RedisLease } from './redis-lease';
import { SqliteLease } from './sqlite-lease';

type NamedLease = Pick<LeadershipOptions, 'lease' | 'retryMs' | 'renewMs'>;

/** This process as a holder: host, pid and a random token, so a restarted process is a new one. */
const thisProcess = () => `${hostname()}:${process.pid}:${randomUUID()}`;

/** Asked for and renewed every third of its time to live: taken over within about 1⅓ × ttl. */
const renewedOften = (lease: Lease): NamedLease => ({
  lease,
  retryMs: Math.round(lease.ttlMs / 3),
  renewMs: Math.round(lease.ttlMs / 3),
});

/**
 * The engine's leases across nodes: `<prefix>:lease:<name>` in Redis, held by this process, so
 * another node takes it over within about 1⅓ × `ttlMs` of its holder's death.
 */
export const namedLease = (
  redis: IORedis,
  prefix: string,
  name: string,
  ttlMs: number,
): NamedLease =>
  renewedOften(new RedisLease(redis, `${prefix}:lease:${name}`, thisProcess(), ttlMs));

/**
 * The same lease for the processes of one host sharing a data directory, in `file`. A holder
 * whose process has died (killed, not stopped) has let go: the next need not wait for it to run out.
 */
export function namedFileLease(file: string, name: string, ttlMs: number): NamedLease {
  mkdirSync(dirname(file), { recursive: true });
  return renewedOften(new SqliteLease(file, `lease:${name}`, thisProcess(), ttlMs, deadOnThisHost));
}

function deadOnThisHost(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  // This very process id under another token: an earlier life of this process's id (a container
  // restarted as pid 1 under the same host name), which no live process can still hold.
  if (Number(pid) === process.pid) return true;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

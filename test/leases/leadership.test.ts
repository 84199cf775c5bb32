import {
  type Lease,
  Leadership,
  namedFileLease,
  RedisLease,
  SqliteLease,
  WhileLeading,
} from '@sg/leases';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { useTestRedis } from '../support/test-redis';
import { eventuallyPasses } from '../support/eventually';

const redis = useTestRedis('leases');
const TTL_MS = 1_200;
const quiet = { log: () => undefined, warn: () => undefined };

const folder = mkdtempSync(join(tmpdir(), 'sg-leases-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Each adapter, making the leases of one key for a test: the same suite holds for both. */
const ADAPTERS: [string, () => (holder: string) => Lease][] = [
  [
    'in Redis',
    () => {
      const key = `${redis.prefix}:lease:${randomUUID()}`;
      return (holder) => new RedisLease(redis.client, key, holder, TTL_MS);
    },
  ],
  [
    'in a file, shared by the processes of one host',
    () => {
      const file = join(folder, `${randomUUID()}.sqlite`);
      return (holder) => new SqliteLease(file, 'lease:worker', holder, TTL_MS);
    },
  ],
];

describe.each(ADAPTERS)('a lease %s', (_, leasesOfOneKey) => {
  let lease: (holder: string) => Lease;
  beforeEach(() => {
    lease = leasesOfOneKey();
  });

  it('is held by one holder at a time, renewed only by it, and free once released', async () => {
    const a = lease('a');
    const b = lease('b');
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect(await b.renew()).toBe(false);
    expect(await a.tryAcquire()).toBe(true);
    expect(await a.renew()).toBe(true);
    await b.release();
    expect(await a.currentHolder()).toBe('a');
    await a.release();
    expect(await a.currentHolder()).toBeNull();
    expect(await b.tryAcquire()).toBe(true);
  });

  it('runs out when its holder stops renewing it, and another takes it over', async () => {
    const dead = lease('dead');
    expect(await dead.tryAcquire()).toBe(true);
    const standby = lease('standby');
    expect(await standby.tryAcquire()).toBe(false);
    await eventuallyPasses(async () => expect(await standby.tryAcquire()).toBe(true), 5_000);
    // Its old holder cannot renew it back.
    expect(await dead.renew()).toBe(false);
    expect(await dead.currentHolder()).toBe('standby');
  });
});

describe('a lease in a file', () => {
  it('is free at once when its holder on this host was killed, and lasts while it lives', async () => {
    const file = join(folder, 'worker-leases.sqlite');
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    // Held as namedFileLease names its holders: host, process id, token.
    const first = new SqliteLease(
      file,
      'lease:worker',
      `${hostname()}:${holder.pid}:${randomUUID()}`,
      60_000,
    );
    expect(await first.tryAcquire()).toBe(true);
    const { lease } = namedFileLease(file, 'worker', 60_000);
    expect(await lease.tryAcquire()).toBe(false);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(await lease.tryAcquire()).toBe(true);
    expect(await lease.currentHolder()).toBe(lease.holder);
  });

  it('is free at once when held under this process id by another token: an earlier life of it', async () => {
    const file = join(folder, 'restarted-leases.sqlite');
    const earlier = new SqliteLease(
      file,
      'lease:worker',
      `${hostname()}:${process.pid}:${randomUUID()}`,
      60_000,
    );
    expect(await earlier.tryAcquire()).toBe(true);
    const { lease } = namedFileLease(file, 'worker', 60_000);
    expect(await lease.tryAcquire()).toBe(true);
  });
});

describe('leading by a lease in Redis', () => {
  let key: string;
  beforeEach(() => {
    key = `${redis.prefix}:lease:${Math.random().toString(36).slice(2)}`;
  });
  const lease = (holder: string, client = redis.client) =>
    new RedisLease(client, key, holder, TTL_MS);

  it('lets a standby lead only after the leader is gone, and tells a leader that was taken over', async () => {
    const events: string[] = [];
    const leadership = (name: string) =>
      new Leadership({
        lease: lease(name),
        retryMs: 100,
        renewMs: 300,
        onLost: (why) => events.push(`${name} lost: ${why}`),
        log: quiet,
      });
    const first = leadership('first');
    await first.acquire();
    const second = leadership('second');
    const secondLeads = second.acquire().then(() => events.push('second leads'));
    // Renewed several times over: the lease never runs out while its holder lives.
    await new Promise((resolve) => setTimeout(resolve, 3 * TTL_MS));
    expect(events).toEqual([]);
    expect(first.leading).toBe(true);

    await first.stop();
    await secondLeads;
    expect(events).toEqual(['second leads']);

    // Someone deletes the key and a third holder takes it: the second learns it no longer leads.
    await redis.client.del(key);
    expect(await lease('third').tryAcquire()).toBe(true);
    await eventuallyPasses(
      () => expect(events).toContain('second lost: taken over by third'),
      5_000,
    );
    expect(second.leading).toBe(false);
    await second.stop();
    expect(await lease('x').currentHolder()).toBe('third');
  });

  it('is given up by a leader that cannot reach Redis for as long as the lease lasts', async () => {
    const client = new IORedis(redis.url, { maxRetriesPerRequest: 1 });
    const lost: string[] = [];
    const leadership = new Leadership({
      lease: lease('cut-off', client),
      retryMs: 100,
      renewMs: 300,
      onLost: (why) => lost.push(why),
      log: quiet,
    });
    await leadership.acquire();
    client.disconnect();
    await eventuallyPasses(() => expect(lost).toHaveLength(1), 5_000);
    expect(lost[0]).toMatch(/^not renewed for \d+ s/);
    expect(leadership.leading).toBe(false);
    await leadership.stop();
  });

  it('says a node stands by because Redis does not answer, not because another holds it', async () => {
    const client = new IORedis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      lazyConnect: true,
    });
    const leadership = new Leadership({
      lease: lease('no-redis', client),
      retryMs: 100,
      renewMs: 300,
      onLost: () => undefined,
      log: quiet,
    });
    const leads = leadership.acquire().catch(() => 'stopped');
    await eventuallyPasses(() => expect(leadership.waitingBecause).toMatch(/^cannot reach Redis/));
    await leadership.stop();
    expect(await leads).toBe('stopped');
    client.disconnect();
  });

  it('never leads past the end of its lease, however slowly its store answers', async () => {
    // On a clock of the test's own, so that the answer does not turn on how busy the machine is.
    jest.useFakeTimers();
    try {
      const ttlMs = 1_200;
      const renewMs = 400;
      const never = <T>() => new Promise<T>(() => undefined);
      let expiresAt = 0;
      let renewals = 0;
      // Redis fails one renewal, then stops answering; the store answers twice, then hangs.
      const lease = {
        key: 'k',
        holder: 'a',
        ttlMs,
        tryAcquire: () => {
          expiresAt = Date.now() + ttlMs;
          return Promise.resolve(true);
        },
        renew: () =>
          ++renewals === 1 ? Promise.reject(new Error("Stream isn't writeable")) : never<boolean>(),
        release: () => Promise.resolve(),
        currentHolder: () => Promise.resolve(null),
      } as unknown as RedisLease;
      let checks = 0;
      const leadership = new Leadership({
        lease,
        retryMs: renewMs,
        renewMs,
        ableToAct: () => (++checks <= 2 ? Promise.resolve(null) : never<string | null>()),
        onLost: () => undefined,
        log: quiet,
      });
      await leadership.acquire();
      const ledAfterItsEnd: number[] = [];
      for (let step = 0; step < 300; step++) {
        await jest.advanceTimersByTimeAsync(10);
        if (Date.now() >= expiresAt && leadership.leading)
          ledAfterItsEnd.push(Date.now() - expiresAt);
      }
      expect(renewals).toBeGreaterThan(1);
      expect(leadership.leading).toBe(false);
      expect(ledAfterItsEnd).toEqual([]);
      await leadership.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  describe('a node that cannot do what the lease guards (its store does not answer)', () => {
    const leadership = (name: string, able: { why: string | null }, events: string[]) =>
      new Leadership({
        lease: lease(name),
        retryMs: 100,
        renewMs: 300,
        ableToAct: () => Promise.resolve(able.why),
        onLost: (why) => events.push(`${name} lost: ${why}`),
        log: quiet,
      });

    it('does not take a free lease until it can', async () => {
      const able = { why: 'event store: connect ECONNREFUSED' as string | null };
      const events: string[] = [];
      const node = leadership('cut-off', able, events);
      const leads = node.acquire().then(() => events.push('leads'));
      await eventuallyPasses(() =>
        expect(node.waitingBecause).toBe('cannot act: event store: connect ECONNREFUSED'),
      );
      await new Promise((resolve) => setTimeout(resolve, 3 * 100));
      expect(events).toEqual([]);
      expect(await lease('x').currentHolder()).toBeNull();
      able.why = null;
      await leads;
      expect(events).toEqual(['leads']);
      await node.stop();
    });

    it('lets the lease go once it could not for as long as the lease lasts, and a standby that can takes over', async () => {
      const first = { why: null as string | null };
      const events: string[] = [];
      const holder = leadership('holder', first, events);
      await holder.acquire();
      const standby = leadership('standby', { why: null }, events);
      const standbyLeads = standby.acquire().then(() => events.push('standby leads'));
      // A moment without the store is ridden out: the lease lasts longer than that.
      first.why = 'event store: connect ECONNREFUSED';
      await new Promise((resolve) => setTimeout(resolve, 400));
      first.why = null;
      await new Promise((resolve) => setTimeout(resolve, 2 * TTL_MS));
      expect(events).toEqual([]);
      expect(holder.leading).toBe(true);

      first.why = 'event store: connect ECONNREFUSED';
      await standbyLeads;
      expect(events).toEqual([
        expect.stringMatching(
          /^holder lost: could not act for \d+ s \(event store: connect ECONNREFUSED\)$/,
        ),
        'standby leads',
      ]);
      expect(holder.leading).toBe(false);
      await holder.stop();
      await standby.stop();
    });
  });
});

describe('work run while leading', () => {
  it('runs on one node at a time, and moves to another when its node stops or loses the lease', async () => {
    const key = `${redis.prefix}:lease:while-leading`;
    const running = new Set<string>();
    const log: string[] = [];
    const node = (name: string) =>
      new WhileLeading({
        lease: new RedisLease(redis.client, key, name, TTL_MS),
        retryMs: 100,
        renewMs: 300,
        log: quiet,
        start: () => {
          running.add(name);
          log.push(`${name} started with ${running.size} running`);
        },
        stop: () => {
          running.delete(name);
          log.push(`${name} stopped`);
          return Promise.resolve();
        },
      });
    const a = node('a');
    const b = node('b');
    a.run();
    await eventuallyPasses(() => expect(running).toEqual(new Set(['a'])));
    b.run();
    await new Promise((resolve) => setTimeout(resolve, 2 * TTL_MS));
    expect(running).toEqual(new Set(['a']));

    await a.stop();
    await eventuallyPasses(() => expect(running).toEqual(new Set(['b'])));

    // Taken from b behind its back: b stops its work, and waits for the lease again.
    await redis.client.set(key, 'someone-else', 'PX', TTL_MS);
    await eventuallyPasses(() => expect(log).toContain('b stopped'), 5_000);
    await eventuallyPasses(() => expect(running).toEqual(new Set(['b'])), 5_000);
    await b.stop();
    expect(running).toEqual(new Set());
    expect(
      log.filter((line) => line.includes('started')).every((l) => l.endsWith('1 running')),
    ).toBe(true);
    expect(await redis.client.get(key)).toBeNull();
  });
});

import type IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { useTestRedis } from '../../../../test/support/test-redis';
import { RedisSessionStore } from './redis-session-store';
import { type StoredSession } from './session-store';
import { sessionStoreConformance } from './testing/session-store.conformance';

const testRedis = useTestRedis('sessions');
const { prefix } = testRedis;

sessionStoreConformance('Redis', () =>
  Promise.resolve(new RedisSessionStore({ redis: testRedis.url, prefix })),
);

const T0 = Date.parse('2025-04-17T09:00:00.000Z');
const MINUTE = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MINUTE);
const session = (key: string, personId: string): StoredSession => ({
  key,
  personId,
  stage: 'signed-in',
  method: 'password',
  createdAt: at(0).toISOString(),
  lastSeenAt: at(0).toISOString(),
  expiresAt: at(720).toISOString(),
  idleExpiresAt: at(30).toISOString(),
  userAgent: null,
  ip: null,
  data: {},
});

/** The key has `ms` to live, less the few seconds of real time Redis has counted since the write. */
async function expectLife(key: string, ms: number): Promise<void> {
  const life = await testRedis.client.pttl(key);
  expect(life).toBeLessThanOrEqual(ms);
  expect(life).toBeGreaterThan(ms - 5_000);
}

describe('Redis session store', () => {
  let redis: IORedis;
  let store: RedisSessionStore;
  beforeEach(() => {
    redis = testRedis.client;
    store = new RedisSessionStore({ redis, prefix });
  });
  afterEach(() => store.close());

  it("lets Redis expire a session at its earlier limit, counted from the caller's now", async () => {
    const key = `ttl-${randomUUID()}`;
    const person = `person-${randomUUID()}`;
    await store.save(session(key, person), at(0));
    await expectLife(`${prefix}:session:${key}`, 30 * MINUTE);
    // The person's set lives as long as the session could, at most its absolute limit.
    await expectLife(`${prefix}:sessions-of:${person}`, 720 * MINUTE);

    await store.touch(key, at(10).toISOString(), at(50).toISOString(), at(10));
    await expectLife(`${prefix}:session:${key}`, 40 * MINUTE);
  });

  it("keeps a person's set as long as their longest-lived session could last", async () => {
    const person = `person-${randomUUID()}`;
    await store.save(session(`long-${randomUUID()}`, person), at(0));
    await store.save(
      { ...session(`short-${randomUUID()}`, person), expiresAt: at(60).toISOString() },
      at(0),
    );
    await expectLife(`${prefix}:sessions-of:${person}`, 720 * MINUTE);
  });

  it('touches over neither a save nor a removal another node makes between its read and write', async () => {
    const client = redis.duplicate();
    try {
      await touchesRacedThrough(client);
    } finally {
      client.disconnect();
    }
  });

  async function touchesRacedThrough(client: IORedis): Promise<void> {
    const toucher = new RedisSessionStore({ redis: client, prefix });
    const key = `raced-${randomUUID()}`;
    const saved = session(key, `person-${randomUUID()}`);
    await store.save(saved, at(0));
    // The touch's write is its only script: run another node's change just before it.
    const write = client.eval.bind(client) as (...args: unknown[]) => Promise<unknown>;
    const beforeWrite = (change: () => Promise<unknown>) =>
      jest.spyOn(client, 'eval').mockImplementationOnce(async (...args: unknown[]) => {
        await change();
        return write(...args);
      });

    const changed = { ...saved, stage: 'second-factor' as const, data: { totpSecret: 'JBSW' } };
    beforeWrite(() => store.save(changed, at(5)));
    await toucher.touch(key, at(10).toISOString(), at(40).toISOString(), at(10));
    expect(await store.find(key, at(35))).toStrictEqual({
      ...changed,
      lastSeenAt: at(10).toISOString(),
      idleExpiresAt: at(40).toISOString(),
    });

    beforeWrite(() => store.remove(key));
    await toucher.touch(key, at(20).toISOString(), at(50).toISOString(), at(20));
    expect(await store.find(key, at(21))).toBeNull();
  }

  it('drops from the person set a session Redis has expired', async () => {
    const key = `expired-${randomUUID()}`;
    const person = `person-${randomUUID()}`;
    await store.save(session(key, person), at(0));
    // As Redis does when the TTL runs out: the value goes, the set keeps the member.
    await redis.del(`${prefix}:session:${key}`);
    expect(await redis.sismember(`${prefix}:sessions-of:${person}`, key)).toBe(1);

    expect(await store.listFor(person, at(1))).toEqual([]);
    expect(await redis.sismember(`${prefix}:sessions-of:${person}`, key)).toBe(0);
  });

  it('leaves open a client it was given', async () => {
    await store.close();
    expect(await redis.ping()).toBe('PONG');
  });
});

import type IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { useTestRedis } from '../../../../test/support/test-redis';
import { digestOf, RedisRateLimiter } from './redis-rate-limiter';
import { rateLimiterConformance } from './testing/rate-limiter.conformance';

const testRedis = useTestRedis('rate-limits');
const { prefix } = testRedis;

rateLimiterConformance('Redis', () =>
  Promise.resolve(new RedisRateLimiter({ redis: testRedis.url, prefix })),
);

const T0 = Date.parse('2025-04-17T09:00:00.000Z');
const second = (seconds: number) => new Date(T0 + seconds * 1000);

describe('rate limiter in Redis', () => {
  let redis: IORedis;
  let nodes: RedisRateLimiter[];
  beforeEach(() => {
    redis = testRedis.client;
    nodes = [new RedisRateLimiter({ redis, prefix }), new RedisRateLimiter({ redis, prefix })];
  });
  afterEach(() => Promise.all(nodes.map((node) => node.close())));

  it('counts attempts at every node against one limit, concurrent ones included', async () => {
    const key = `sign-in:${randomUUID()}`;
    const decisions = await Promise.all(
      Array.from({ length: 50 }, (_, i) => nodes[i % 2].consume(key, 9, 60, second(0))),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(9);
    await nodes[0].reset(key);
    expect(await nodes[1].consume(key, 9, 60, second(1))).toMatchObject({ remaining: 8 });
  });

  it("gives a window's counter the rest of the window to live, counted from the caller's now", async () => {
    const key = `lodging:${randomUUID()}`;
    await nodes[0].consume(key, 5, 60, second(15));
    const life = await redis.pttl(`${prefix}:rate:60:${T0}:${digestOf(key)}`);
    // 45 s, less the real time Redis has counted since the write.
    expect(life).toBeLessThanOrEqual(45_000);
    expect(life).toBeGreaterThan(40_000);
  });

  it("keeps the set naming a key's counters as long as its longest-lived counter", async () => {
    const key = `one-time-link:${randomUUID()}`;
    await nodes[0].consume(key, 5, 60, second(30));
    await nodes[0].consume(key, 5, 3600, second(30));
    await nodes[0].consume(key, 5, 60, second(31));
    const life = await redis.pttl(`${prefix}:rate-windows:${digestOf(key)}`);
    // The hour's counter was given 3,570 s, and reset must still find it once the minute is over.
    expect(life).toBeLessThanOrEqual(3_570_000);
    expect(life).toBeGreaterThan(3_565_000);
  });

  it('keeps no address in Redis’s keys, only a digest of what is counted', async () => {
    const address = `${randomUUID()}@school.example`;
    await nodes[0].consume(`sign-in:address:${address}`, 5, 60, second(0));
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.some((key) => key.includes(address))).toBe(false);
    expect(keys).toContain(`${prefix}:rate-windows:${digestOf(`sign-in:address:${address}`)}`);
  });

  it('leaves open a client it was given', async () => {
    await nodes[0].close();
    expect(await redis.ping()).toBe('PONG');
  });
});

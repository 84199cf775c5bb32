import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';

export interface TestRedis {
  /** TEST_REDIS_URL, or the Redis this machine runs. */
  readonly url: string;
  /** A prefix of this test file's own, whose keys are deleted after its last test. */
  readonly prefix: string;
  /** A client for the tests' own checks, open from before the first test to after the last. */
  readonly client: IORedis;
}

/**
 * As the deadline tests do, a real Redis (the tests fail without one), under a prefix of this
 * test file's own; registers the hooks that connect before the first test and, after the last,
 * delete the prefix's keys and disconnect.
 */
export function useTestRedis(name: string): TestRedis {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `sg-test-${name}-${randomUUID()}`;
  let client: IORedis | undefined;
  beforeAll(() => {
    client = new IORedis(url);
  });
  afterAll(async () => {
    if (!client) return;
    const keys = await client.keys(`${prefix}:*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });
  return {
    url,
    prefix,
    get client(): IORedis {
      if (!client) throw new Error('the test Redis client is open only while tests run');
      return client;
    },
  };
}

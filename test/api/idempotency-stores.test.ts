import Database from 'better-sqlite3';
import {
  type IdempotencyStore,
  type StoredResponse,
} from '../../apps/api/src/http/idempotency-store';
import { RedisIdempotencyStore } from '../../apps/api/src/http/redis-idempotency-store';
import { SqliteIdempotencyStore } from '../../apps/api/src/http/sqlite-idempotency-store';
import { useTestRedis } from '../support/test-redis';

const redis = useTestRedis('idempotency-stores');

const answer = (status: number, body: unknown): StoredResponse => ({
  requestHash: `hash-${status}`,
  status,
  headers: { etag: '"3"', location: '/api/complaints/c-1' },
  body,
});

/**
 * Each adapter, two of its handles on one store (two API nodes on one Redis; one node's file
 * reopened), so the suite shows what a retry reaching either finds.
 */
const ADAPTERS: [string, () => [IdempotencyStore, IdempotencyStore]][] = [
  [
    'in Redis, shared by the API nodes',
    () => {
      const prefix = `${redis.prefix}:${Math.random().toString(36).slice(2)}`;
      return [
        new RedisIdempotencyStore(redis.client, prefix),
        new RedisIdempotencyStore(redis.client, prefix),
      ];
    },
  ],
  [
    'in one node’s file',
    () => {
      const db = new Database(':memory:');
      const now = () => new Date();
      return [new SqliteIdempotencyStore(db, now), new SqliteIdempotencyStore(db, now)];
    },
  ],
];

describe.each(ADAPTERS)('first answers kept %s', (_, handles) => {
  it('gives the first answer to a retry with the same key, through either handle', async () => {
    const [one, other] = handles();
    expect(await one.find('head-1', 'form-1')).toBeNull();
    await one.save('head-1', 'form-1', answer(201, { reference: 'SG-2025-000001' }));
    expect(await other.find('head-1', 'form-1')).toEqual(
      answer(201, { reference: 'SG-2025-000001' }),
    );
  });

  it('keeps the first answer when a second is saved under the key', async () => {
    const [one, other] = handles();
    await one.save('head-1', 'form-1', answer(201, { first: true }));
    await other.save('head-1', 'form-1', answer(409, { first: false }));
    expect(await one.find('head-1', 'form-1')).toEqual(answer(201, { first: true }));
  });

  it('keeps each person’s keys apart, whatever they wrote in them', async () => {
    const [one] = handles();
    await one.save('head-1', 'a:b\u0000c', answer(201, 'theirs'));
    expect(await one.find('head-2', 'a:b\u0000c')).toBeNull();
    expect(await one.find('head-1', 'a:b')).toBeNull();
    expect(await one.find('head-1', 'a:b\u0000c')).toEqual(answer(201, 'theirs'));
  });

  it('lets one handle at a time answer a key, until it gives it up', async () => {
    const [one, other] = handles();
    expect(await one.claim('head-1', 'form-2', 60_000)).toBe(true);
    const shared = one instanceof RedisIdempotencyStore;
    // In Redis the other node waits; one node's own file has no other node to wait for.
    expect(await other.claim('head-1', 'form-2', 60_000)).toBe(!shared);
    expect(await other.claim('head-2', 'form-2', 60_000)).toBe(true);
    await one.release('head-1', 'form-2');
    expect(await other.claim('head-1', 'form-2', 60_000)).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import { type RateLimitDecision, type RateLimiter } from '../rate-limiter';

/** On the hour, so on a boundary of every window these tests use. */
const T0 = Date.parse('2025-04-17T09:00:00.000Z');
const second = (seconds: number) => new Date(T0 + seconds * 1000);

const allowedLeaving = (remaining: number): RateLimitDecision => ({
  allowed: true,
  remaining,
  retryAfterSeconds: 0,
});
const refusedFor = (retryAfterSeconds: number): RateLimitDecision => ({
  allowed: false,
  remaining: 0,
  retryAfterSeconds,
});

/**
 * What every RateLimiter adapter guarantees, as one suite. `open` is called once per test; keys
 * are unique to each test, so the suite can run against a Redis that other tests share.
 */
export function rateLimiterConformance(name: string, open: () => Promise<RateLimiter>): void {
  describe(`${name}: rate limiter conformance`, () => {
    let limiter: RateLimiter;
    let run: string;
    /** A key of this test alone. */
    const unique = (name: string) => `${run}${name}`;

    beforeEach(async () => {
      run = `${randomUUID()}:`;
      limiter = await open();
    });

    afterEach(() => limiter.close());

    it('allows exactly the limit in a window, saying how many remain, then refuses', async () => {
      const key = unique('sign-in:203.0.113.7');
      const decisions = [];
      for (let s = 0; s < 5; s += 1) decisions.push(await limiter.consume(key, 5, 60, second(s)));
      expect(decisions).toEqual([4, 3, 2, 1, 0].map(allowedLeaving));
      expect(await limiter.consume(key, 5, 60, second(15))).toEqual(refusedFor(45));
      expect(await limiter.consume(key, 5, 60, second(16))).toEqual(refusedFor(44));
    });

    it('refuses until the window ends, rounding the wait up, and allows again in the next', async () => {
      const key = unique('account:someone@school.example');
      for (let i = 0; i < 3; i += 1) await limiter.consume(key, 3, 60, second(10));
      expect(await limiter.consume(key, 3, 60, second(59.5))).toEqual(refusedFor(1));
      expect(await limiter.consume(key, 3, 60, second(59.999))).toEqual(refusedFor(1));
      expect(await limiter.consume(key, 3, 60, second(60))).toEqual(allowedLeaving(2));
      expect(await limiter.consume(key, 3, 60, second(119))).toEqual(allowedLeaving(1));
    });

    it('counts in fixed windows, not sliding ones', async () => {
      const key = unique('lodging:203.0.113.7');
      for (const s of [50, 55, 58]) await limiter.consume(key, 3, 60, second(s));
      // Three attempts in the last ten seconds, but a new window has begun.
      expect(await limiter.consume(key, 3, 60, second(61))).toEqual(allowedLeaving(2));
    });

    it('counts every key apart: pattern characters, unicode and long keys are just keys', async () => {
      const keys = ['a*', 'ab', 'a?', '[ab]', 'ключ 🔑', 'k'.repeat(5_000)].map(unique);
      for (let i = 0; i < 2; i += 1) await limiter.consume(keys[0], 2, 60, second(0));
      expect(await limiter.consume(keys[0], 2, 60, second(1))).toEqual(refusedFor(59));
      for (const key of keys.slice(1)) {
        expect(await limiter.consume(key, 2, 60, second(1))).toEqual(allowedLeaving(1));
      }

      await limiter.reset(keys[0]);
      expect(await limiter.consume(keys[0], 2, 60, second(2))).toEqual(allowedLeaving(1));
      for (const key of keys.slice(1)) {
        expect(await limiter.consume(key, 2, 60, second(2))).toEqual(allowedLeaving(0));
      }
    });

    it('keeps a count per window length, and reset forgets them all', async () => {
      const key = unique('one-time-link:head@school.example');
      for (let i = 0; i < 2; i += 1) await limiter.consume(key, 2, 60, second(0));
      expect(await limiter.consume(key, 2, 60, second(1))).toEqual(refusedFor(59));
      expect(await limiter.consume(key, 5, 3600, second(1))).toEqual(allowedLeaving(4));
      expect(await limiter.consume(key, 5, 3600, second(2))).toEqual(allowedLeaving(3));

      await limiter.reset(key);
      expect(await limiter.consume(key, 2, 60, second(3))).toEqual(allowedLeaving(1));
      expect(await limiter.consume(key, 5, 3600, second(3))).toEqual(allowedLeaving(4));
      await expect(limiter.reset(unique('never-counted'))).resolves.toBeUndefined();
    });

    it('gives back an attempt of the current window, never below none, and no other window’s', async () => {
      const key = unique('sign-in-failures:203.0.113.9');
      await limiter.refund(key, 60, second(0));
      expect(await limiter.consume(key, 2, 60, second(1))).toEqual(allowedLeaving(1));
      expect(await limiter.consume(key, 2, 60, second(2))).toEqual(allowedLeaving(0));
      await limiter.refund(key, 60, second(3));
      expect(await limiter.consume(key, 2, 60, second(4))).toEqual(allowedLeaving(0));
      expect(await limiter.consume(key, 2, 60, second(5))).toEqual(refusedFor(55));
      await limiter.refund(key, 3600, second(6));
      await limiter.refund(key, 60, second(60));
      expect(await limiter.consume(key, 2, 60, second(61))).toEqual(allowedLeaving(1));
      await limiter.refund(key, 60, second(62));
      await limiter.refund(key, 60, second(62));
      expect(await limiter.consume(key, 2, 60, second(63))).toEqual(allowedLeaving(1));
      await expect(limiter.refund(key, 0, second(63))).rejects.toThrow(RangeError);
    });

    it('never lets attempts made at once past the limit, whatever is given back after', async () => {
      const key = unique('sign-in-failures:198.51.100.9');
      const decisions = await Promise.all(
        Array.from({ length: 30 }, () => limiter.consume(key, 5, 60, second(0))),
      );
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
      await Promise.all(decisions.map(() => limiter.refund(key, 60, second(1))));
      expect(await limiter.consume(key, 5, 60, second(2))).toEqual(allowedLeaving(4));
    });

    it('never allows more than the limit to attempts made at once', async () => {
      const key = unique('sign-in:198.51.100.1');
      const decisions = await Promise.all(
        Array.from({ length: 50 }, () => limiter.consume(key, 7, 60, second(0))),
      );
      const allowed = decisions.filter((decision) => decision.allowed);
      expect(allowed.map((decision) => decision.remaining).sort((a, b) => a - b)).toEqual([
        0, 1, 2, 3, 4, 5, 6,
      ]);
      expect(decisions.filter((decision) => !decision.allowed)).toEqual(
        Array.from({ length: 43 }, () => refusedFor(60)),
      );
    });

    it('refuses a limit or a window that is not a positive whole number', async () => {
      const key = unique('k');
      for (const limit of [0, -1, 1.5, Number.NaN]) {
        await expect(limiter.consume(key, limit, 60, second(0))).rejects.toThrow(RangeError);
      }
      for (const windowSeconds of [0, -60, 0.5, Number.POSITIVE_INFINITY]) {
        await expect(limiter.consume(key, 5, windowSeconds, second(0))).rejects.toThrow(RangeError);
      }
      expect(await limiter.consume(key, 1, 60, second(0))).toEqual(allowedLeaving(0));
    });
  });
}

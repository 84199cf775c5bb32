import { MemoryRateLimiter } from './memory-rate-limiter';
import { rateLimiterConformance } from './testing/rate-limiter.conformance';

rateLimiterConformance('In memory', () => Promise.resolve(new MemoryRateLimiter()));

const T0 = Date.parse('2025-04-17T09:00:00.000Z');
const second = (seconds: number) => new Date(T0 + seconds * 1000);

describe('rate limiter in memory', () => {
  it('drops windows that have ended, so memory holds only the running ones', async () => {
    const limiter = new MemoryRateLimiter();
    for (let i = 0; i < 1_000; i += 1) await limiter.consume(`ip-${i}`, 5, 60, second(0));
    await limiter.consume('account', 5, 3600, second(0));
    expect(limiter.windowsHeld).toBe(1_001);

    await limiter.consume('ip-new', 5, 60, second(70));
    // The hour is still running; every minute window but the new one has ended.
    expect(limiter.windowsHeld).toBe(2);
    expect(await limiter.consume('account', 5, 3600, second(71))).toMatchObject({ remaining: 3 });
  });
});

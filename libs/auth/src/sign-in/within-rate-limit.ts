import { type RateLimiter } from '../rate-limits';
import { tooManyAttempts } from './sign-in-refused';

/** Counts one attempt against `key`; beyond `limit` in the window, refuses with when to retry. */
export async function withinRateLimit(
  limiter: RateLimiter,
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<void> {
  const decision = await limiter.consume(key, limit, windowSeconds, now);
  if (!decision.allowed) throw tooManyAttempts(decision.retryAfterSeconds);
}

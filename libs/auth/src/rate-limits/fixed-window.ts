import { type RateLimitDecision } from './rate-limiter';

export interface FixedWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The window `now` falls in. Windows are aligned to the epoch, so every node puts an attempt in
 * the same window without agreeing on anything but the time.
 */
export function fixedWindow(limit: number, windowSeconds: number, now: Date): FixedWindow {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive whole number, not ${limit}`);
  }
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new RangeError(`windowSeconds must be a positive whole number, not ${windowSeconds}`);
  }
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is not a valid date');
  const lengthMs = windowSeconds * 1000;
  const startMs = Math.floor(nowMs / lengthMs) * lengthMs;
  return { startMs, endMs: startMs + lengthMs };
}

/** The decision for the `count`th attempt in a window, counting this one. */
export function decisionFor(
  count: number,
  limit: number,
  window: FixedWindow,
  now: Date,
): RateLimitDecision {
  const allowed = count <= limit;
  return {
    allowed,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: allowed ? 0 : Math.ceil((window.endMs - now.getTime()) / 1000),
  };
}

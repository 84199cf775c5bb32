/** The answer to one attempt. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Attempts left in the window after this one. */
  readonly remaining: number;
  /** 0 when allowed; otherwise whole seconds until the window ends (for Retry-After). */
  readonly retryAfterSeconds: number;
}

/**
 * Counts attempts (sign-ins, one-time links, lodging) per key, such as an IP address or an
 * account, in fixed windows aligned to the epoch: in memory on a single node, in Redis when every
 * node must count together. Time is the caller's `now`, as for sessions.
 */
export interface RateLimiter {
  /** Counts one attempt against `key` in the current fixed window of `windowSeconds`, as of `now`. */
  consume(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateLimitDecision>;
  /**
   * Takes back one attempt counted against `key` in the current window of `windowSeconds`, if it
   * holds any: for limits on what fails, where each attempt is counted before the work (so
   * attempts made at once cannot all slip under the limit) and given back when it succeeds.
   */
  refund(key: string, windowSeconds: number, now: Date): Promise<void>;
  /** Forgets every attempt counted against `key`, in windows of any length. */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

import { decisionFor, fixedWindow, type FixedWindow } from './fixed-window';
import { type RateLimitDecision, type RateLimiter } from './rate-limiter';

interface CountedWindow extends FixedWindow {
  count: number;
}

/**
 * How often, in the callers' time, windows that have ended are looked for and dropped: often
 * enough that memory holds little more than the windows still running, rarely enough that a
 * sweep's cost (one look at every key) stays small beside the attempts between sweeps.
 */
const SWEEP_EVERY_MS = 10_000;

/** Attempts counted in this process: for one node, in embedded mode. */
export class MemoryRateLimiter implements RateLimiter {
  /** By key, then by window length: the window now running, with its count. */
  private readonly windows = new Map<string, Map<number, CountedWindow>>();
  private nextSweepMs = Number.NEGATIVE_INFINITY;

  /** How many windows are held: each key's running window of each length. */
  get windowsHeld(): number {
    let held = 0;
    for (const byLength of this.windows.values()) held += byLength.size;
    return held;
  }

  consume(
    key: string,
    limit: number,
    windowSeconds: number,
    now: Date,
  ): Promise<RateLimitDecision> {
    return new Promise((resolve) => {
      const window = fixedWindow(limit, windowSeconds, now);
      this.sweep(now.getTime());
      const byLength = this.windows.get(key) ?? new Map<number, CountedWindow>();
      this.windows.set(key, byLength);
      const held = byLength.get(windowSeconds);
      const counted = held?.startMs === window.startMs ? held : { ...window, count: 0 };
      counted.count += 1;
      byLength.set(windowSeconds, counted);
      resolve(decisionFor(counted.count, limit, window, now));
    });
  }

  refund(key: string, windowSeconds: number, now: Date): Promise<void> {
    return new Promise((resolve) => {
      const window = fixedWindow(1, windowSeconds, now);
      const held = this.windows.get(key)?.get(windowSeconds);
      if (held?.startMs === window.startMs && held.count > 0) held.count -= 1;
      resolve();
    });
  }

  reset(key: string): Promise<void> {
    this.windows.delete(key);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.windows.clear();
    return Promise.resolve();
  }

  private sweep(nowMs: number): void {
    if (nowMs < this.nextSweepMs) return;
    this.nextSweepMs = nowMs + SWEEP_EVERY_MS;
    for (const [key, byLength] of this.windows) {
      for (const [length, window] of byLength) {
        if (window.endMs <= nowMs) byLength.delete(length);
      }
      if (byLength.size === 0) this.windows.delete(key);
    }
  }
}

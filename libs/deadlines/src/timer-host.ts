/**
 * Time for the in-process scheduler: the real one, or a virtual one that tests move by hand so
 * that ten working days over Easter pass in milliseconds.
 */
export interface TimerHost {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// Node's timers overflow above 2^31-1 ms (about 24.8 days); longer waits are taken in steps.
const LONGEST_TIMEOUT_MS = 2_147_483_647;

/** Node's timers, on a clock that runs `scale` times faster than real time (1: real time). */
function nodeTimerHost(now: () => number, scale: number): TimerHost {
  return {
    now,
    setTimeout: (callback, ms) =>
      setTimeout(callback, Math.min(Math.ceil(ms / scale), LONGEST_TIMEOUT_MS)),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

export const realTimerHost: TimerHost = nodeTimerHost(Date.now, 1);

/**
 * Timers on the engine's own clock, so that what is due is judged by the time the engine keeps,
 * never by the machine's where the two differ. A wait of `ms` takes `ms / scale` of real time (a
 * clock with no scale runs at real speed).
 */
export const timerHostOn = (clock: { now(): Date; readonly scale?: number }) =>
  nodeTimerHost(() => clock.now().getTime(), clock.scale ?? 1);

/** A clock that stands still until `advanceTo` runs every timer due by then, in order. */
export class VirtualTimerHost implements TimerHost {
  private current: number;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private nextHandle = 1;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.current + Math.max(0, ms), callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward, firing due timers in time order and letting their work settle. */
  async advanceTo(instant: Date | string): Promise<void> {
    const target = new Date(instant).getTime();
    for (;;) {
      const due = this.firstDueBy(target);
      if (!due) {
        // Work settling at the target may set timers due at once; they run before returning.
        this.current = Math.max(this.current, target);
        await settle();
        if (!this.firstDueBy(target)) return;
        continue;
      }
      this.timers.delete(due[0]);
      this.current = Math.max(this.current, due[1].at);
      due[1].callback();
      await settle();
    }
  }

  private firstDueBy(target: number) {
    return [...this.timers.entries()]
      .filter(([, t]) => t.at <= target)
      .sort((a, b) => a[1].at - b[1].at)[0];
  }
}

/** Lets promise chains started by fired timers (and the I/O they await) run to completion. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

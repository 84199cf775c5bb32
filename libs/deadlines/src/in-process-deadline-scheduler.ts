import { type DeadlineScheduler, type FireHandler } from './deadline-scheduler';
import { type DeadlineTimer, timerId } from './deadline-timer';
import { realTimerHost, type TimerHost } from './timer-host';

export interface InProcessSchedulerOptions {
  readonly host?: TimerHost;
  /** Pause before retrying a handler that failed; doubles each time up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly onError?: (timer: DeadlineTimer, error: unknown) => void;
}

/**
 * Timers in this process's memory, for embedded mode and tests. They do not survive a restart:
 * the reconciler schedules every running clock's timers again at start-up.
 */
export class InProcessDeadlineScheduler implements DeadlineScheduler {
  private readonly host: TimerHost;
  private readonly timers = new Map<string, { timer: DeadlineTimer; handle: unknown }>();
  private handler: FireHandler | null = null;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: InProcessSchedulerOptions = {}) {
    this.host = options.host ?? realTimerHost;
  }

  schedule(timer: DeadlineTimer): Promise<void> {
    const id = timerId(timer);
    if (this.timers.has(id) || this.closed) return Promise.resolve();
    this.arm(
      id,
      timer,
      Date.parse(timer.fireAt) - this.host.now(),
      this.options.retryDelayMs ?? 1000,
    );
    return Promise.resolve();
  }

  cancel(id: string): Promise<void> {
    const entry = this.timers.get(id);
    if (entry) this.host.clearTimeout(entry.handle);
    this.timers.delete(id);
    return Promise.resolve();
  }

  pending(): Promise<DeadlineTimer[]> {
    return Promise.resolve([...this.timers.values()].map((entry) => entry.timer));
  }

  /** A failing handler is retried for as long as the process lives, so no timer is given up on. */
  stuck(): Promise<DeadlineTimer[]> {
    return Promise.resolve([]);
  }

  start(onFire: FireHandler): Promise<void> {
    this.handler = onFire;
    for (const [id, { timer }] of this.timers) {
      if (Date.parse(timer.fireAt) <= this.host.now())
        this.fire(id, timer, this.options.retryDelayMs ?? 1000);
    }
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const { handle } of this.timers.values()) this.host.clearTimeout(handle);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private arm(id: string, timer: DeadlineTimer, delayMs: number, retryDelay: number): void {
    const handle = this.host.setTimeout(
      () => this.fire(id, timer, retryDelay),
      Math.max(0, delayMs),
    );
    this.timers.set(id, { timer, handle });
  }

  private fire(id: string, timer: DeadlineTimer, retryDelay: number): void {
    if (!this.handler) return;
    if (Date.parse(timer.fireAt) > this.host.now()) {
      // A long wait is taken in steps (Node's timers cannot wait more than about 24.8 days).
      this.arm(id, timer, Date.parse(timer.fireAt) - this.host.now(), retryDelay);
      return;
    }
    this.timers.delete(id);
    const work = this.handler(timer).catch((error: unknown) => {
      this.options.onError?.(timer, error);
      if (this.closed) return;
      this.arm(
        id,
        timer,
        retryDelay,
        Math.min(retryDelay * 2, this.options.maxRetryDelayMs ?? 60_000),
      );
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}

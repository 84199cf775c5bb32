import { type DeadlineTimer } from './deadline-timer';

export type FireHandler = (timer: DeadlineTimer) => Promise<void>;

/**
 * Durable timers for the working-day clocks. Scheduling is idempotent by timer id; a cancelled
 * or superseded timer that fires anyway is harmless, because the decider re-checks the clock.
 * A handler that throws is retried with backoff: delivery is at least once.
 */
export interface DeadlineScheduler {
  schedule(timer: DeadlineTimer): Promise<void>;
  cancel(id: string): Promise<void>;
  /** The timers waiting to fire, for reconciliation. */
  pending(): Promise<DeadlineTimer[]>;
  /** Starts delivering due timers to the handler. */
  start(onFire: FireHandler): Promise<void>;
  close(): Promise<void>;
}

export const DEADLINE_SCHEDULER = Symbol('DeadlineScheduler');

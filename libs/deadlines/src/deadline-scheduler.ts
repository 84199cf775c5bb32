import { type DeadlineTimer } from './deadline-timer';

export type FireHandler = (timer: DeadlineTimer) => Promise<void>;

/**
 * Durable timers for the working-day clocks. Scheduling is idempotent by timer id; a cancelled
 * or superseded timer that fires anyway is harmless, because the decider re-checks the clock.
 * A handler that throws is retried with backoff: delivery is at least once.
 */
export interface DeadlineScheduler {
  /**
   * Resolves once the timer is waiting to fire (or is firing, or has fired); a timer of the same
   * id that was given up on is replaced rather than left to block it, and one that cannot be made
   * to fire is an error, so a caller never believes in a timer that will not come.
   */
  schedule(timer: DeadlineTimer): Promise<void>;
  cancel(id: string): Promise<void>;
  /** The timers waiting to fire, for reconciliation. */
  pending(): Promise<DeadlineTimer[]>;
  /**
   * The timers given up on (their handler kept failing, or their worker kept dying): they will
   * never fire unless cancelled and scheduled afresh, and are not among `pending`.
   */
  stuck(): Promise<DeadlineTimer[]>;
  /** Starts delivering due timers to the handler. */
  start(onFire: FireHandler): Promise<void>;
  close(): Promise<void>;
}

export const DEADLINE_SCHEDULER = Symbol('DeadlineScheduler');

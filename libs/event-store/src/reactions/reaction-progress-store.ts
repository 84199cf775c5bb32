import { type SubscriptionFilter } from '../event-store';
import { type Position } from '../position';

/** The latest failure of a reaction, and how many times in a row that event had failed by then. */
export interface ReactionFailure {
  readonly message: string;
  readonly at: Date;
  /** Null when it was not an event that failed (the subscription itself broke off). */
  readonly eventId: string | null;
  readonly attempts: number;
}

/** How far a reaction has got and how it last failed, as its runner last recorded them. */
export interface ReactionProgress {
  readonly reaction: string;
  /** What the reaction reads: its lag counts only the events that pass. */
  readonly filter: SubscriptionFilter | undefined;
  /** The last event it finished with or went past (parked). */
  readonly position: Position | null;
  readonly lastError: ReactionFailure | null;
  readonly recordedAt: Date;
}

/**
 * Where runners write their reactions' progress, so that another process (the CLI) can tell how
 * each is doing. It is a report, not a checkpoint: each reaction's checkpoint stays where it is.
 */
export interface ReactionProgressStore {
  record(progress: ReactionProgress): Promise<void>;
  all(): Promise<ReactionProgress[]>;
}

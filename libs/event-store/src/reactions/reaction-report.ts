import { formatPosition } from '../position';
import { type ReactionLag } from './reaction-lag';
import { type ReactionProgress } from './reaction-progress-store';

/** How one reaction is doing, as `GET /health` and `cli reactions` show it. */
export interface ReactionReport {
  readonly name: string;
  /** The last event it finished with or went past, as `formatPosition` writes it. */
  readonly position: string | null;
  /** Null when the store could not be read past its position. */
  readonly lag: ReactionLag | null;
  readonly lastError: {
    readonly message: string;
    readonly at: string;
    readonly eventId: string | null;
    readonly attempts: number;
  } | null;
  /** Events parked and not yet handled by a retry. */
  readonly parked: number;
}

export const reactionReport = (
  progress: ReactionProgress,
  lag: ReactionLag | null,
  parked: number,
): ReactionReport => ({
  name: progress.reaction,
  position: progress.position ? formatPosition(progress.position) : null,
  lag,
  lastError: progress.lastError && {
    message: progress.lastError.message,
    at: progress.lastError.at.toISOString(),
    eventId: progress.lastError.eventId,
    attempts: progress.lastError.attempts,
  },
  parked,
});

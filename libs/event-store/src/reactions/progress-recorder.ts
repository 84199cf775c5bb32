import { type SubscriptionFilter } from '../event-store';
import { type Position } from '../position';
import {
  type ReactionFailure,
  type ReactionProgress,
  type ReactionProgressStore,
} from './reaction-progress-store';

/** Often enough for an operator, rarely enough not to add a write to every event. */
const RECORD_EVERY_MS = 1000;

/**
 * A running reaction's progress, kept in memory and written down for other processes: a failure
 * at once, an advance at most once a second and never more than a second after it happened.
 */
export class ProgressRecorder {
  private position: Position | null = null;
  private lastError: ReactionFailure | null = null;
  private lastRecorded = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ReactionProgressStore,
    private readonly reaction: string,
    private readonly filter: SubscriptionFilter | undefined,
    private readonly now: () => Date,
    private readonly onError: (message: string) => void,
  ) {}

  get current(): ReactionProgress {
    return {
      reaction: this.reaction,
      filter: this.filter,
      position: this.position,
      lastError: this.lastError,
      recordedAt: this.now(),
    };
  }

  advanced(position: Position): void {
    this.position = position;
    if (this.timer) return;
    const wait = Math.max(0, this.lastRecorded + RECORD_EVERY_MS - Date.now());
    this.timer = setTimeout(() => void this.record(), wait);
    this.timer.unref();
  }

  failed(failure: ReactionFailure): void {
    this.lastError = failure;
    void this.record();
  }

  /** Writes what is known now; the last call when the reaction stops. */
  record(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastRecorded = Date.now();
    const progress = this.current;
    this.writing = this.writing
      .then(() => this.store.record(progress))
      .catch((error: Error) =>
        this.onError(`${this.reaction}: cannot record its progress: ${error.message}`),
      );
    return this.writing;
  }
}

import { type ClockKind, type TimerKind } from '@sg/complaints';

/** One timer of one revision of one complaint's clock: the warning, or the deadline itself. */
export interface DeadlineTimer {
  readonly complaintId: string;
  readonly clock: ClockKind;
  readonly revision: number;
  readonly timer: TimerKind;
  /** ISO instant. */
  readonly fireAt: string;
}

/**
 * A timer's id says which complaint, clock, revision and timer it is, so scheduling the same
 * timer twice makes one job. BullMQ refuses ':' in job ids and ids that are all digits; a UUID
 * followed by dotted names is neither.
 */
export function timerId(
  timer: Pick<DeadlineTimer, 'complaintId' | 'clock' | 'revision' | 'timer'>,
): string {
  return `${timer.complaintId}.${timer.clock}.${timer.revision}.${timer.timer}`;
}

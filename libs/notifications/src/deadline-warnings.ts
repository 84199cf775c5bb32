import { type ClockKind, type ComplaintEvent } from '@sg/complaints';
import { type NotificationKind } from './notification';

/** The message that warns whoever must act that a clock's deadline is near; none for some. */
export const WARNING_OF_CLOCK: Readonly<Partial<Record<ClockKind, NotificationKind>>> = {
  triage: 'triage-warning',
  resolution: 'resolution-warning',
  'board-decision': 'board-decision-warning',
  'school-reply': 'school-reply-warning',
  'school-confirmation': 'school-confirmation-warning',
  'reimbursement-proposal': 'reimbursement-proposal-warning',
  'reimbursement-approval': 'reimbursement-approval-warning',
  'reimbursement-payment': 'reimbursement-payment-warning',
};

/** Warnings of some kinds, of their clock's revisions up to `upToRevision` (null: any). */
export interface EndedWarnings {
  readonly kinds: readonly NotificationKind[];
  readonly upToRevision: number | null;
}

const warningOf = (clock: ClockKind, upToRevision: number): EndedWarnings | null => {
  const kind = WARNING_OF_CLOCK[clock];
  return kind ? { kinds: [kind], upToRevision } : null;
};

/**
 * The warnings an event makes untrue while they wait to be sent (held for the morning, or
 * retried after a mail server failed): the deadline they name is no longer the one to act by,
 * because its clock stopped, paused or moved, the deadline has passed, or the complaint closed.
 * Sent the next morning they would press people to act on what is already done. Only the
 * revisions the event ends: a warning of the clock started again later still holds.
 */
export function warningsEndedBy(event: ComplaintEvent): EndedWarnings | null {
  switch (event.type) {
    case 'ClockPaused':
    case 'ClockStopped':
    case 'DeadlineMissed':
      return warningOf(event.data.clock, event.data.revision);
    case 'ClockExtended':
      return warningOf(event.data.clock, event.data.timing.revision - 1);
    case 'ComplaintClosed':
      return { kinds: Object.values(WARNING_OF_CLOCK), upToRevision: null };
    default:
      return null;
  }
}

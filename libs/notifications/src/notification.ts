import { type MailAddress } from '@sg/mail';

export type NotificationKind =
  | 'triage-warning'
  | 'resolution-warning'
  | 'board-decision-warning'
  | 'school-reply-warning'
  | 'reimbursement-proposal-warning'
  | 'reimbursement-approval-warning'
  | 'reimbursement-payment-warning'
  | 'reimbursement-proposal-deadline-missed'
  | 'reimbursement-approval-deadline-missed'
  | 'reimbursement-payment-deadline-missed'
  | 'school-reply-lapsed-for-school'
  | 'school-reply-lapsed-for-service'
  | 'triage-deadline-missed'
  | 'board-decision-deadline-missed'
  | 'escalated-to-board'
  | 'escalation-for-service'
  | 'escalation-for-school';

/** A message for one person about one complaint, held until people are at work. */
export interface Notification {
  /** Derived from the event and the recipient, so handling the event again adds nothing. */
  readonly id: string;
  readonly complaintId: string;
  readonly kind: NotificationKind;
  readonly to: MailAddress;
  readonly subject: string;
  readonly text: string;
  /** When the fact it reports happened (a deadline may pass at midnight). */
  readonly raisedAt: string;
  /** Not before the next working morning: nobody is written to at night or at a weekend. */
  readonly sendAfter: string;
}

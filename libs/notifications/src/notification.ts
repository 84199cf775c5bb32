import { type MailAddress } from '@sg/mail';

/** What a school's contact is sent when the service proposes a resolution; see its template. */
export const RESOLUTION_PROPOSED_FOR_SCHOOL = 'resolution-proposed-for-school';

/**
 * What the service's managers and the complaint's case officer are sent (a bounce note with
 * Business Support): the service's work on the complaint, which it stops being once moved away.
 */
export const TO_THE_SERVICE = [
  'referred-to-service',
  'assigned-to-officer',
  'unassigned-from-officer',
  'information-received-for-service',
  'message-for-service',
  'resolution-confirmed-for-service',
  'resolution-disputed-for-service',
  'resolution-never-reached-school-for-service',
  'school-confirmation-warning-for-service',
  'resolution-returned-for-staff',
  'question-returned-for-staff',
  'extension-for-service',
  'resolution-warning',
  'school-reply-lapsed-for-service',
  'escalation-for-service',
  'board-decision-for-service',
  'withdrawn-for-service',
  'closed-for-service',
  'reimbursement-paid-for-service',
  'files-added-for-service',
  'reclassified-for-service',
  'moved-from-service',
  'reroute-declined-for-service',
] as const;

/** What the school's contact is sent: what the school was told, which its page lists for staff. */
export const TO_THE_SCHOOL = [
  'acknowledgement-for-school',
  'referred-for-school',
  'rerouted-for-school',
  'question-for-school',
  'information-received-for-school',
  RESOLUTION_PROPOSED_FOR_SCHOOL,
  'resolution-disputed-for-school',
  'extension-for-school',
  'school-reply-warning',
  'school-confirmation-warning',
  'school-reply-lapsed-for-school',
  'escalation-for-school',
  'board-decision-for-school',
  'reimbursement-approved-for-school',
  'reimbursement-paid-for-school',
  'message-for-school',
  'contact-changed-for-school',
  'contact-replaced-for-school',
  'withdrawn-for-school',
  'acceptance-set-aside-for-school',
  'rejected-for-school',
  'duplicate-for-school',
  'reclassified-for-school',
  'files-not-kept-for-school',
  'closed-for-school',
] as const;

/**
 * Every kind of message, each written by the template of the same name in
 * libs/notifications/templates.
 */
export const NOTIFICATION_KINDS = [
  ...TO_THE_SCHOOL,
  // To Business Support.
  'lodged-for-support',
  'message-for-support',
  'reroute-asked-for-support',
  'triage-warning',
  'triage-deadline-missed',
  ...TO_THE_SERVICE,
  // To the Board.
  'escalated-to-board',
  'reimbursement-proposed-for-board',
  'decision-support-asked-for-board',
  'board-decision-for-board',
  'waiver-support-asked-for-board',
  'support-request-withdrawn-for-board',
  'reimbursement-declined-for-board',
  'board-quorum-short-for-staff',
  'board-decision-warning',
  'board-decision-deadline-missed',
  'reimbursement-proposal-warning',
  'reimbursement-approval-warning',
  'reimbursement-proposal-deadline-missed',
  'reimbursement-approval-deadline-missed',
  // To finance.
  'reimbursement-approved-for-finance',
  'reimbursement-payment-warning',
  'reimbursement-payment-deadline-missed',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A message for one person about one complaint, held until people are at work. */
export interface Notification {
  /** Derived from the event and the recipient, so handling the event again adds nothing. */
  readonly id: string;
  readonly complaintId: string;
  readonly kind: NotificationKind;
  readonly to: MailAddress;
  readonly subject: string;
  readonly text: string;
  /** The same words as `text`, as HTML; empty for messages queued before mail had HTML. */
  readonly html: string;
  /** When the fact it reports happened (a deadline may pass at midnight). */
  readonly raisedAt: string;
  /** Not before the next working morning: nobody is written to at night or at a weekend. */
  readonly sendAfter: string;
  /** The Message-ID of the school's email it answers (an acknowledgement of an emailed complaint). */
  readonly inReplyTo?: string | null;
  /** The revision of the clock run the message was planned with, if any (see messagesEndedBy). */
  readonly clockRevision?: number | null;
  /**
   * The correlation id of the event that called for it, carried into the events recording its
   * sending, so one id leads from a request to the mail it set off; null when queued before then.
   */
  readonly correlationId?: string | null;
  /** The id of that event. */
  readonly causationId?: string | null;
}

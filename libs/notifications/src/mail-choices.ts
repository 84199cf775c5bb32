import { type Role } from '@sg/complaints';
import { type NotificationKind } from './notification';

/** One thing staff may choose not to be emailed about: a checkbox on the "Emails you get" page. */
export interface MailChoice {
  readonly id: string;
  /** Completes "Email me …", as the page groups them. */
  readonly label: string;
  /** Whom it is for: shown to those who hold one of these roles. */
  readonly roles: readonly Role[];
  readonly kinds: readonly NotificationKind[];
}

/**
 * What staff may turn off: news of a step that the person's own queue (triage, the service queue,
 * the Board's, payments) shows anyway, and that a warning will follow before any deadline of it
 * passes. What they may not: deadline warnings, missed deadlines and escalations, which are how
 * the guarantee makes sure someone acts in time; turned off, a deadline could pass with nobody
 * told, which is what the guarantee exists to prevent. Schools choose nothing: every message to a
 * school's contact is a step in its own complaint, which it must hear of.
 */
export const MAIL_CHOICES: readonly MailChoice[] = [
  {
    id: 'lodged',
    label: 'When a new complaint is lodged',
    roles: ['business-support'],
    kinds: ['lodged-for-support'],
  },
  {
    id: 'message-before-referral',
    label: 'When a school writes about a complaint not yet referred',
    roles: ['business-support'],
    kinds: ['message-for-support'],
  },
  {
    id: 'referred',
    label: 'When a complaint, or a request, is referred to my service',
    roles: ['service-manager'],
    kinds: ['referred-to-service', 'reclassified-for-service'],
  },
  {
    id: 'moved-away',
    label: 'When a complaint is moved from my service to another',
    roles: ['service-manager'],
    kinds: ['moved-from-service'],
  },
  {
    id: 'assigned',
    label: 'When a complaint is assigned to me, or from me to someone else',
    roles: ['service-manager'],
    kinds: ['assigned-to-officer', 'unassigned-from-officer'],
  },
  {
    id: 'school-writes',
    label: 'When a school answers a question, sends a message or adds files',
    roles: ['service-manager'],
    kinds: ['information-received-for-service', 'message-for-service', 'files-added-for-service'],
  },
  {
    id: 'resolution-answered',
    label: 'When a school accepts or disputes a resolution',
    roles: ['service-manager'],
    kinds: ['resolution-confirmed-for-service', 'resolution-disputed-for-service'],
  },
  {
    id: 'extension',
    label: 'When more time is agreed',
    roles: ['service-manager'],
    kinds: ['extension-for-service'],
  },
  {
    id: 'outcome',
    label: 'When the Board decides, or a complaint is withdrawn or closed',
    roles: ['service-manager'],
    kinds: [
      'board-decision-for-service',
      'withdrawn-for-service',
      'closed-for-service',
      'reimbursement-paid-for-service',
    ],
  },
  {
    id: 'reimbursement-proposed',
    label: 'When a reimbursement is proposed for the Board to approve',
    roles: ['board-member'],
    kinds: ['reimbursement-proposed-for-board'],
  },
  {
    id: 'board-support',
    label:
      'When another member asks the Board to support their decision, or a reimbursement proposal is declined',
    roles: ['board-member'],
    kinds: [
      'decision-support-asked-for-board',
      'waiver-support-asked-for-board',
      'support-request-withdrawn-for-board',
      'reimbursement-declined-for-board',
    ],
  },
  {
    id: 'reimbursement-approved',
    label: 'When a reimbursement is approved for payment',
    roles: ['finance'],
    kinds: ['reimbursement-approved-for-finance'],
  },
];

const TURN_OFF_ABLE: ReadonlySet<string> = new Set(MAIL_CHOICES.flatMap((choice) => choice.kinds));

/** Whether staff may choose not to be sent this kind of message. */
export const mayBeTurnedOff = (kind: string): boolean => TURN_OFF_ABLE.has(kind);

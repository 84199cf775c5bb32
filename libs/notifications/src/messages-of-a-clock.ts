import { CLOCK_KINDS, type ClockKind, type ComplaintEvent, MAIL_OUTBOX } from '@sg/complaints';
import { type Audience, type ComplaintFacts } from './audience';
import { type NotificationKind, TO_THE_SERVICE } from './notification';

/** The message that warns whoever must act that a clock's deadline is near. */
export const WARNING_OF_CLOCK: Readonly<Record<ClockKind, NotificationKind>> = {
  triage: 'triage-warning',
  resolution: 'resolution-warning',
  'board-decision': 'board-decision-warning',
  'school-reply': 'school-reply-warning',
  'school-confirmation': 'school-confirmation-warning',
  'reimbursement-proposal': 'reimbursement-proposal-warning',
  'reimbursement-approval': 'reimbursement-approval-warning',
  'reimbursement-payment': 'reimbursement-payment-warning',
};

/** The messages asking the Board's members to support what one of them put. */
export const SUPPORT_ASKED: readonly NotificationKind[] = [
  'decision-support-asked-for-board',
  'waiver-support-asked-for-board',
];

/**
 * The messages that ask someone to act within one run of a clock, or give its date: planned with
 * the clock event that starts (or moves) the run, they hold only while it lasts. The school's
 * acknowledgement is not one: it gives the complaint's reference, whatever happened since. Those
 * planned on a step without a clock event (an assignment, a returned mail) carry no revision, so
 * any end of their clock's run ends them.
 */
const ACTING_WITHIN: Readonly<Record<ClockKind, readonly NotificationKind[]>> = {
  triage: ['lodged-for-support'],
  // The service's too: the referral's note, the school's answer and its dispute are on the
  // complaint's page, and a date the service no longer works to only misleads its staff.
  resolution: [
    'referred-for-school',
    'rerouted-for-school',
    'information-received-for-school',
    'school-reply-lapsed-for-school',
    'extension-for-school',
    'resolution-disputed-for-school',
    'referred-to-service',
    'assigned-to-officer',
    'information-received-for-service',
    'school-reply-lapsed-for-service',
    'extension-for-service',
    'resolution-disputed-for-service',
    'resolution-never-reached-school-for-service',
  ],
  'school-reply': ['question-for-school', 'question-returned-for-staff'],
  'school-confirmation': [
    'resolution-proposed-for-school',
    'resolution-returned-for-staff',
    'school-confirmation-warning-for-service',
  ],
  'board-decision': [
    'escalated-to-board',
    'escalation-for-school',
    'escalation-for-service',
    'decision-support-asked-for-board',
    'support-request-withdrawn-for-board',
  ],
  'reimbursement-proposal': [
    'board-decision-for-board',
    'waiver-support-asked-for-board',
    'support-request-withdrawn-for-board',
    'reimbursement-declined-for-board',
  ],
  'reimbursement-approval': ['reimbursement-proposed-for-board'],
  'reimbursement-payment': ['reimbursement-approved-for-finance'],
};

/** Asking someone to act on a complaint, but within no one clock's run: it holds until it closes. */
const ACTING_UNTIL_CLOSED: readonly NotificationKind[] = [
  'board-quorum-short-for-staff',
  // A deadline missed presses someone to act on a late complaint: not on one closed since.
  'triage-deadline-missed',
  'board-decision-deadline-missed',
  'reimbursement-proposal-deadline-missed',
  'reimbursement-approval-deadline-missed',
  'reimbursement-payment-deadline-missed',
];

/**
 * Messages of some kinds, of their clock's runs up to revision `upToRevision` (null: any), to
 * the addresses in `to` (absent: to anyone).
 */
export interface EndedMessages {
  readonly kinds: readonly NotificationKind[];
  readonly upToRevision: number | null;
  readonly to?: readonly string[];
}

const kindsOf = (clock: ClockKind) => [WARNING_OF_CLOCK[clock], ...ACTING_WITHIN[clock]];

const messagesOf = (clock: ClockKind, upToRevision: number): EndedMessages => ({
  kinds: kindsOf(clock),
  upToRevision,
});

/**
 * The service's run ended (a resolution proposed, its deadline missed): a request that Business
 * Support move the complaint ended with it, and its mail, if still held, is not sent.
 */
const serviceRunEnded = (clock: ClockKind, ended: EndedMessages): EndedMessages =>
  clock === 'resolution'
    ? { ...ended, kinds: [...ended.kinds, 'reroute-asked-for-support'] }
    : ended;

/** A run paused still goes on: only its warning, which names its old date, is untrue. */
const warningOf = (clock: ClockKind, upToRevision: number): EndedMessages => ({
  kinds: [WARNING_OF_CLOCK[clock]],
  upToRevision,
});

/**
 * The messages an event makes untrue while they wait to be sent (held for the morning, retried
 * after a mail server failed, or queued while the worker was behind): the run of the clock they
 * ask someone to act within has ended, because the clock stopped, its deadline passed, or the
 * complaint closed. Sent afterwards they would press people to act on what is done
 * ("we will take it as accepted" after the school disputed). Only the runs the event ends: a
 * message of the clock started again later still holds. A run moved to a new date (more time, or
 * running again once the school answered) ends what gave the old one: the event's own messages
 * give the new date to the same people. A run paused ends only its warning (its date comes when
 * it runs again); so does the school's window started afresh when its proposal went, which is the
 * outbox's doing, not the complaint moving on (the proposal is what went).
 */
export function messagesEndedBy(
  event: ComplaintEvent,
  facts: ComplaintFacts | null = null,
  audience: Pick<Audience, 'managersOf' | 'boardMembers'> | null = null,
): EndedMessages | null {
  switch (event.type) {
    case 'ReimbursementPaid':
      // The school's approval mail says when it will be paid: once it has been, the payment's own
      // mail says so. Only the payment: a payment late, or its date moved, leaves it to go.
      return { kinds: ['reimbursement-approved-for-school'], upToRevision: null };
    case 'ReimbursementApprovalGiven':
      // The member who approved is not asked again to approve what they have.
      return audience ? askedNoMore(event.data.by.id, audience) : null;
    case 'ComplaintRerouted':
      return facts && audience ? movedAway(event.data, facts, audience) : null;
    case 'RerouteDeclined':
      // Answered before its mail went: Business Support is not asked what it has answered.
      return { kinds: ['reroute-asked-for-support'], upToRevision: null };
    case 'CaseOfficerAssigned':
      // Given to someone else before the last assignment's mail went (overnight): its own mails
      // say who has it now, so what the last one said is not sent too.
      return { kinds: ['assigned-to-officer', 'unassigned-from-officer'], upToRevision: null };
    case 'ClockStopped':
      return event.data.by.id === MAIL_OUTBOX.id
        ? warningOf(event.data.clock, event.data.revision)
        : serviceRunEnded(event.data.clock, messagesOf(event.data.clock, event.data.revision));
    case 'DeadlineMissed':
      return serviceRunEnded(event.data.clock, messagesOf(event.data.clock, event.data.revision));
    case 'ClockPaused':
      return warningOf(event.data.clock, event.data.revision);
    case 'ClockExtended':
    case 'ClockResumed':
      return messagesOf(event.data.clock, event.data.timing.revision - 1);
    case 'ComplaintClosed':
      return {
        kinds: [
          ...CLOCK_KINDS.flatMap(kindsOf),
          ...ACTING_UNTIL_CLOSED,
          // Business Support is no longer asked to move it, nor the service told it stays.
          'reroute-asked-for-support',
          'reroute-declined-for-service',
          // Closed by the council before its acknowledgement went (a duplicate, out of scope, or
          // withdrawn for the school): the school's closing mail gives the reference, without a
          // promise to pass it on that no longer holds. The school's own withdrawal is not mailed
          // to it, so its acknowledgement still goes.
          ...(event.data.outcome === 'resolved' || event.data.by.role === 'school-staff'
            ? []
            : (['acknowledgement-for-school'] as const)),
          // Upheld and closed without a reimbursement before the decision's mail went: that mail
          // says a sum is being settled; the closing one gives the decision and its reasons.
          ...(event.data.outcome === 'upheld-without-reimbursement'
            ? (['board-decision-for-school'] as const)
            : []),
        ],
        upToRevision: null,
      };
    case 'DeemedAcceptanceSetAside':
      // Closed as resolved by the school's silence, which was no silence: not to be sent now.
      return {
        kinds: ['closed-for-school', 'closed-for-service', 'resolution-confirmed-for-service'],
        upToRevision: null,
      };
    case 'BoardDecisionProposed':
      // A different decision put in place of one awaiting support: its requests are untrue now.
      return facts?.supportAskedFor === 'decision' && facts.supportAskedBy
        ? { kinds: ['decision-support-asked-for-board'], upToRevision: null }
        : null;
    case 'ConflictOfInterestDeclared':
      // What the member who stood aside put to the Board falls with them (see evolve).
      return facts?.supportAskedBy === event.data.by.id
        ? { kinds: SUPPORT_ASKED, upToRevision: null }
        : null;
    default:
      return null;
  }
}

/** The Board's requests to approve, and warnings that the approval is due, to one member. */
function askedNoMore(
  memberId: string,
  audience: Pick<Audience, 'boardMembers'>,
): EndedMessages | null {
  const member = audience.boardMembers().find((each) => each.personId === memberId);
  return member
    ? {
        kinds: ['reimbursement-proposed-for-board', WARNING_OF_CLOCK['reimbursement-approval']],
        upToRevision: null,
        to: [member.email.toLowerCase()],
      }
    : null;
}

/**
 * A complaint moved to another service after referral: the old service's staff may no longer
 * open it, so nothing they were to be sent of it is, and the school's date is given again with
 * the service it is now with; nor is what the new service's staff were to be sent of it, should
 * they have had it before (what the move sends them says where it stands). Only to them: Business
 * Support's copy of a bounce note stands.
 */
function movedAway(
  { fromServiceId, toServiceId }: { fromServiceId: string | null; toServiceId: string },
  facts: ComplaintFacts,
  audience: Pick<Audience, 'managersOf'>,
): EndedMessages | null {
  if (!(facts.referred ?? facts.serviceId !== null) || !fromServiceId) return null;
  // The service it comes to may be one it left: what it was told then ("moved from your
  // service") is untrue now, and what it is sent now says where the complaint stands.
  const staff = [fromServiceId, toServiceId].flatMap((serviceId) =>
    audience.managersOf(serviceId).map((manager) => manager.email),
  );
  return {
    kinds: [
      ...TO_THE_SERVICE,
      ...ACTING_WITHIN.resolution.filter((kind) => kind.endsWith('-for-school')),
    ],
    upToRevision: null,
    to: [...staff, ...(facts.contact.email ? [facts.contact.email] : [])].map((email) =>
      email.toLowerCase(),
    ),
  };
}

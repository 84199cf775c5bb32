import { type TimelineLine } from '@sg/read-models';
import { calendarDate, formatPounds, londonDateTime, londonDayOrDateTime } from '@sg/web';
import { CONTACT_METHOD_NAMES } from './actions/consent-fields';

/**
 * A timeline line as the Ministry of Justice timeline component takes it: what happened, in words,
 * by whom and when, and the words someone wrote with it (a message, a reason) as they wrote them.
 */
export interface TimelineEntry {
  readonly label: { readonly text: string };
  readonly byline: { readonly text: string };
  readonly datetime: { readonly timestamp: string; readonly type: 'datetime' };
  readonly text: string;
}

const TITLES: Record<string, string> = {
  ComplaintLodged: 'Complaint received',
  ComplaintReferred: 'Passed to the service',
  ComplaintRerouted: 'Moved to another service',
  RerouteAsked: 'The service asked Business Support to move it to another service',
  RerouteDeclined: 'Kept with the service: Business Support did not move it',
  ComplaintReclassified: 'Closed as a service request',
  ComplaintRejected: 'Rejected as out of scope',
  ComplaintMarkedDuplicate: 'Closed as a duplicate',
  ComplaintWithdrawn: 'Withdrawn',
  SchoolContacted: 'Service contacted the school',
  InformationRequested: 'Service asked the school for information',
  InformationReceived: 'School’s information received',
  InformationRequestLapsed: 'No reply from the school in time',
  ComplaintReopened: 'Complaint reopened',
  DeadlineMissed: 'Deadline missed',
  ReimbursementApprovalGiven: 'Reimbursement approval given',
  ReimbursementWaiverProposed: 'Closing without a reimbursement proposed',
  ReimbursementWaiverSupported: 'Closing without a reimbursement supported',
  ReimbursementWaiverSetAside:
    'Closing without a reimbursement no longer proposed: a member proposed a reimbursement instead',
  ReimbursementWaived: 'No reimbursement',
  ExtensionAgreed: 'More time agreed',
  ResolutionProposed: 'Resolution proposed',
  ResolutionSentToSchool: 'Proposed resolution emailed to the school',
  ResolutionMailReturned:
    "The email with the proposed resolution came back undelivered from the school's address",
  ResolutionNeverReachedSchool: 'Proposed resolution never reached the school',
  QuestionMailReturned:
    'The email with the service’s question came back undelivered from the school’s address',
  ResolutionConfirmed: 'Resolution confirmed',
  ResolutionDisputed: 'Resolution disputed',
  DeemedAcceptanceSetAside:
    'Not taken as accepted after all: the school’s answer had reached the council in time',
  ComplaintEscalated: 'Escalated to the Board',
  DeadlineWarningIssued: 'Deadline warning',
  CaseOfficerAssigned: 'Case officer assigned',
  SchoolContactChanged: 'School’s contact changed',
  InternalNoteAdded: 'Internal note',
  MessageSent: 'Message',
  ConflictOfInterestDeclared: 'Board member stood aside',
  BoardDecisionProposed: 'Board decision proposed',
  BoardDecisionSupported: 'Board decision supported',
  BoardDecisionRecorded: 'Board decision',
  ReimbursementProposed: 'Reimbursement proposed',
  ReimbursementApproved: 'Reimbursement approved',
  ReimbursementDeclined: 'Reimbursement declined',
  ReimbursementProposalLapsed: 'Reimbursement proposal lapsed: its proposer stood aside',
  ReimbursementPaid: 'Reimbursement paid',
  ComplaintClosed: 'Complaint closed',
  AttachmentAdded: 'File added',
  FilesNotKept: 'Files sent that were not kept',
};

const ROLES: Record<string, string> = {
  'school-staff': 'School',
  'business-support': 'Business Support',
  'service-manager': 'Service',
  'board-member': 'Board',
  finance: 'Finance',
  admin: 'Administrator',
  system: 'Service Guarantee',
};

/** Why a complaint went to the Board, in words. */
const ESCALATION_REASONS: Record<string, string> = {
  'resolution-deadline-missed': 'The service did not resolve it by its deadline.',
  'resolution-disputed-after-deadline':
    'The school disputed the resolution after the deadline had passed.',
};

/** The fields in which people's own words travel, in the order the page prefers them. */
const TEXT_FIELDS = [
  'text',
  'question',
  'summary',
  'resolution',
  'reason',
  'note',
  'rationale',
  'name',
];

const words = (type: string) =>
  type.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (first) => first.toUpperCase());

/** Clocks starting and stopping are the engine's bookkeeping: the dates show on the page instead. */
const isBookkeeping = (line: TimelineLine) => line.type.startsWith('Clock');

/** Whose deadline a warning or a miss is about. */
const DEADLINES: Record<string, string> = {
  triage: 'Business Support’s deadline to pass the complaint on',
  resolution: 'The service’s deadline to resolve the complaint',
  'school-reply': 'The school’s time to answer the service’s question',
  'school-confirmation': 'The school’s time to confirm or dispute the resolution',
  'board-decision': 'The Board’s deadline to decide',
  'reimbursement-proposal': 'The Board’s deadline to propose a reimbursement',
  'reimbursement-approval': 'The Board’s deadline to approve the reimbursement',
  'reimbursement-payment': 'Finance’s deadline to pay the reimbursement',
};

/** The Board's findings in words, as its decision form offers them. */
const OUTCOMES: Record<string, string> = {
  upheld: 'Upheld',
  'partly-upheld': 'Partly upheld',
  'not-upheld': 'Not upheld',
};
const FAILURE_LEVELS: Record<string, string> = {
  minor: 'a minor failure',
  significant: 'a significant failure',
  serious: 'a serious failure',
  complete: 'a complete failure',
};

/** What the Board found, then its reasons: the school reads the decision on its complaint. */
function boardDecisionText(details: TimelineLine['details']): string {
  const outcome = OUTCOMES[String(details.outcome)] ?? '';
  const level = FAILURE_LEVELS[String(details.failureLevel)];
  const found = level ? `${outcome}: ${level}.` : `${outcome}.`;
  return [found, details.rationale].filter((part) => typeof part === 'string' && part).join(' ');
}

/** Who at the school agreed to what someone did for it, when and how; none when it did it itself. */
function consentText(details: TimelineLine['details']): string | null {
  const consent = details.consent as
    { givenBy?: unknown; givenAt?: unknown; method?: unknown } | null | undefined;
  if (!consent || consent.method === 'portal' || typeof consent.givenBy !== 'string') return null;
  const how = CONTACT_METHOD_NAMES[consent.method as keyof typeof CONTACT_METHOD_NAMES];
  return `The school agreed: ${consent.givenBy}${how ? `, by ${how.toLowerCase()}` : ''}, ${londonDateTime(String(consent.givenAt))}.`;
}

/**
 * The sum, how and when it was paid and its reference: what a school's finance office matches
 * the money, or the credit note, against.
 */
function paidText(details: TimelineLine['details']): string {
  const how =
    details.method === 'credit-note' ? 'as a credit note' : 'by bank payment to the school';
  const on = typeof details.paidOn === 'string' ? ` on ${calendarDate(details.paidOn)}` : '';
  const reference =
    typeof details.paymentReference === 'string' ? `, reference ${details.paymentReference}` : '';
  const sum = typeof details.amountPence === 'number' ? formatPounds(details.amountPence) : '';
  return `${sum} ${how}${on}${reference}.`;
}

/** How and when the service reached the school, which may be before it was recorded; then its note. */
function contactText(details: TimelineLine['details']): string {
  const how = CONTACT_METHOD_NAMES[details.method as keyof typeof CONTACT_METHOD_NAMES];
  const when =
    typeof details.contactedAt === 'string' ? londonDayOrDateTime(details.contactedAt) : '';
  const heading = [how, when].filter(Boolean).join(', ');
  return [heading ? `${heading}.` : '', details.note]
    .filter((part) => typeof part === 'string' && part)
    .join(' ');
}

/** What someone wrote with the event; for the engine's own events, what happened in words. */
function textOf(line: TimelineLine): string {
  const said = saidWith(line);
  const consent = consentText(line.details);
  if (!consent) return said;
  return said ? `${said}${/[.!?]$/.test(said) ? '' : '.'} ${consent}` : consent;
}

/** How a school's complaint reached the council, when someone logged it for the school. */
const HEARD_BY: Record<string, string> = {
  phone: 'by phone',
  'visiting-officer': 'through a visiting officer',
  email: 'by email',
  'web-form': 'on its web form',
};

/** A complaint logged for the school says how and when the school made it; its summary follows. */
function loggedFor(line: TimelineLine): string | null {
  if (line.type !== 'ComplaintLodged' || line.by.role === 'school-staff') return null;
  const how = HEARD_BY[String(line.details.channel)];
  const receivedAt = typeof line.details.receivedAt === 'string' ? line.details.receivedAt : null;
  const when = receivedAt && receivedAt !== line.at ? `, ${londonDayOrDateTime(receivedAt)}` : '';
  return how ? `The school complained ${how}${when}.` : null;
}

function saidWith(line: TimelineLine): string {
  const logged = loggedFor(line);
  if (logged) return [logged, line.details.summary].filter(Boolean).join(' ');
  if (line.type === 'BoardDecisionRecorded') return boardDecisionText(line.details);
  // Its reason is a code the title already says in words.
  if (line.type === 'ReimbursementProposalLapsed' || line.type === 'ReimbursementWaiverSetAside')
    return '';
  if (line.type === 'ComplaintEscalated')
    return line.details.unclearAnswer === true
      ? 'The school replied to the proposed resolution after the deadline had passed, without saying that it resolves the complaint.'
      : (ESCALATION_REASONS[String(line.details.reason)] ?? '');
  if (line.type === 'DeadlineMissed' || line.type === 'DeadlineWarningIssued')
    return DEADLINES[String(line.details.clock)] ?? '';
  if (line.type === 'ComplaintMarkedDuplicate' && typeof line.details.duplicateOf === 'string')
    return [`It repeats ${line.details.duplicateOf}, which carries on.`, line.details.reason]
      .filter(Boolean)
      .join(' ');
  if (line.type === 'FilesNotKept' && Array.isArray(line.details.files))
    return (line.details.files as { name?: unknown; reason?: unknown }[])
      .map(
        (file) =>
          `${typeof file.name === 'string' && file.name ? file.name : 'A file with no name'}: ${typeof file.reason === 'string' ? file.reason : ''}`,
      )
      .join('; ');
  if (line.type === 'CaseOfficerAssigned' && typeof line.details.officerName === 'string')
    return line.details.officerName;
  if (line.type === 'SchoolContactChanged') {
    const contact = line.details.contact as { name?: unknown; role?: unknown } | undefined;
    return [contact?.name, contact?.role].filter((part) => typeof part === 'string').join(', ');
  }
  if (line.type === 'ComplaintClosed') return closedAs(String(line.details.outcome));
  if (line.type === 'ReimbursementPaid') return paidText(line.details);
  if (line.type === 'SchoolContacted') return contactText(line.details);
  if (line.type === 'InformationReceived' && typeof line.details.receivedAt === 'string')
    return [`Received ${londonDateTime(line.details.receivedAt)}.`, line.details.summary]
      .filter((part) => typeof part === 'string' && part)
      .join(' ');
  if (typeof line.details.amountPence === 'number' && line.type.startsWith('Reimbursement'))
    return formatPounds(line.details.amountPence);
  const field = TEXT_FIELDS.find((name) => typeof line.details[name] === 'string');
  return field ? (line.details[field] as string) : '';
}

/** How a complaint ended, in words: on its page under its status, and in its history. */
const CLOSED_AS: Record<string, string> = {
  resolved: 'Resolved',
  withdrawn: 'Withdrawn by the school',
  'rejected-out-of-scope': 'Not taken on: out of the service guarantee’s scope',
  duplicate: 'Closed as a repeat of another complaint',
  'reclassified-as-service-request': 'Passed to the service as a request, not a complaint',
  'not-upheld': 'Not upheld by the Board',
  'upheld-without-reimbursement': 'Upheld by the Board, with no reimbursement',
  // Partly upheld ones close so too: what the school got back is what it is told.
  'upheld-and-reimbursed': 'Reimbursement paid after the Board’s decision',
};

export const closedAs = (outcome: string): string => CLOSED_AS[outcome] ?? '';

/** The school's windows end without anyone having failed: the school had no duty to answer. */
const WINDOWS_ENDED: Record<string, string> = {
  'school-reply': 'The school’s time to answer ended',
  'school-confirmation': 'The school’s time to confirm or dispute ended',
};

/** The school's silence is not a confirmation: it is taken as accepting. */
const titleOf = (line: TimelineLine) =>
  line.type === 'ComplaintLodged' && line.by.role !== 'school-staff'
    ? 'Complaint logged for the school'
    : line.type === 'ResolutionConfirmed' && line.details.deemed === true
      ? 'Resolution taken as accepted: the school did not answer in time'
      : line.type === 'ResolutionDisputed' && line.details.unclear === true
        ? 'Resolution not accepted: the school replied without saying it resolves the complaint'
        : line.type === 'DeadlineMissed' && WINDOWS_ENDED[String(line.details.clock)]
          ? WINDOWS_ENDED[String(line.details.clock)]
          : (TITLES[line.type] ?? words(line.type));

/**
 * Who acted, by the part they played. An officer the school told who logged its complaint (a
 * visiting adviser who also sits on the Board, say) did it as a council officer, not as the Board.
 */
const partOf = (line: TimelineLine) =>
  line.type === 'ComplaintLodged' && !['school-staff', 'business-support'].includes(line.by.role)
    ? 'Council officer'
    : (ROLES[line.by.role] ?? line.by.role);

/**
 * The part, and for a council reader the person who played it ("Service: Harry Lord"); for what
 * the Board decided together, every member who took it, its proposer first (whose reasons it
 * gives), not only the one whose support completed it.
 */
const bylineOf = (line: TimelineLine, nameOf: (personId: string) => string | undefined) => {
  const members = membersOf(line);
  const named = (members.length > 0 ? members : [line.by.id]).map(nameOf);
  if (named.some((name) => !name)) return partOf(line);
  return `${partOf(line)}: ${named.join(', ')}`;
};

/** The members who took a decision the Board took under its quorum, as the event records them. */
export const membersOf = (line: TimelineLine): string[] =>
  (line.type === 'BoardDecisionRecorded' || line.type === 'ReimbursementWaived') &&
  Array.isArray(line.details.members) &&
  line.details.members.every((member) => typeof member === 'string')
    ? line.details.members
    : [];

/**
 * Newest first, as case workers read a timeline. `nameOf` names the people who acted, for readers
 * who are told who did what (the council's); without it, each is named by their part alone.
 */
export function timelineEntries(
  lines: readonly TimelineLine[],
  nameOf: (personId: string) => string | undefined = () => undefined,
): TimelineEntry[] {
  return [...lines]
    .reverse()
    .filter((line) => !isBookkeeping(line))
    .map((line) => ({
      label: { text: titleOf(line) },
      byline: { text: bylineOf(line, nameOf) },
      datetime: { timestamp: line.at, type: 'datetime' },
      text: textOf(line),
    }));
}

import { type ActedBy } from './actor';
import {
  type BoardOutcome,
  type Channel,
  type ContactMethod,
  type FailureLevel,
  type PaymentMethod,
  type QualityStandard,
} from './catalogue';
import { type ClockKind, type ClockTiming } from './clocks';
import { type Pence } from './money';
import { type Policy } from './policy/policy';

/** Every event says who did it and when (the business time the command carried). */
interface Fact {
  readonly by: ActedBy;
  readonly at: string;
}

/** How the school agreed to something a council officer records for it. */
export interface SchoolConsent {
  readonly givenBy: string;
  readonly givenAt: string;
  readonly method: ContactMethod | 'in-person' | 'portal';
}

export interface ContactPerson {
  readonly name: string;
  readonly role?: string;
  readonly email?: string;
  readonly phone?: string;
}

/** What a reimbursement is measured against: the fees paid under a contract or a booking. */
export interface ReimbursementBasis {
  readonly kind: 'contract' | 'booking';
  readonly id: string;
  readonly feesPaidPence: Pence;
}

/** What a complaint is about, as lodged: the same in the command and in the event it causes. */
export interface ComplaintDetails {
  readonly complaintId: string;
  readonly reference: string;
  readonly channel: Channel;
  readonly schoolUrn: string;
  readonly serviceId: string | null;
  readonly summary: string;
  readonly details: string;
  readonly standards: readonly QualityStandard[];
  readonly contact: ContactPerson;
  readonly relatedContractId: string | null;
  readonly relatedBookingId: string | null;
  /** The policy in force when the complaint was lodged, kept with it. */
  readonly policy: Policy;
}

/**
 * A complaint as lodged: what it is about, what the school says would put it right, and, when a
 * council officer logged it for the school, who.
 */
export interface LodgedComplaint extends ComplaintDetails {
  /** In the school's words; null when it said nothing (and for every lodging before version 4). */
  readonly desiredOutcome: string | null;
  readonly loggedByOfficer: { readonly name: string } | null;
  /**
   * The Message-ID of the email that lodged it, so the acknowledgement answers that email in the
   * school's mail client; null when lodged otherwise (and for every lodging before version 5).
   */
  readonly emailMessageId: string | null;
  /**
   * Files sent with it that the attachment rules refused (a program, one too large), each with
   * why, so the school is told they did not arrive; empty for every lodging before version 6.
   */
  readonly filesNotKept: readonly FileNotKept[];
  /**
   * When the council received the complaint: the email's arrival, or the day the school told an
   * officer who logs it later; `at` is when it was logged. Its clocks count from this. Equal to
   * `at` for every lodging before version 7.
   */
  readonly receivedAt: string;
  /**
   * Business Support, when an officer matched the email it came in to its school (the sender
   * could not be vouched for by itself); null otherwise, and for every lodging before version 8.
   */
  readonly matchedBy: ActedBy | null;
}

/** A file someone sent that was not kept, and why, in words they can act on. */
export interface FileNotKept {
  readonly name: string;
  readonly reason: string;
}

/**
 * A file on a complaint. The bytes are kept apart from the events, in the attachment store under
 * their SHA-256; the event says what they are and who added them.
 */
export interface AttachmentRef {
  readonly attachmentId: string;
  /** The name it was uploaded under, made safe to show (no folders, no control characters). */
  readonly name: string;
  readonly sizeBytes: number;
  /** Worked out from the bytes when they were taken in, never from what the uploader claimed. */
  readonly mediaType: string;
  /** Lower-case hex: where the store keeps the bytes, and a check on them. */
  readonly sha256: string;
}

export interface BoardDecision {
  readonly outcome: BoardOutcome;
  readonly failureLevel: FailureLevel | null;
  readonly rationale: string;
}

export type ClosureOutcome =
  | 'resolved'
  | 'withdrawn'
  | 'rejected-out-of-scope'
  | 'duplicate'
  | 'reclassified-as-service-request'
  | 'not-upheld'
  | 'upheld-without-reimbursement'
  | 'upheld-and-reimbursed';

export interface ComplaintEventMap {
  ComplaintLodged: Fact & LodgedComplaint;
  ComplaintReferred: Fact & { readonly serviceId: string; readonly note: string | null };
  /** The service holding it says it is another service's: Business Support decides. */
  RerouteAsked: Fact & { readonly reason: string };
  /** Business Support, asked to move it, kept it with the service. */
  RerouteDeclined: Fact & { readonly reason: string };
  ComplaintRerouted: Fact & {
    readonly fromServiceId: string | null;
    readonly toServiceId: string;
    readonly reason: string;
    /**
     * The contract or booking of the new service the complaint now concerns (either may be null:
     * none named, so the Board chooses one of the school's for that service); null: as it was.
     */
    readonly related: {
      readonly contractId: string | null;
      readonly bookingId: string | null;
    } | null;
  };
  ComplaintReclassified: Fact & { readonly reason: string };
  ComplaintRejected: Fact & { readonly reason: string };
  ComplaintMarkedDuplicate: Fact & { readonly duplicateOf: string; readonly reason: string | null };
  /** A reason and, when an officer withdrew it for the school, the school's consent. */
  ComplaintWithdrawn: Fact & {
    readonly reason: string | null;
    readonly consent: SchoolConsent | null;
  };
  SchoolContacted: Fact & {
    readonly contactedAt: string;
    readonly method: ContactMethod;
    readonly note: string;
  };
  InformationRequested: Fact & { readonly question: string };
  InformationReceived: Fact & {
    readonly summary: string;
    /**
     * When the council received the answer, where that was before it was recorded (`at`): the
     * service's clock resumed then. Absent on answers recorded as they came, and before 2026-12.
     */
    readonly receivedAt?: string;
  };
  /** The school's reply window ended without an answer; the service's clock runs again. */
  InformationRequestLapsed: Fact;
  ExtensionAgreed: Fact & {
    readonly extraWorkingDays: number;
    readonly reason: string;
    readonly consent: SchoolConsent;
  };
  ResolutionProposed: Fact & { readonly resolution: string };
  /**
   * The proposal's mail went to the school at `sentAt`: its window to answer counts from then,
   * not from the proposal (mail waits for working hours, or for a mail server to come back).
   */
  ResolutionSentToSchool: Fact & { readonly sentAt: string };
  /**
   * The proposal's mail sent at `sentAt` came back undelivered: the school was not sent it after
   * all. Its silence will not be acceptance unless the proposal is sent again (to a new contact).
   */
  /**
   * The school's mail server returned the service's question for good: the school was not asked.
   * The service reaches it another way; the school's window to answer runs as it was.
   */
  QuestionMailReturned: Fact & { readonly sentAt: string; readonly status: string | null };
  ResolutionMailReturned: Fact & { readonly sentAt: string; readonly status: string | null };
  /**
   * The school's window closed without the proposal ever having been sent to it, so its silence
   * was not acceptance: the complaint goes back to the service.
   */
  ResolutionNeverReachedSchool: Fact;
  /** Confirmed by the school, for it by an officer with its consent, or deemed by its silence. */
  ResolutionConfirmed: Fact & { readonly deemed: boolean; readonly consent: SchoolConsent | null };
  ResolutionDisputed: Fact & {
    readonly reason: string;
    /**
     * True when the school's reply neither said the resolution works nor that it does not (it
     * asked something, or said something else): it is not acceptance, so it is taken as a
     * dispute. Absent when the school said it does not resolve it, and before 2026-12.
     */
    readonly unclear?: true;
  };
  /**
   * The school's silence was taken as accepting the proposed resolution, but its answer that the
   * complaint is not resolved had reached the council before its window closed (filed later): the
   * acceptance no longer stands, and the complaint is open again.
   */
  DeemedAcceptanceSetAside: Fact & { readonly receivedAt: string };
  ComplaintReopened: Fact;
  ComplaintEscalated: Fact & {
    readonly reason: 'resolution-deadline-missed' | 'resolution-disputed-after-deadline';
    /**
     * The school's reply after the deadline did not say whether the proposal resolves it: not
     * acceptance, nor a dispute either. Absent otherwise, and before 2026-12.
     */
    readonly unclearAnswer?: true;
  };
  /** A member puts a decision to the Board; it stands once the policy's quorum supports it. */
  BoardDecisionProposed: Fact & BoardDecision;
  /** Another member supports it, in their own words (null: written before they were kept). */
  BoardDecisionSupported: Fact & { readonly rationale: string | null };
  /** The members who took the decision, the proposer first. */
  BoardDecisionRecorded: Fact & BoardDecision & { readonly members: readonly string[] };
  /** A Board member stands aside from this complaint. */
  ConflictOfInterestDeclared: Fact & { readonly reason: string };
  CaseOfficerAssigned: Fact & { readonly officerId: string; readonly officerName: string };
  /** Whom the council writes to at the school about the complaint from now on. */
  SchoolContactChanged: Fact & {
    readonly contact: ContactPerson;
    /** How the school agreed, when Business Support changed it for the school; else null. */
    readonly consent: SchoolConsent | null;
  };
  ReimbursementProposed: Fact & {
    readonly proposalId: string;
    readonly amountPence: Pence;
    readonly suggestedPence: Pence;
    readonly schedulePercent: number;
    readonly basis: ReimbursementBasis;
    readonly overrideReason: string | null;
  };
  /** A member proposes closing the upheld complaint without a reimbursement: a Board decision. */
  ReimbursementWaiverProposed: Fact & { readonly reason: string };
  /** Another member agrees, for their own reasons, to close it without a reimbursement. */
  ReimbursementWaiverSupported: Fact & { readonly reason: string };
  /**
   * The proposal to close it without a reimbursement, still awaiting support, no longer stands: a
   * member proposed a sum instead (which does not agree to pay nothing).
   */
  ReimbursementWaiverSetAside: Fact & {
    readonly proposedBy: string;
    readonly reason: 'reimbursement-proposed';
  };
  /** The members who decided it, the proposer first, under the decision quorum. */
  ReimbursementWaived: Fact & { readonly reason: string; readonly members: readonly string[] };
  ReimbursementApprovalGiven: Fact & { readonly proposalId: string };
  ReimbursementApproved: Fact & {
    readonly proposalId: string;
    readonly amountPence: Pence;
    readonly basis: ReimbursementBasis;
    readonly approvers: readonly string[];
  };
  ReimbursementDeclined: Fact & { readonly proposalId: string; readonly reason: string };
  /** The proposal no longer stands: its proposer stood aside from the complaint before approval. */
  ReimbursementProposalLapsed: Fact & {
    readonly proposalId: string;
    readonly reason: 'proposer-stood-aside';
  };
  ReimbursementPaid: Fact & {
    readonly proposalId: string;
    readonly amountPence: Pence;
    readonly method: PaymentMethod;
    readonly paymentReference: string;
    readonly paidOn: string;
  };
  InternalNoteAdded: Fact & { readonly noteId: string; readonly text: string };
  AttachmentAdded: Fact & AttachmentRef;
  /** Files sent with a message on the complaint (a reply by email) that were refused, and why. */
  FilesNotKept: Fact & { readonly files: readonly FileNotKept[] };
  MessageSent: Fact & {
    readonly messageId: string;
    readonly from: 'council' | 'school';
    readonly text: string;
  };
  ComplaintClosed: Fact & { readonly outcome: ClosureOutcome };
  ClockStarted: Fact & { readonly clock: ClockKind; readonly timing: ClockTiming };
  ClockPaused: Fact & {
    readonly clock: ClockKind;
    readonly revision: number;
    readonly remainingWorkingDays: number;
  };
  ClockResumed: Fact & { readonly clock: ClockKind; readonly timing: ClockTiming };
  ClockExtended: Fact & {
    readonly clock: ClockKind;
    readonly timing: ClockTiming;
    readonly extraWorkingDays: number;
  };
  ClockStopped: Fact & {
    readonly clock: ClockKind;
    readonly revision: number;
    readonly metDeadline: boolean;
  };
  DeadlineWarningIssued: Fact & {
    readonly clock: ClockKind;
    readonly revision: number;
    readonly dueDate: string;
    readonly deadline: string;
  };
  DeadlineMissed: Fact & {
    readonly clock: ClockKind;
    readonly revision: number;
    readonly deadline: string;
  };
}

export type ComplaintEventType = keyof ComplaintEventMap;

export type ComplaintEvent = {
  [T in ComplaintEventType]: { readonly type: T; readonly data: ComplaintEventMap[T] };
}[ComplaintEventType];

export type EventOf<T extends ComplaintEventType> = Extract<ComplaintEvent, { type: T }>;

/**
 * The current schema version of each event type's data (1 unless listed); an upcaster brings
 * older versions up to it.
 */
const SCHEMA_VERSIONS: Partial<Record<ComplaintEventType, number>> = {
  ComplaintLodged: 8,
  ComplaintRerouted: 2,
  ComplaintWithdrawn: 2,
  ResolutionConfirmed: 2,
  BoardDecisionSupported: 2,
  BoardDecisionRecorded: 2,
  ReimbursementWaived: 2,
};

export const schemaVersionOf = (type: string): number =>
  SCHEMA_VERSIONS[type as ComplaintEventType] ?? 1;

/**
 * Where personal data sits in each event, so a subject access request can find it and erasure
 * can shred it without rewriting history.
 */
export const PERSONAL_DATA_FIELDS: Partial<Record<ComplaintEventType, readonly string[]>> = {
  // Officers' and members' own words about a school and its people: reasons, notes, rationales.
  ComplaintReferred: ['note'],
  ComplaintRerouted: ['reason'],
  RerouteAsked: ['reason'],
  RerouteDeclined: ['reason'],
  ComplaintReclassified: ['reason'],
  ComplaintRejected: ['reason'],
  ComplaintMarkedDuplicate: ['reason'],
  ResolutionProposed: ['resolution'],
  ResolutionDisputed: ['reason'],
  BoardDecisionProposed: ['rationale'],
  BoardDecisionSupported: ['rationale'],
  BoardDecisionRecorded: ['rationale'],
  ConflictOfInterestDeclared: ['reason'],
  ReimbursementProposed: ['overrideReason'],
  ReimbursementWaiverProposed: ['reason'],
  ReimbursementWaiverSupported: ['reason'],
  ReimbursementWaived: ['reason'],
  ReimbursementDeclined: ['reason'],
  SchoolContacted: ['note'],
  InformationRequested: ['question'],
  InformationReceived: ['summary'],
  ExtensionAgreed: ['reason', 'consent.givenBy'],
  ResolutionConfirmed: ['consent.givenBy'],
  ComplaintWithdrawn: ['reason', 'consent.givenBy'],
  ComplaintLodged: [
    'summary',
    'contact.name',
    'contact.email',
    'contact.phone',
    'details',
    'desiredOutcome',
    'loggedByOfficer.name',
    'filesNotKept.name',
  ],
  // A file's name can name a person ("Letter to Mrs Patel.pdf"); its bytes are in the store.
  AttachmentAdded: ['name'],
  FilesNotKept: ['files.name'],
  CaseOfficerAssigned: ['officerName'],
  SchoolContactChanged: ['contact.name', 'contact.email', 'contact.phone', 'consent.givenBy'],
  InternalNoteAdded: ['text'],
  MessageSent: ['text'],
};

export const complaintStream = (complaintId: string) => `complaint-${complaintId}`;

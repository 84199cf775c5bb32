import { type ActedBy } from './actor';
import {
  type BoardOutcome,
  type Channel,
  type FailureLevel,
  type QualityStandard,
} from './catalogue';
import { type Clocks, type ClockState } from './clocks';
import {
  type AttachmentRef,
  type BoardDecision,
  type ClosureOutcome,
  type ContactPerson,
  type ReimbursementBasis,
} from './events';
import { type Pence } from './money';
import { type Policy } from './policy/policy';

export const COMPLAINT_STATUSES = [
  'lodged',
  'with-service',
  'awaiting-school',
  'resolution-proposed',
  'escalated',
  'board-decided',
  'reimbursement-proposed',
  'reimbursement-approved',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export type { ClockState };

export interface ReimbursementProposal {
  readonly proposalId: string;
  readonly proposedBy: string;
  readonly amountPence: Pence;
  readonly basis: ReimbursementBasis;
  readonly approvals: readonly string[];
  /** `lapsed`: its proposer stood aside before it was approved. */
  readonly status: 'proposed' | 'approved' | 'declined' | 'lapsed' | 'paid';
  /** When the Board's quorum approved it; null until then. */
  readonly approvedAt: string | null;
  /**
   * Those whose approvals made the quorum, once approved: `approvals` also holds any given by a
   * member since gone from the Board or come to have a conflict, which did not count but still
   * bars them from recording its payment. Absent until approved.
   */
  readonly approvedBy?: readonly string[];
}

/** A file on the complaint, as recorded: what it is, who added it and when. */
export interface AttachmentOnFile extends AttachmentRef {
  readonly addedBy: ActedBy;
  readonly addedAt: string;
}

export interface OpenComplaint {
  readonly exists: true;
  readonly complaintId: string;
  readonly reference: string;
  readonly status: ComplaintStatus;
  readonly channel: Channel;
  readonly schoolUrn: string;
  readonly serviceId: string | null;
  readonly summary: string;
  /** What the school says would put it right; null when it did not say. */
  readonly desiredOutcome: string | null;
  readonly standards: readonly QualityStandard[];
  readonly contact: ContactPerson;
  readonly relatedContractId: string | null;
  readonly relatedBookingId: string | null;
  readonly policy: Policy;
  /** When the council received the complaint, which its clocks count from. */
  readonly lodgedAt: string;
  /** When it was logged: later than `lodgedAt` when an officer logs what the school told them. */
  readonly loggedAt: string;
  readonly lodgedBy: ActedBy;
  readonly referredAt: string | null;
  readonly firstContactAt: string | null;
  /**
   * When the proposed resolution now open was sent to the school by mail; null until it is (and
   * when none is open). Only a school that was sent it can be deemed to accept it by silence.
   */
  readonly resolutionSentAt: string | null;
  /** When the proposed resolution now open was made; null when none is open. */
  readonly resolutionProposedAt: string | null;
  /**
   * Whether the proposed resolution now open was addressed to the school by email: its contact had
   * an address when it was proposed, or was given one before it was sent. Its silence is then
   * acceptance only once the mail went, whoever the contact is by the time the window closes.
   */
  readonly resolutionMailed: boolean;
  /** When the school's silence was taken as accepting the resolution, while that stands. */
  readonly deemedAcceptedAt: string | null;
  readonly clocks: Clocks;
  readonly board: {
    readonly outcome: BoardOutcome;
    readonly failureLevel: FailureLevel | null;
  } | null;
  readonly proposal: ReimbursementProposal | null;
  /** A Board decision put by one member, awaiting the policy's quorum of supporters. */
  readonly pendingDecision: (BoardDecision & AwaitingSupport) | null;
  /** Closing the upheld complaint without a reimbursement, put by one member, awaiting quorum. */
  readonly pendingWaiver: ({ readonly reason: string } & AwaitingSupport) | null;
  /** Council officers who have acted on the complaint in triage or for the service. */
  readonly handledBy: readonly string[];
  /** Board members who declared a conflict of interest. */
  readonly recused: readonly string[];
  /** The member of the service's staff the complaint is assigned to. */
  readonly caseOfficer: { readonly id: string; readonly name: string } | null;
  readonly reimbursedPence: Pence;
  readonly closure: { readonly outcome: ClosureOutcome; readonly at: string } | null;
  /** In the order they were added. */
  readonly attachments: readonly AttachmentOnFile[];
  /**
   * The last words anyone wrote on it (a message, or the school's answer to a question): who, what
   * and when, so the same words sent again at once (a form sent again after Back) are not sent
   * twice. Undefined in a state folded before it was kept, which is none.
   */
  readonly lastWords?: { readonly by: string; readonly text: string; readonly at: string } | null;
  /**
   * The service's request that Business Support move it to another service, while it stands: until
   * it is moved, kept with the service, or leaves the service's hands. Undefined in a state folded
   * before it was kept, which is none.
   */
  readonly rerouteAsked?: {
    readonly by: string;
    readonly reason: string;
    readonly at: string;
  } | null;
}

/** Where a complaint is the service's to work, and so may be asked to move, and moved. */
export const WITH_THE_SERVICE: readonly ComplaintStatus[] = ['with-service', 'awaiting-school'];

/** What one Board member put to the others, and who has supported it since. */
export interface AwaitingSupport {
  readonly proposedBy: string;
  readonly supporters: readonly string[];
}

/** The members behind it so far, its proposer first. */
export const membersBehind = (pending: AwaitingSupport): string[] => [
  pending.proposedBy,
  ...pending.supporters,
];

export type ComplaintState = { readonly exists: false } | OpenComplaint;

export const INITIAL_STATE: ComplaintState = { exists: false };

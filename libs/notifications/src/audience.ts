import {
  type BoardOutcome,
  type Channel,
  type ContactPerson,
  type FailureLevel,
  type Pence,
} from '@sg/complaints';
import { type MailAddress } from '@sg/mail';

/**
 * A step whose message waits for the clock event recorded with it: a referral is told with the
 * date the clock it starts gives, a question with the date the school must answer by. The step's
 * own words are kept until that clock event comes, in the same append.
 */
export type PendingStep =
  | { readonly type: 'ComplaintReferred'; readonly note?: string | null }
  | { readonly type: 'InformationRequested'; readonly question: string }
  | { readonly type: 'InformationReceived'; readonly summary: string }
  | { readonly type: 'InformationRequestLapsed' }
  | {
      readonly type: 'ComplaintEscalated';
      readonly reason: string;
      /** Escalated on a reply that did not say whether the proposal resolves it (not a dispute). */
      readonly unclearAnswer?: boolean;
    }
  | { readonly type: 'ExtensionAgreed'; readonly extraWorkingDays: number; readonly reason: string }
  | { readonly type: 'ResolutionProposed'; readonly resolution: string }
  | { readonly type: 'ResolutionDisputed'; readonly reason: string; readonly unclear: boolean }
  | { readonly type: 'ResolutionConfirmed'; readonly deemed: boolean }
  | {
      readonly type: 'BoardDecisionRecorded';
      readonly outcome: BoardOutcome;
      readonly failureLevel: FailureLevel | null;
      readonly rationale: string;
    }
  | { readonly type: 'ReimbursementProposed'; readonly amountPence: Pence }
  | { readonly type: 'ReimbursementDeclined'; readonly reason?: string; readonly by?: string }
  | { readonly type: 'ReimbursementProposalLapsed' }
  | {
      readonly type: 'ReimbursementApproved';
      readonly amountPence: Pence;
      readonly basis: { readonly kind: 'contract' | 'booking'; readonly id: string };
    }
  | { readonly type: 'ReimbursementWaived'; readonly reason: string };

/**
 * What notifications need to know of a complaint, kept from its events. The optional fields came
 * later: a complaint stored before them has none until its next event of that kind.
 */
export interface ComplaintFacts {
  readonly complaintId: string;
  readonly reference: string;
  readonly schoolUrn: string;
  readonly serviceId: string | null;
  readonly summary: string;
  readonly contact: ContactPerson;
  readonly channel?: Channel;
  /** The email that lodged it, which the school's acknowledgement answers. */
  readonly emailMessageId?: string | null;
  /** Files sent with it that were not kept, which the acknowledgement names; absent: none. */
  readonly filesNotKept?: readonly { readonly name: string; readonly reason: string }[];
  /** Whether the complaint has reached its service; absent (stored before): so if it names one. */
  readonly referred?: boolean;
  readonly caseOfficerId?: string | null;
  /** Board members who stood aside from this complaint: they are not asked to act on it. */
  readonly recused?: readonly string[];
  /**
   * Who lodged it and who handled it for the council (triage, work for the service): a Board
   * member among them may not judge it, so is not asked to. Absent (stored before): nobody known.
   */
  readonly lodgedBy?: string;
  /**
   * The Business Support officer who matched the email it came in to its school, and so lodged it:
   * not told of a complaint to triage that they lodged themselves. Absent: none, or stored before.
   */
  readonly matchedBy?: string;
  /** When the complaint was logged, which for one logged late is after it was received. */
  readonly loggedAt?: string;
  readonly handlers?: readonly string[];
  /** The resolution clock's due date while it runs (null while it waits for the school). */
  readonly resolutionDueDate?: string | null;
  readonly pending?: PendingStep | null;
  /**
   * A proposed resolution the school has not been sent (its contact had no email address), with
   * the working days it has to answer: a new contact with an address is sent it. Absent: none.
   */
  readonly unsentProposal?: ProposalToSend | null;
  /**
   * The proposal as last reported sent, and the contact it went to, should its mail come back:
   * then it is unsent again.
   */
  readonly sentProposal?: (ProposalToSend & { readonly sentTo: ContactPerson }) | null;
  /**
   * The due date the service's last warning was for, so that a service the complaint moves to
   * with that date still standing is warned too (a resumed or extended run with a new date has a
   * warning of its own to come). Absent: none known (facts kept before it was).
   */
  readonly resolutionWarnedFor?: string | null;
  /** When the school's window to answer a proposal ends, while one runs. Absent: not known. */
  readonly confirmationDueDate?: string | null;
  /** The Board's decision once recorded, for the messages after it. Absent: none yet known. */
  readonly boardOutcome?: string | null;
  /** The Board's reasons for its decision (absent from facts kept before they were). */
  readonly boardRationale?: string | null;
  /** How serious a failure the Board found (absent from facts kept before it was). */
  readonly boardFailureLevel?: string | null;
  /** How many members a Board decision needs, from the policy it was lodged under. */
  readonly decisionQuorum?: number;
  /** How many members besides its proposer must approve a reimbursement, from the same policy. */
  readonly approvalQuorum?: number;
  /** The date the Board's clock running now is due (its decision, or its proposal). */
  readonly boardDueDate?: string | null;
  /** Who put to the Board what awaits its members' support (a decision, or closing). */
  readonly supportAskedBy?: string | null;
  /** What that is. */
  readonly supportAskedFor?: 'decision' | 'closing';
  /** The Board has approved a reimbursement: only its payment is left to settle. */
  readonly reimbursementApproved?: boolean;
  /** Who proposed the reimbursement awaiting approval, which lapses if they stand aside. */
  readonly proposalAwaitingApprovalBy?: string | null;
  /** The sum of the reimbursement last proposed, for the message if it is declined. */
  readonly proposedPence?: number | null;
}

/** A proposed resolution and the working days the school has to answer it once sent. */
export interface ProposalToSend {
  readonly resolution: string;
  readonly workingDays: number;
}

/** Someone to write to: staff carry their person id, so their own acts and choices are known. */
export interface Recipient extends MailAddress {
  readonly personId?: string;
}

/** Who holds which role now, and what schools are called: whom a notification goes to. */
export interface Audience {
  businessSupport(): Recipient[];
  managersOf(serviceId: string): Recipient[];
  boardMembers(): Recipient[];
  boardChairs(): Recipient[];
  /** The Board members on the school's staff, who may not judge its complaints: person ids. */
  boardMembersAtSchool(schoolUrn: string): readonly string[];
  /** Whether a message of one of `kinds` about the complaint has gone to `email`. */
  wasSent(complaintId: string, kinds: readonly string[], email: string): boolean;
  finance(): Recipient[];
  schoolName(urn: string): string | null;
  /** What a service is called, for a school or another service to read; its id if not known. */
  serviceName(serviceId: string): string;
  /** The kinds of notification the person turned off. */
  mailTurnedOff(personId: string): readonly string[];
}

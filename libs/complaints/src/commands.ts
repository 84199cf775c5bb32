import { type ActedBy, type Actor } from './actor';
import {
  type BoardOutcome,
  type ContactMethod,
  type FailureLevel,
  type PaymentMethod,
} from './catalogue';
import { type ClockKind, type TimerKind } from './clocks';
import {
  type AttachmentRef,
  type ComplaintDetails,
  type ContactPerson,
  type FileNotKept,
  type ReimbursementBasis,
} from './events';
import { type Pence } from './money';

/** What every command carries: who issues it and when (time comes in; the domain has no clock). */
interface Issued {
  readonly actor: Actor;
  readonly at: string;
}

/** A contract or booking as the directory knows it when a reimbursement is proposed. */
export interface FeeAgreement extends ReimbursementBasis {
  readonly schoolUrn: string;
  readonly serviceId: string;
  /** Already committed to reimbursements on other complaints. */
  readonly reimbursedPence: Pence;
}

/** How the school agreed, as an officer records it. */
export interface SchoolConsentGiven {
  readonly givenBy: string;
  readonly givenAt: string;
  readonly method: ContactMethod;
}

export interface ComplaintCommandMap {
  LodgeComplaint: Issued &
    ComplaintDetails & {
      /** What would put it right, in the school's words; absent or blank: it said nothing. */
      readonly desiredOutcome?: string | null;
      /** Files lodged with it, their bytes already in the attachment store; absent: none. */
      readonly attachments?: readonly AttachmentRef[];
      /** The Message-ID of the email it came in, when the mail intake lodges it. */
      readonly emailMessageId?: string | null;
      /** Files sent with it that the attachment rules refused; absent: none. */
      readonly filesNotKept?: readonly FileNotKept[];
      /**
       * When the council received it, if before now: when its email arrived, or when the school
       * told the officer logging it. Absent: now.
       */
      readonly receivedAt?: string | null;
      /** The officer who matched the email it came in to its school, when one did. */
      readonly matchedBy?: ActedBy | null;
    };
  ReferComplaint: Issued & { readonly serviceId: string | null; readonly note: string | null };
  RerouteComplaint: Issued & {
    readonly toServiceId: string;
    readonly reason: string;
    /** The school's contract or booking with the new service, if the complaint concerns one. */
    readonly relatedContractId: string | null;
    readonly relatedBookingId: string | null;
  };
  /** The service's staff: it is not their service's, and Business Support should move it. */
  AskToReroute: Issued & { readonly reason: string };
  /** Business Support, asked to move it, keeps it with the service, saying why. */
  KeepWithService: Issued & { readonly reason: string };
  ReclassifyAsServiceRequest: Issued & { readonly reason: string };
  RejectAsOutOfScope: Issued & { readonly reason: string };
  MarkAsDuplicate: Issued & { readonly duplicateOf: string; readonly reason: string | null };
  WithdrawComplaint: Issued & {
    readonly reason: string | null;
    /** How the school agreed; required when an officer withdraws for it. */
    readonly consent: SchoolConsentGiven | null;
  };
  RecordContact: Issued & {
    readonly contactedAt: string;
    readonly method: ContactMethod;
    readonly note: string;
  };
  RequestInformation: Issued & { readonly question: string };
  RecordInformationReceived: Issued & {
    readonly summary: string;
    /** When the council received the answer, if before it was recorded (an email that waited). */
    readonly receivedAt?: string;
  };
  AgreeExtension: Issued & {
    readonly extraWorkingDays: number;
    readonly reason: string;
    /** How the school agreed; required when a service manager records it, implied when the school agrees itself. */
    readonly consent: SchoolConsentGiven | null;
  };
  ProposeResolution: Issued & { readonly resolution: string };
  /** The outbox sent the proposal to the school's contact (the engine itself reports it). */
  RecordResolutionSent: Issued & { readonly sentAt: string };
  /**
   * The mail of the proposal sent at `sentAt` came back undelivered: the mail intake traced a
   * bounce to it. `status` is the delivery report's status code (5.1.1: no such mailbox).
   */
  RecordResolutionReturned: Issued & { readonly sentAt: string; readonly status: string | null };
  /** The mail intake: the service's question sent at `sentAt` came back undelivered. */
  RecordQuestionReturned: Issued & { readonly sentAt: string; readonly status: string | null };
  /** The school confirms, or an officer confirms for it, saying how the school agreed. */
  ConfirmResolution: Issued & { readonly consent: SchoolConsentGiven | null };
  DisputeResolution: Issued & {
    readonly reason: string;
    /** Its reply said neither "resolved" nor "not resolved" (the intake's reading of an email). */
    readonly unclear?: true;
  };
  ReachDeadline: Issued & {
    readonly clock: ClockKind;
    readonly revision: number;
    readonly timer: TimerKind;
  };
  RecordBoardDecision: Issued & {
    readonly outcome: BoardOutcome;
    readonly failureLevel: FailureLevel | null;
    readonly rationale: string;
  };
  CloseWithoutReimbursement: Issued & { readonly reason: string };
  ProposeReimbursement: Issued & {
    readonly proposalId: string;
    readonly amountPence: Pence;
    readonly basis: FeeAgreement;
    readonly overrideReason: string | null;
  };
  ApproveReimbursement: Issued & { readonly proposalId: string };
  DeclineReimbursement: Issued & { readonly proposalId: string; readonly reason: string };
  RecordReimbursementPaid: Issued & {
    readonly proposalId: string;
    readonly method: PaymentMethod;
    readonly paymentReference: string;
    readonly paidOn: string;
    /**
     * Finance confirms the reference is right though a payment on another complaint was recorded
     * under it (one payment run reimbursing several): without it, such a reference is refused.
     */
    readonly sameReferenceConfirmed?: boolean;
  };
  AddInternalNote: Issued & { readonly noteId: string; readonly text: string };
  DeclareConflictOfInterest: Issued & { readonly reason: string };
  /** The officer's id and name as the directory has them (the handler checks they exist). */
  AssignCaseOfficer: Issued & { readonly officerId: string; readonly officerName: string };
  /** Whom the council writes to at the school about the complaint from now on. */
  ChangeSchoolContact: Issued & {
    readonly contact: ContactPerson;
    /** How the school agreed; required when Business Support changes it for the school. */
    readonly consent: SchoolConsentGiven | null;
  };
  SendMessage: Issued & { readonly messageId: string; readonly text: string };
  /** What the school wrote back (by email): an answer, a confirmation or dispute, or a message. */
  ReplyFromSchool: Issued & {
    readonly messageId: string;
    readonly text: string;
    /**
     * Filed by a person for a sender the council cannot tell is the school's (neither the
     * complaint's contact nor an address it holds for the school): its "resolved", and its answer
     * to the service's question, are messages, never the school's confirmation (which closes the
     * complaint and takes the school's consent) nor its answer (which starts the service's clock
     * again). Its "not resolved" keeps the complaint open, as the school's would.
     */
    readonly unverifiedSender?: true;
    /**
     * When the council received it, if before it was filed (it waited for Business Support, or
     * for the intake): an answer is judged as of then.
     */
    readonly receivedAt?: string;
    /**
     * What it replies to among the council's mails about the complaint, as its thread says: the
     * latest that asked the school something (the service's question, or its message) or another
     * of them (the acknowledgement), and when that went; or none (a new email naming the
     * complaint). Absent where no thread says (written on the complaint's page, where the
     * question is in front of the school): taken as an answer.
     */
    readonly answering?: RepliedTo | 'no-mail-of-ours';
  };
  /** One upload's files, recorded together; their bytes are already in the attachment store. */
  AddAttachments: Issued & {
    readonly attachments: readonly AttachmentRef[];
    /** Files sent with them that the attachment rules refused (by email), recorded as such. */
    readonly filesNotKept?: readonly FileNotKept[];
  };
}

/** One of the council's mails a school's email replies to: what it was, and when it went. */
export interface RepliedTo {
  readonly mail: 'question' | 'message' | 'other';
  readonly sentAt: string;
}

export type ComplaintCommandType = keyof ComplaintCommandMap;

export type ComplaintCommand = {
  [T in ComplaintCommandType]: { readonly type: T } & ComplaintCommandMap[T];
}[ComplaintCommandType];

export type CommandOf<T extends ComplaintCommandType> = Extract<ComplaintCommand, { type: T }>;

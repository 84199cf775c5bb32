import { type ComplaintEventType } from '@sg/complaints';

/**
 * Every complaint event type this release knows. @sg/complaints declares them as a type only; the
 * `satisfies` makes the compiler refuse this list as soon as a type is added there and not here.
 */
const KNOWN = {
  ComplaintLodged: true,
  ComplaintReferred: true,
  ComplaintRerouted: true,
  ComplaintReclassified: true,
  ComplaintRejected: true,
  ComplaintMarkedDuplicate: true,
  ComplaintWithdrawn: true,
  SchoolContacted: true,
  InformationRequested: true,
  InformationReceived: true,
  InformationRequestLapsed: true,
  ExtensionAgreed: true,
  ResolutionProposed: true,
  ResolutionSentToSchool: true,
  ResolutionMailReturned: true,
  ResolutionNeverReachedSchool: true,
  ResolutionConfirmed: true,
  ResolutionDisputed: true,
  QuestionMailReturned: true,
  DeemedAcceptanceSetAside: true,
  ComplaintReopened: true,
  ComplaintEscalated: true,
  BoardDecisionProposed: true,
  BoardDecisionSupported: true,
  BoardDecisionRecorded: true,
  ConflictOfInterestDeclared: true,
  CaseOfficerAssigned: true,
  SchoolContactChanged: true,
  ReimbursementProposed: true,
  ReimbursementWaiverProposed: true,
  ReimbursementWaiverSupported: true,
  ReimbursementWaived: true,
  ReimbursementApprovalGiven: true,
  ReimbursementApproved: true,
  ReimbursementDeclined: true,
  ReimbursementProposalLapsed: true,
  ReimbursementPaid: true,
  InternalNoteAdded: true,
  AttachmentAdded: true,
  MessageSent: true,
  ComplaintClosed: true,
  ClockStarted: true,
  ClockPaused: true,
  ClockResumed: true,
  ClockExtended: true,
  ClockStopped: true,
  DeadlineWarningIssued: true,
  DeadlineMissed: true,
} as const satisfies Record<ComplaintEventType, true>;

export const isComplaintEventType = (type: string): type is ComplaintEventType =>
  Object.hasOwn(KNOWN, type);

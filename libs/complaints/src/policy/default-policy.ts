import { type Policy } from './policy';

/**
 * The policy the engine starts with. Only the service's 10 working days are the council's own
 * words (the service guarantee); the triage target is the design's; the other targets, the
 * warning, the extension cap, the reimbursement schedule and the quorum are defaults chosen here
 * (the Board's 20 days after the Ombudsman's code), for the council to confirm or change in a
 * POLICY_FILE before it relies on them.
 */
export const DEFAULT_POLICY: Policy = {
  version: '2026-1',
  triageTargetWorkingDays: 2,
  resolutionTargetWorkingDays: 10,
  warningWorkingDaysBefore: 2,
  extensionCapWorkingDays: 10,
  schoolConfirmationWorkingDays: 5,
  schoolReplyWorkingDays: 10,
  boardDecisionTargetWorkingDays: 20,
  reimbursementProposalTargetWorkingDays: 5,
  reimbursementApprovalTargetWorkingDays: 10,
  reimbursementPaymentTargetWorkingDays: 20,
  reimbursementSchedule: { minor: 10, significant: 25, serious: 50, complete: 100 },
  approvalQuorum: 2,
  decisionQuorum: 1,
};

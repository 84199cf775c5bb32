import { type Policy } from './policy';

/** The council's policy as the seed documents and the scrutiny committee agreed it. */
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

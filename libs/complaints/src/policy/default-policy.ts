import { type Policy } from './policy';

/** The council's policy as the seed documents and the scrutiny committee agreed it. */
export const DEFAULT_POLICY: Policy = {
  version: '2026-1',
  triageTargetWorkingDays: 2,
  resolutionTargetWorkingDays: 10,
  warningWorkingDaysBefore: 2,
  extensionCapWorkingDays: 10,
  schoolConfirmationWorkingDays: 5,
  boardDecisionTargetWorkingDays: 20,
  reimbursementSchedule: { minor: 10, significant: 25, serious: 50, complete: 100 },
  approvalQuorum: 2,
};

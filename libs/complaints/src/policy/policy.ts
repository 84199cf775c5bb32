import { FAILURE_LEVELS, type FailureLevel } from '../catalogue';
import { DEFAULT_POLICY } from './default-policy';

/**
 * Every target and rule the council may tune, in one versioned document. A complaint keeps the
 * policy in force when it was lodged, so changing the policy never moves an existing deadline.
 */
export interface Policy {
  readonly version: string;
  readonly triageTargetWorkingDays: number;
  /** The seed's rule: contact the school and resolve within 10 working days of referral. */
  readonly resolutionTargetWorkingDays: number;
  /** A warning is due when this many working days of a clock are left. */
  readonly warningWorkingDaysBefore: number;
  /** The most a resolution deadline may be extended, in total, with the school's consent. */
  readonly extensionCapWorkingDays: number;
  /** How long the school has to confirm or dispute a proposed resolution. */
  readonly schoolConfirmationWorkingDays: number;
  /** How long the school has to answer the service's question before the service's clock runs again. */
  readonly schoolReplyWorkingDays: number;
  /** The Board's own code: a decision within this many working days of escalation. */
  readonly boardDecisionTargetWorkingDays: number;
  /** After upholding, the Board proposes a reimbursement (or waives one) within this. */
  readonly reimbursementProposalTargetWorkingDays: number;
  /** A proposed reimbursement is approved or declined within this. */
  readonly reimbursementApprovalTargetWorkingDays: number;
  /** Finance pays an approved reimbursement within this. */
  readonly reimbursementPaymentTargetWorkingDays: number;
  /** Percentage of the fees concerned suggested for each failure level. */
  readonly reimbursementSchedule: Readonly<Record<FailureLevel, number>>;
  /** Distinct Board members, other than the proposer, who must approve a reimbursement. */
  readonly approvalQuorum: number;
  /**
   * Distinct Board members, the proposer included, who must support a Board decision (closing an
   * upheld complaint without a reimbursement is one).
   */
  readonly decisionQuorum: number;
}

export class PolicyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid policy:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

const WHOLE_DAYS: (keyof Policy)[] = [
  'triageTargetWorkingDays',
  'resolutionTargetWorkingDays',
  'warningWorkingDaysBefore',
  'extensionCapWorkingDays',
  'schoolConfirmationWorkingDays',
  'schoolReplyWorkingDays',
  'boardDecisionTargetWorkingDays',
  'reimbursementProposalTargetWorkingDays',
  'reimbursementApprovalTargetWorkingDays',
  'reimbursementPaymentTargetWorkingDays',
];

/**
 * Settings added after councils first wrote their policy files: a file that does not give them
 * takes these (the defaults), so an upgrade does not refuse a file that was valid before it.
 */
const LATER_SETTINGS: Partial<Policy> = {
  schoolReplyWorkingDays: DEFAULT_POLICY.schoolReplyWorkingDays,
  reimbursementProposalTargetWorkingDays: DEFAULT_POLICY.reimbursementProposalTargetWorkingDays,
  reimbursementApprovalTargetWorkingDays: DEFAULT_POLICY.reimbursementApprovalTargetWorkingDays,
  reimbursementPaymentTargetWorkingDays: DEFAULT_POLICY.reimbursementPaymentTargetWorkingDays,
  decisionQuorum: DEFAULT_POLICY.decisionQuorum,
};

/** Checks a policy document field by field and names every field that is wrong. */
export function parsePolicy(document: unknown): Policy {
  const problems: string[] = [];
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new PolicyError(['the policy must be a JSON object']);
  }
  const policy: Record<string, unknown> = {
    ...LATER_SETTINGS,
    ...(document as Record<string, unknown>),
  };
  const known = new Set<string>([
    'version',
    'reimbursementSchedule',
    'approvalQuorum',
    'decisionQuorum',
    ...WHOLE_DAYS,
  ]);
  for (const key of Object.keys(policy))
    if (!known.has(key)) problems.push(`${key} is not a policy setting`);
  if (typeof policy.version !== 'string' || policy.version.trim() === '')
    problems.push('version must be a non-empty string');
  for (const key of WHOLE_DAYS) {
    const value = policy[key];
    const minimum = key === 'extensionCapWorkingDays' || key === 'warningWorkingDaysBefore' ? 0 : 1;
    if (!Number.isInteger(value) || (value as number) < minimum || (value as number) > 250) {
      problems.push(`${key} must be a whole number of working days from ${minimum} to 250`);
    }
  }
  for (const quorum of ['approvalQuorum', 'decisionQuorum'] as const) {
    if (!Number.isInteger(policy[quorum]) || (policy[quorum] as number) < 1) {
      problems.push(`${quorum} must be a whole number, 1 or more`);
    }
  }
  const schedule = policy.reimbursementSchedule as Record<string, unknown> | undefined;
  if (typeof schedule !== 'object' || schedule === null) {
    problems.push(
      `reimbursementSchedule must give a percentage for each of ${FAILURE_LEVELS.join(', ')}`,
    );
  } else {
    for (const level of FAILURE_LEVELS) {
      const percent = schedule[level];
      if (
        typeof percent !== 'number' ||
        !(percent >= 0 && percent <= 100) ||
        Math.abs(percent * 100 - Math.round(percent * 100)) > 1e-9
      ) {
        problems.push(
          `reimbursementSchedule.${level} must be a percentage from 0 to 100, to at most two decimal places`,
        );
      }
    }
    for (const key of Object.keys(schedule)) {
      if (!(FAILURE_LEVELS as readonly string[]).includes(key))
        problems.push(`reimbursementSchedule.${key} is not a failure level`);
    }
  }
  if (
    Number.isInteger(policy.warningWorkingDaysBefore) &&
    Number.isInteger(policy.resolutionTargetWorkingDays) &&
    (policy.warningWorkingDaysBefore as number) >= (policy.resolutionTargetWorkingDays as number)
  ) {
    problems.push('warningWorkingDaysBefore must be less than resolutionTargetWorkingDays');
  }
  if (problems.length > 0) throw new PolicyError(problems);
  return policy as unknown as Policy;
}

/**
 * Why no reimbursement could ever be approved under the policy with this many Board members, or
 * null: approval needs `approvalQuorum` members other than the one who proposed it.
 */
export function unreachableQuorum(policy: Policy, boardMembers: number): string | null {
  const approvers = boardMembers - 1;
  const members = `${boardMembers} Board member${boardMembers === 1 ? '' : 's'}`;
  if (policy.approvalQuorum > approvers)
    return `approvalQuorum is ${policy.approvalQuorum}, but with ${members} at most ${Math.max(0, approvers)} can approve a proposal that is not their own`;
  if (policy.decisionQuorum > boardMembers)
    return `decisionQuorum is ${policy.decisionQuorum}, but there are only ${members}`;
  return null;
}

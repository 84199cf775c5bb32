import { type ClockKind } from '@sg/complaints';

/**
 * Where a service's queue puts a complaint, by whose clock is running. The service's own
 * deadlines come first (0): those are what it must act on. Then the complaints that may come to
 * it next (1): waiting for the school's answer to its question or proposal, or for Business
 * Support to pass them on. Then those past its part (2): with the Board, or with finance to pay.
 * Within each, the nearest date first; each date is a different party's, so they never mix.
 */
export const SERVICE_TO_ACT_RANK = 0;
const RANKS: Readonly<Record<ClockKind, number>> = {
  resolution: SERVICE_TO_ACT_RANK,
  'school-reply': 1,
  'school-confirmation': 1,
  triage: 1,
  'board-decision': 2,
  'reimbursement-proposal': 2,
  'reimbursement-approval': 2,
  'reimbursement-payment': 2,
};

/** After every clock's rank: a complaint with none running. */
const NO_CLOCK = 3;

export const serviceQueueRank = (kind: ClockKind | null): number =>
  kind === null ? NO_CLOCK : RANKS[kind];

/** Whether the running clock is the service's own: the only one it can be late or at risk on. */
export const serviceMustAct = (kind: string | null): boolean =>
  kind !== null && RANKS[kind as ClockKind] === SERVICE_TO_ACT_RANK;

import { type ClockKind } from './clocks';
import { type ComplaintStatus } from './state';

/**
 * The Board's own clocks for its reimbursement working (a proposal, its approval): the school
 * reads that the Board decided, then the reimbursement once it is approved, not these.
 */
const BOARD_WORKING_CLOCKS: readonly string[] = [
  'reimbursement-proposal',
  'reimbursement-approval',
] satisfies readonly ClockKind[];

export const isBoardWorkingClock = (kind: string | null | undefined): boolean =>
  kind !== null && kind !== undefined && BOARD_WORKING_CLOCKS.includes(kind);

/** A status as the school reads it: a proposal awaiting approval is the Board's working. */
export const statusAsTheSchoolReadsIt = <S extends string>(status: S): S | ComplaintStatus =>
  status === 'reimbursement-proposed' ? 'board-decided' : status;

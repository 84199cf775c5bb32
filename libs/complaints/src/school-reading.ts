import { type Actor, isSchoolStaffOf } from './actor';
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

/** Anyone but the school's own staff reads a complaint as the council (internal notes too). */
export const readsAsCouncil = (actor: Actor, schoolUrn: string): boolean =>
  !isSchoolStaffOf(actor, schoolUrn) || actor.roles.some((grant) => grant.role !== 'school-staff');

/**
 * Events a school never reads: notes, a member standing aside, and the Board's own deliberation,
 * its reimbursement working included (the school hears of a reimbursement once it is approved).
 */
const COUNCIL_ONLY_EVENTS = new Set<string>([
  'InternalNoteAdded',
  'ConflictOfInterestDeclared',
  'BoardDecisionProposed',
  'BoardDecisionSupported',
  'ReimbursementProposed',
  'ReimbursementApprovalGiven',
  'ReimbursementDeclined',
  'ReimbursementProposalLapsed',
]);

/** Whether the complaint's school reads this event of it (in its timeline, its version). */
export const schoolReads = (event: { readonly type: string; readonly data: unknown }): boolean =>
  !COUNCIL_ONLY_EVENTS.has(event.type) &&
  !isBoardWorkingClock((event.data as { readonly clock?: string } | null)?.clock);

/**
 * The version of a complaint a reader is given: the revision of the last event they read, so
 * that the school's version moves only with what it can see. Null before anything they read.
 */
export function versionReadBy<R extends bigint | number>(
  history: readonly { readonly revision: R; readonly type: string; readonly data: unknown }[],
  council: boolean,
): R | null {
  for (let i = history.length - 1; i >= 0; i -= 1)
    if (council || schoolReads(history[i])) return history[i].revision;
  return null;
}

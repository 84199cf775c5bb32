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

/**
 * Anyone but the school's own staff reads a complaint as the council (internal notes too). Staff
 * of the school read it as the school whatever else they are: a governor on the Board, say, who
 * may not act on it either (a conflict of interest), reads neither its notes nor the Board's
 * working on it.
 */
export const readsAsCouncil = (actor: Actor, schoolUrn: string): boolean =>
  !isSchoolStaffOf(actor, schoolUrn);

/**
 * Events a school never reads: notes, the service's asking to move it, a member standing aside,
 * and the Board's own deliberation,
 * its reimbursement working included (the school hears of a reimbursement once it is approved).
 */
const COUNCIL_ONLY_EVENTS = new Set<string>([
  'InternalNoteAdded',
  // The council's own working out of which service is the school's to deal with.
  'RerouteAsked',
  'RerouteDeclined',
  'ConflictOfInterestDeclared',
  'BoardDecisionProposed',
  'BoardDecisionSupported',
  'ReimbursementWaiverProposed',
  'ReimbursementWaiverSupported',
  'ReimbursementWaiverSetAside',
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
 * The events of a complaint as its reader is given them, numbered: the council by the stream's
 * revisions, the school from 0 among the events it reads, so that neither its numbers nor their
 * gaps count what it does not read (a note, the Board's working).
 */
export function eventsReadBy<E extends { readonly type: string; readonly data: unknown }>(
  history: readonly (E & { readonly revision: bigint })[],
  council: boolean,
): (E & { readonly revision: bigint })[] {
  if (council) return [...history];
  return history.filter(schoolReads).map((event, i) => ({ ...event, revision: BigInt(i) }));
}

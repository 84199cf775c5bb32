import { complaintEventFrom, isBoardWorkingClock } from '@sg/complaints';
import { type RecordedEvent } from '@sg/event-store';

/**
 * Events a school never sees in its timeline: notes and the Board's own deliberation, its
 * reimbursement working included (the school hears of a reimbursement once it is approved).
 */
const COUNCIL_ONLY = new Set<string>([
  'InternalNoteAdded',
  'ConflictOfInterestDeclared',
  'BoardDecisionProposed',
  'BoardDecisionSupported',
  'ReimbursementProposed',
  'ReimbursementApprovalGiven',
  'ReimbursementDeclined',
  'ReimbursementProposalLapsed',
]);

/** Who did what, when: one line of a complaint's timeline. */
export interface TimelineLine {
  readonly revision: number;
  readonly type: string;
  readonly at: string;
  readonly by: { readonly id: string; readonly role: string };
  readonly recordedAt: string;
  readonly details: Record<string, unknown>;
}

/** Who did what, when, in a complaint's history; schools do not see internal notes. */
export const timelineOf = (
  history: readonly RecordedEvent[],
  councilReader: boolean,
): TimelineLine[] => {
  const lines = history
    .filter((recorded) => councilReader || !COUNCIL_ONLY.has(recorded.type))
    .map(timelineLineOf);
  return councilReader ? lines : lines.flatMap(asTheSchoolReadsIt);
};

/** What a line says of the Board's members, which the school does not read: the Board acted. */
const MEMBERS = new Set(['approvers', 'members']);
const THE_BOARD = { id: 'board', role: 'board-member' } as const;

/**
 * A line as the school reads it: not the Board's clocks for its reimbursement working, and the
 * Board as one (not which member decided, approved or started a clock, nor who was among them).
 */
function asTheSchoolReadsIt(line: TimelineLine): TimelineLine[] {
  if (isBoardWorkingClock(line.details.clock as string | undefined)) return [];
  return [
    {
      ...line,
      by: line.by.role === 'board-member' ? THE_BOARD : line.by,
      details: Object.fromEntries(
        Object.entries(line.details).filter(([key]) => !MEMBERS.has(key)),
      ),
    },
  ];
}

/** A recorded event as its timeline line, upcast to the current schema like every reader sees it. */
function timelineLineOf(recorded: RecordedEvent): TimelineLine {
  const event = complaintEventFrom(recorded);
  const { by, at, ...details } = event.data as unknown as {
    by: { id: string; role: string };
    at: string;
  } & Record<string, unknown>;
  return {
    revision: Number(recorded.revision),
    type: event.type,
    at,
    by: { id: by.id, role: by.role },
    recordedAt: recorded.recordedAt.toISOString(),
    details,
  };
}

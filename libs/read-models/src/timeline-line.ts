import { complaintEventFrom, eventsReadBy } from '@sg/complaints';
import { type RecordedEvent } from '@sg/event-store';

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
  const lines = eventsReadBy(
    history.map((recorded) => ({
      ...complaintEventFrom(recorded),
      revision: recorded.revision,
      recordedAt: recorded.recordedAt,
    })),
    councilReader,
  ).map(timelineLineOf);
  return councilReader ? lines : lines.map(asTheSchoolReadsIt);
};

/** What a line says of the Board's members, which the school does not read: the Board acted. */
const MEMBERS = new Set(['approvers', 'members']);
const THE_BOARD = { id: 'board', role: 'board-member' } as const;

/** A line as the school reads it: the Board as one (not which member acted, nor who was among them). */
const asTheSchoolReadsIt = (line: TimelineLine): TimelineLine => ({
  ...line,
  by: line.by.role === 'board-member' ? THE_BOARD : line.by,
  details: Object.fromEntries(Object.entries(line.details).filter(([key]) => !MEMBERS.has(key))),
});

/** An event as its timeline line, upcast to the current schema like every reader sees it. */
function timelineLineOf(event: {
  readonly type: string;
  readonly data: unknown;
  readonly revision: bigint;
  readonly recordedAt: Date;
}): TimelineLine {
  const { by, at, ...details } = event.data as {
    by: { id: string; role: string };
    at: string;
  } & Record<string, unknown>;
  return {
    revision: Number(event.revision),
    type: event.type,
    at,
    by: { id: by.id, role: by.role },
    recordedAt: event.recordedAt.toISOString(),
    details,
  };
}

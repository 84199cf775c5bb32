import { type Instant, type WorkingDayCalendar } from '@sg/working-days';

export const CLOCK_KINDS = [
  'triage',
  'resolution',
  'school-confirmation',
  'board-decision',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** Which of a clock's timers fired: the warning before the deadline, or the deadline itself. */
export type TimerKind = 'warning' | 'deadline';

/**
 * Where a running clock stands: `workingDays` counted from `anchor` (the start, or the moment it
 * resumed). `revision` changes whenever its timers move, so a timer set for an older revision is
 * recognised as stale and ignored.
 */
export interface ClockTiming {
  readonly revision: number;
  readonly anchor: string;
  readonly workingDays: number;
  readonly dueDate: string;
  readonly deadline: string;
  readonly warningAt: string | null;
}

/** The due date, deadline and warning instant for `workingDays` counted from `anchor`. */
export function timeClock(
  calendar: WorkingDayCalendar,
  revision: number,
  anchor: Instant,
  workingDays: number,
  warnBefore: number,
): ClockTiming {
  const anchorIso =
    typeof anchor === 'string' ? new Date(anchor).toISOString() : anchor.toISOString();
  const { dueDate, deadline } = calendar.addWorkingDays(anchorIso, workingDays);
  const warningAt =
    warnBefore > 0 && workingDays > warnBefore
      ? calendar.addWorkingDays(anchorIso, workingDays - warnBefore).deadline.toISOString()
      : null;
  return {
    revision,
    anchor: anchorIso,
    workingDays,
    dueDate,
    deadline: deadline.toISOString(),
    warningAt,
  };
}

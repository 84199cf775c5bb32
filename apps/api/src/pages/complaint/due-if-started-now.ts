import { CLOCK_TARGETS, type ClockKind, type OpenComplaint, timeClock } from '@sg/complaints';
import { type WorkingDayCalendar } from '@sg/working-days';

/**
 * The date a clock the action starts would be due by if it were sent now, timed as the domain
 * times it, so a form can tell whoever sends it what the other side will be given. Only "if sent
 * now": a proposal the school is emailed starts its window again when the email goes.
 */
export function dueIfStartedNow(
  calendar: WorkingDayCalendar,
  complaint: OpenComplaint,
  kind: ClockKind,
  now: Date,
): string {
  const { policy } = complaint;
  return timeClock(calendar, 0, now, CLOCK_TARGETS[kind](policy), policy.warningWorkingDaysBefore)
    .dueDate;
}

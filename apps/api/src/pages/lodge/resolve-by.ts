import { CLOCK_TARGETS, type OpenComplaint } from '@sg/complaints';
import { type WorkingDayCalendar } from '@sg/working-days';

/**
 * The latest date the service must resolve a complaint by, as the school can be told when it
 * lodges: the resolution clock starts when Business Support passes the complaint on, at the latest
 * at the end of the triage due date, and runs for the policy's resolution target from there.
 * Null once the triage clock no longer runs (the complaint has moved on).
 */
export function latestResolutionDate(
  calendar: WorkingDayCalendar,
  complaint: OpenComplaint,
): string | null {
  const triage = complaint.clocks.triage;
  if (!triage || triage.status !== 'running') return null;
  const lastMomentOfTriage = new Date(Date.parse(triage.timing.deadline) - 1);
  return calendar.addWorkingDays(lastMomentOfTriage, CLOCK_TARGETS.resolution(complaint.policy))
    .dueDate;
}

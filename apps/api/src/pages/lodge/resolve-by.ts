import { CLOCK_TARGETS, type OpenComplaint } from '@sg/complaints';
import { type WorkingDayCalendar } from '@sg/working-days';

/**
 * The date the service must resolve a complaint by if Business Support passes it on by the end of
 * its triage due date, as the school can be told when it lodges: the resolution clock starts at
 * the referral and runs for the policy's resolution target from there. Not a promise: a late
 * referral starts the clock later (and is recorded as late), so the page says on what it depends.
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

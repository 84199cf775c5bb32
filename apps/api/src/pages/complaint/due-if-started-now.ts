import { CLOCK_TARGETS, type ClockKind, type OpenComplaint, timeClock } from '@sg/complaints';
import { sentToPeopleAt } from '@sg/notifications';
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

/**
 * The school's date to answer a resolution proposed now. Its days count from when the email goes,
 * and mail to people waits for the working day: proposed on a Saturday, it goes on Monday morning,
 * and so do its days. A school with no address is told by the service, now. `emailWaitsUntil`:
 * when the email goes, if not at once.
 */
export function schoolAnswerIfProposedNow(
  calendar: WorkingDayCalendar,
  complaint: OpenComplaint,
  now: Date,
): { readonly dueDate: string; readonly emailWaitsUntil: string | null } {
  const emailed = complaint.contact.email ? sentToPeopleAt(calendar, now) : now;
  return {
    dueDate: dueIfStartedNow(calendar, complaint, 'school-confirmation', emailed),
    emailWaitsUntil: emailed > now ? emailed.toISOString() : null,
  };
}

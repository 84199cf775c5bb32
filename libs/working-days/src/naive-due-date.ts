import { DateTime } from 'luxon';
import { LONDON } from './london-time';
import { type LocalDate } from './local-date';
import { type DueDate } from './working-day-calendar';

/**
 * The due-date rule written as plainly as possible: walk the London calendar a day at a time.
 * It is the reference the fast table-driven calendar is checked against in tests and measured
 * against in the benchmark; production code uses {@link WorkingDayCalendar}.
 */
export function naiveDueDate(
  start: Date,
  workingDays: number,
  isHolidayOrClosure: (date: LocalDate) => boolean,
): DueDate {
  let day = DateTime.fromJSDate(start, { zone: LONDON }).startOf('day');
  for (let counted = 0; counted < workingDays;) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5 && !isHolidayOrClosure(day.toISODate()!)) counted += 1;
  }
  return { dueDate: day.toISODate()!, deadline: day.plus({ days: 1 }).startOf('day').toJSDate() };
}

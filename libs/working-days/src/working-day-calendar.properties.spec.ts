import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';

import { naiveDueDate } from './naive-due-date';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar();
const LONDON = 'Europe/London';

const starts = fc.date({
  min: new Date('2010-01-01T00:00:00Z'),
  max: new Date('2096-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const targets = fc.integer({ min: 0, max: 400 });

const publishedHolidays = new Set(
  (
    JSON.parse(
      readFileSync(
        join(__dirname, '../../../test/fixtures/bank-holidays-england-and-wales.json'),
        'utf8',
      ),
    ) as Record<string, { events: { date: string }[] }>
  )['england-and-wales'].events.map((event) => event.date),
);

describe('WorkingDayCalendar properties', () => {
  it('adding n then m working days equals adding n + m', () => {
    fc.assert(
      fc.property(starts, targets, targets, (start, n, m) => {
        const first = calendar.addWorkingDays(start, n);
        const lastMomentOfDueDay = new Date(first.deadline.getTime() - 1);
        expect(calendar.addWorkingDays(lastMomentOfDueDay, m).dueDate).toBe(
          calendar.addWorkingDays(start, n + m).dueDate,
        );
      }),
    );
  });

  it('the due date is a working day and the deadline is the London midnight that ends it', () => {
    fc.assert(
      fc.property(starts, fc.integer({ min: 1, max: 400 }), (start, n) => {
        const { dueDate, deadline } = calendar.addWorkingDays(start, n);
        expect(calendar.isWorkingDay(dueDate)).toBe(true);
        const local = DateTime.fromJSDate(deadline, { zone: LONDON });
        expect(local.toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
        expect(local.minus({ days: 1 }).toISODate()).toBe(dueDate);
      }),
    );
  });

  it('the deadline is always after the start', () => {
    fc.assert(
      fc.property(starts, targets, (start, n) => {
        expect(calendar.addWorkingDays(start, n).deadline.getTime()).toBeGreaterThan(
          start.getTime(),
        );
      }),
    );
  });

  it('workingDaysBetween a start and its deadline is the target', () => {
    fc.assert(
      fc.property(starts, targets, (start, n) => {
        const { deadline } = calendar.addWorkingDays(start, n);
        expect(calendar.workingDaysBetween(start, deadline)).toBe(n);
        expect(calendar.workingDaysBetween(deadline, start)).toBe(-n || 0);
      }),
    );
  });

  it('agrees with a day-by-day walk over the published GOV.UK holidays and random closures', () => {
    const publishedYears = fc.date({
      min: new Date('2012-01-01T00:00:00Z'),
      max: new Date('2028-10-31T00:00:00Z'),
      noInvalidDate: true,
    });
    const closureDays = fc.uniqueArray(
      fc.date({
        min: new Date('2012-01-01T00:00:00Z'),
        max: new Date('2028-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(
        publishedYears,
        fc.integer({ min: 0, max: 40 }),
        closureDays,
        (start, n, closures) => {
          const closed = closures.map((day) => day.toISOString().slice(0, 10));
          const withClosures = new WorkingDayCalendar({ closures: closed });
          const reference = naiveDueDate(
            start,
            n,
            (date) => publishedHolidays.has(date) || closed.includes(date),
          );
          expect(withClosures.addWorkingDays(start, n)).toEqual(reference);
        },
      ),
      { numRuns: 200 },
    );
  });
});

import { InvalidInstantError } from './instant';
import { InvalidLocalDateError } from './local-date';
import {
  InvalidWorkingDaysError,
  OutsideCalendarError,
  WorkingDayCalendar,
} from './working-day-calendar';

const calendar = new WorkingDayCalendar();
const due = (start: string, n = 10) => {
  const { dueDate, deadline } = calendar.addWorkingDays(start, n);
  return { dueDate, deadline: deadline.toISOString() };
};

describe('WorkingDayCalendar', () => {
  describe('the design example: referred Thursday 17 April 2025', () => {
    it.each([
      '2025-04-17T00:00:00+01:00',
      '2025-04-17T10:00:00+01:00',
      '2025-04-17T23:59:59.999+01:00',
    ])('from %s is due Tuesday 6 May, deadline midnight BST', (start) => {
      expect(due(start)).toEqual({ dueDate: '2025-05-06', deadline: '2025-05-06T23:00:00.000Z' });
    });
  });

  describe('the working day something was done on, counted from a start on day 0', () => {
    // Referred Thu 17 April 2025: Good Friday and Easter Monday are holidays, so Tue 22 is day 1.
    it.each([
      ['the same day', 0, '2025-04-17T16:00:00.000Z'],
      ['Good Friday, a holiday', 0, '2025-04-18T10:00:00.000Z'],
      ['Tuesday morning', 1, '2025-04-22T08:00:00.000Z'],
      ['Tuesday just before midnight', 1, '2025-04-22T22:59:59.999Z'],
      ['Wednesday, from its first instant', 2, '2025-04-22T23:00:00.000Z'],
      ['Tuesday 6 May, the due date', 10, '2025-05-06T15:00:00.000Z'],
      ['Wednesday 7 May, a day late', 11, '2025-05-07T09:00:00.000Z'],
    ])('%s is day %i', (_, day, at) => {
      expect(calendar.workingDayNumberOf('2025-04-17T10:00:00.000Z', at)).toBe(day);
    });
  });

  describe('Easter', () => {
    it('skips Good Friday and Easter Monday', () => {
      expect(due('2026-04-02T09:00:00+01:00')).toEqual({
        dueDate: '2026-04-20',
        deadline: '2026-04-20T23:00:00.000Z',
      });
    });

    it('counts from Easter Monday as day 0 when the clock starts on the holiday', () => {
      expect(due('2025-04-21T12:00:00+01:00', 1).dueDate).toBe('2025-04-22');
    });
  });

  describe('Christmas and its substitute days', () => {
    it('2026: Boxing Day on a Saturday is taken on Monday 28th', () => {
      expect(due('2026-12-23T15:00:00Z')).toEqual({
        dueDate: '2027-01-11',
        deadline: '2027-01-12T00:00:00.000Z',
      });
      expect(calendar.isWorkingDay('2026-12-28')).toBe(false);
    });

    it('2022: Christmas on a Sunday is taken on Tuesday 27th, behind Boxing Day', () => {
      expect(due('2022-12-23T12:00:00Z', 1).dueDate).toBe('2022-12-28');
    });

    it('2021: both days on the weekend move to Monday 27th and Tuesday 28th', () => {
      expect(calendar.nextWorkingDay('2021-12-24')).toBe('2021-12-29');
    });
  });

  describe('the moved May holidays', () => {
    it('2020: the early May holiday was Friday 8 May (VE day), not Monday 4 May', () => {
      expect(calendar.isWorkingDay('2020-05-04')).toBe(true);
      expect(due('2020-05-07T12:00:00+01:00', 1).dueDate).toBe('2020-05-11');
    });

    it('2022: the spring holiday moved to Thursday 2 June beside the Platinum Jubilee', () => {
      expect(calendar.isWorkingDay('2022-05-30')).toBe(true);
      expect(due('2022-06-01T12:00:00+01:00', 1).dueDate).toBe('2022-06-06');
    });

    it('2012: the spring holiday moved to 4 June beside the Diamond Jubilee', () => {
      expect(calendar.isWorkingDay('2012-05-28')).toBe(true);
      expect(calendar.nextWorkingDay('2012-06-01')).toBe('2012-06-06');
    });

    it('2023: the coronation made Monday 8 May a holiday', () => {
      expect(calendar.isWorkingDay('2023-05-08')).toBe(false);
    });
  });

  describe('the start day is taken in London, not UTC', () => {
    it('00:30 BST on Friday 13 June 2025 is 23:30 UTC on Thursday, but day 0 is Friday', () => {
      expect(due('2025-06-12T23:30:00Z', 1)).toEqual({
        dueDate: '2025-06-16',
        deadline: '2025-06-16T23:00:00.000Z',
      });
    });

    it('23:59 BST on Thursday 12 June 2025 is still Thursday', () => {
      expect(due('2025-06-12T22:59:00Z', 1).dueDate).toBe('2025-06-13');
    });

    it('23:30 GMT on a winter Thursday is still Thursday', () => {
      expect(due('2025-01-09T23:30:00Z', 1).dueDate).toBe('2025-01-10');
    });

    it('a start given in another offset means the same instant', () => {
      // Wednesday evening in California is already Thursday in London.
      expect(due('2025-04-16T18:00:00-07:00')).toEqual(due('2025-04-17T10:00:00+01:00'));
      expect(due('2025-04-16T10:00:00+01:00').dueDate).toBe('2025-05-02');
    });
  });

  describe('deadlines across the clock changes', () => {
    it('the last GMT midnight before the spring change', () => {
      expect(due('2026-03-26T12:00:00Z', 1).deadline).toBe('2026-03-28T00:00:00.000Z');
    });

    it('the first BST midnight after it', () => {
      expect(due('2026-03-27T12:00:00Z', 1).deadline).toBe('2026-03-30T23:00:00.000Z');
    });

    it('a deadline the night before the autumn change is still in BST', () => {
      expect(due('2026-10-22T12:00:00+01:00', 1).deadline).toBe('2026-10-23T23:00:00.000Z');
      expect(due('2026-10-23T12:00:00+01:00', 1).deadline).toBe('2026-10-27T00:00:00.000Z');
    });
  });

  describe('zero working days', () => {
    it('is due at the end of the start day itself, even a Saturday', () => {
      expect(due('2025-04-19T10:00:00+01:00', 0)).toEqual({
        dueDate: '2025-04-19',
        deadline: '2025-04-19T23:00:00.000Z',
      });
    });
  });

  describe('council closure days', () => {
    const closing = new WorkingDayCalendar({
      closures: ['2026-12-29', '2026-12-30', '2026-12-31'],
    });

    it('are not working days', () => {
      expect(closing.isWorkingDay('2026-12-29')).toBe(false);
      expect(calendar.isWorkingDay('2026-12-29')).toBe(true);
    });

    it('push due dates back', () => {
      expect(closing.addWorkingDays('2026-12-23T15:00:00Z', 10).dueDate).toBe('2027-01-14');
      expect(closing.nextWorkingDay('2026-12-24')).toBe('2027-01-04');
    });

    it('refuse a date outside the calendar or not a date', () => {
      expect(() => new WorkingDayCalendar({ closures: ['2101-01-04'] })).toThrow(
        OutsideCalendarError,
      );
      expect(() => new WorkingDayCalendar({ closures: ['2026-02-30'] })).toThrow(
        InvalidLocalDateError,
      );
    });
  });

  describe('isWorkingDay and nextWorkingDay', () => {
    it('knows weekdays, weekends and holidays', () => {
      expect(calendar.isWorkingDay('2025-04-17')).toBe(true);
      expect(calendar.isWorkingDay('2025-04-18')).toBe(false);
      expect(calendar.isWorkingDay('2025-04-19')).toBe(false);
      expect(calendar.isWorkingDay('2025-04-20')).toBe(false);
    });

    it('gives the first working day strictly after a date', () => {
      expect(calendar.nextWorkingDay('2025-04-17')).toBe('2025-04-22');
      expect(calendar.nextWorkingDay('2025-04-22')).toBe('2025-04-23');
    });

    it('lists a year’s bank holidays', () => {
      expect(calendar.bankHolidays(2025)).toHaveLength(8);
      expect(() => calendar.bankHolidays(2101)).toThrow(OutsideCalendarError);
    });
  });

  describe('workingDaysBetween', () => {
    const start = '2025-04-17T10:00:00+01:00';

    it('is exactly the target at the deadline and one less just before it', () => {
      expect(calendar.workingDaysBetween(start, '2025-05-06T23:00:00.000Z')).toBe(10);
      expect(calendar.workingDaysBetween(start, '2025-05-06T22:59:59.999Z')).toBe(9);
    });

    it('is 0 within the start day and across a holiday weekend', () => {
      expect(calendar.workingDaysBetween(start, '2025-04-17T23:00:00+01:00')).toBe(0);
      expect(calendar.workingDaysBetween(start, '2025-04-22T08:00:00+01:00')).toBe(0);
    });

    it('is negative when the second instant is earlier, and never -0', () => {
      expect(calendar.workingDaysBetween('2025-05-06T23:00:00.000Z', start)).toBe(-10);
      expect(Object.is(calendar.workingDaysBetween(start, '2025-04-17T08:00:00+01:00'), 0)).toBe(
        true,
      );
    });

    it('reaches a deadline at the very end of the calendar', () => {
      const { deadline } = calendar.addWorkingDays('2100-12-17T12:00:00Z', 8);
      expect(deadline.toISOString()).toBe('2101-01-01T00:00:00.000Z');
      expect(calendar.workingDaysBetween('2100-12-17T12:00:00Z', deadline)).toBe(8);
      expect(() =>
        calendar.workingDaysBetween('2100-12-17T12:00:00Z', '2101-01-02T12:00:00Z'),
      ).toThrow(OutsideCalendarError);
    });
  });

  describe('bad input', () => {
    it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p working days', (n) => {
      expect(() => calendar.addWorkingDays('2025-04-17T10:00:00Z', n)).toThrow(
        InvalidWorkingDaysError,
      );
    });

    it.each(['2025-04-17', '2025-04-17T10:00:00', 'yesterday', '2025-02-30T10:00:00Z'])(
      'refuses the start %j, which is not an instant with an offset',
      (start) => {
        expect(() => calendar.addWorkingDays(start, 1)).toThrow(InvalidInstantError);
      },
    );

    it('refuses an invalid Date', () => {
      expect(() => calendar.addWorkingDays(new Date(Number.NaN), 1)).toThrow(InvalidInstantError);
    });

    it('refuses starts and results outside 2010–2100', () => {
      expect(() => due('2009-12-31T12:00:00Z')).toThrow(OutsideCalendarError);
      expect(() => due('2100-12-30T12:00:00Z')).toThrow(/10 working days after 2100-12-30/);
      expect(() => calendar.isWorkingDay('2101-01-03')).toThrow(OutsideCalendarError);
      expect(() => due('9999-06-01T12:00:00Z')).toThrow(OutsideCalendarError);
      expect(() => due('0001-06-01T12:00:00Z')).toThrow(OutsideCalendarError);
    });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BankHolidayChange } from './bank-holiday';
import { ENGLAND_AND_WALES_BANK_HOLIDAY_CHANGES } from './england-and-wales-bank-holiday-changes';
import {
  englandAndWalesBankHolidays,
  UnsupportedYearError,
} from './england-and-wales-bank-holidays';
import { isoWeekdayOf, parseLocalDate } from './local-date';

interface GovUkEvent {
  title: string;
  date: string;
  notes: string;
  bunting: boolean;
}

const govUk = (
  JSON.parse(
    readFileSync(
      join(__dirname, '../../../test/fixtures/bank-holidays-england-and-wales.json'),
      'utf8',
    ),
  ) as Record<string, { events: GovUkEvent[] }>
)['england-and-wales'].events;

const holidaysOf = (year: number) =>
  englandAndWalesBankHolidays(year, ENGLAND_AND_WALES_BANK_HOLIDAY_CHANGES);

describe('England and Wales bank holidays', () => {
  const years = [...new Set(govUk.map((event) => Number(event.date.slice(0, 4))))];

  it('the fixture covers 2012 to 2028', () => {
    expect(years).toEqual(Array.from({ length: 17 }, (_, i) => 2012 + i));
  });

  // GOV.UK's `bunting` flag is decoration for its web page (and was switched off for Easter
  // Monday 2020); it says nothing about whether a day is worked, so it is not reproduced.
  it.each(years)(
    'reproduces the published list for %i exactly: dates, titles and notes',
    (year) => {
      const published = govUk
        .filter((event) => event.date.startsWith(`${year}-`))
        .map(({ date, title, notes }) => ({ date, title, notes }));
      expect(holidaysOf(year)).toEqual(published);
    },
  );

  it('keeps 2010 by rule: Christmas on a Saturday moves to Monday, Boxing Day to Tuesday', () => {
    expect(holidaysOf(2010).map((h) => h.date)).toEqual([
      '2010-01-01',
      '2010-04-02',
      '2010-04-05',
      '2010-05-03',
      '2010-05-31',
      '2010-08-30',
      '2010-12-27',
      '2010-12-28',
    ]);
  });

  it('keeps 2011 with the royal wedding and Christmas on a Sunday', () => {
    expect(holidaysOf(2011)).toEqual([
      { date: '2011-01-03', title: 'New Year’s Day', notes: 'Substitute day' },
      { date: '2011-04-22', title: 'Good Friday', notes: '' },
      { date: '2011-04-25', title: 'Easter Monday', notes: '' },
      { date: '2011-04-29', title: 'Royal wedding', notes: 'Extra bank holiday' },
      { date: '2011-05-02', title: 'Early May bank holiday', notes: '' },
      { date: '2011-05-30', title: 'Spring bank holiday', notes: '' },
      { date: '2011-08-29', title: 'Summer bank holiday', notes: '' },
      { date: '2011-12-26', title: 'Boxing Day', notes: '' },
      { date: '2011-12-27', title: 'Christmas Day', notes: 'Substitute day' },
    ]);
  });

  it('agrees with an independent implementation for every year from 2029 to 2100', () => {
    const independent = JSON.parse(
      readFileSync(
        join(__dirname, '../../../test/fixtures/bank-holidays-2029-2100-independent.json'),
        'utf8',
      ),
    ) as Record<string, string[]>;
    expect(Object.keys(independent)).toHaveLength(72);
    for (const [year, dates] of Object.entries(independent)) {
      const holidays = holidaysOf(Number(year));
      expect(holidays.map((h) => h.date)).toEqual(dates);
      for (const holiday of holidays)
        expect(isoWeekdayOf(parseLocalDate(holiday.date))).toBeLessThanOrEqual(5);
    }
  });

  it('works out far-future years by rule (2099: Christmas Friday, Boxing Day to Monday)', () => {
    expect(holidaysOf(2099).map((h) => `${h.date} ${h.title}`)).toEqual([
      '2099-01-01 New Year’s Day',
      '2099-04-10 Good Friday',
      '2099-04-13 Easter Monday',
      '2099-05-04 Early May bank holiday',
      '2099-05-25 Spring bank holiday',
      '2099-08-31 Summer bank holiday',
      '2099-12-25 Christmas Day',
      '2099-12-28 Boxing Day',
    ]);
  });

  it('takes a newly proclaimed change as one line of data', () => {
    const change: BankHolidayChange = {
      date: '2030-06-07',
      title: 'Extra bank holiday',
      notes: 'Extra bank holiday',
    };
    expect(englandAndWalesBankHolidays(2030, [change]).map((h) => h.date)).toContain('2030-06-07');
    const moved: BankHolidayChange = {
      date: '2030-05-31',
      title: 'Spring bank holiday',
      replaces: '2030-05-27',
    };
    const dates = englandAndWalesBankHolidays(2030, [moved]).map((h) => h.date);
    expect(dates).toContain('2030-05-31');
    expect(dates).not.toContain('2030-05-27');
  });

  it('refuses a change that replaces a day which is not a bank holiday', () => {
    const wrong: BankHolidayChange = { date: '2030-06-03', title: 'Moved', replaces: '2030-05-28' };
    expect(() => englandAndWalesBankHolidays(2030, [wrong])).toThrow(
      /2030-05-28, which is not a bank holiday/,
    );
  });

  it('refuses a change that lands on an existing bank holiday', () => {
    const clash: BankHolidayChange = { date: '2030-12-25', title: 'Twice' };
    expect(() => englandAndWalesBankHolidays(2030, [clash])).toThrow(/existing bank holiday/);
  });

  it.each([2009, 2101, 2020.5])('refuses the year %d, outside the rules it knows', (year) => {
    expect(() => holidaysOf(year)).toThrow(UnsupportedYearError);
  });
});

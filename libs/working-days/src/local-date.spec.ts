import {
  epochDayOf,
  formatLocalDate,
  InvalidLocalDateError,
  isoWeekdayOf,
  parseLocalDate,
} from './local-date';

describe('local dates', () => {
  it('round-trips a date through its epoch day', () => {
    expect(parseLocalDate('1970-01-01')).toBe(0);
    expect(formatLocalDate(parseLocalDate('2025-04-17'))).toBe('2025-04-17');
    expect(epochDayOf(2024, 2, 29)).toBe(parseLocalDate('2024-02-29'));
  });

  it.each(['0000-01-01', '0004-02-29', '0099-06-01', '0100-03-01'])(
    'takes a year before 100 as written, not as 19xx (%s)',
    (date) => {
      expect(formatLocalDate(parseLocalDate(date))).toBe(date);
    },
  );

  it('names the ISO weekday, Monday 1 to Sunday 7', () => {
    expect(isoWeekdayOf(parseLocalDate('1970-01-01'))).toBe(4);
    expect(isoWeekdayOf(parseLocalDate('2025-04-21'))).toBe(1);
    expect(isoWeekdayOf(parseLocalDate('2025-04-20'))).toBe(7);
    expect(isoWeekdayOf(parseLocalDate('1969-12-28'))).toBe(7);
  });

  it.each(['2025-02-29', '2025-13-01', '2025-4-17', '17/04/2025', '2025-04-17T00:00:00Z', ''])(
    'rejects %j',
    (text) => {
      expect(() => parseLocalDate(text)).toThrow(InvalidLocalDateError);
    },
  );
});

import { calendarDate, londonDate, londonDateTime } from './london-time';

describe('dates and times as GOV.UK writes them, in London time', () => {
  it.each([
    ['2025-05-06T23:00:00.000Z', '7 May 2025'], // midnight in British Summer Time
    ['2025-01-06T23:30:00.000Z', '6 January 2025'], // Greenwich Mean Time
    ['2025-03-30T00:30:00.000Z', '30 March 2025'], // the night the clocks go forward
  ])('the day of %s is %s', (instant, day) => {
    expect(londonDate(instant)).toBe(day);
  });

  it.each([
    ['2025-05-06T13:05:00.000Z', '6 May 2025 at 2:05pm'],
    ['2025-05-06T11:00:00.000Z', '6 May 2025 at midday'],
    ['2025-05-06T23:00:00.000Z', 'the end of 6 May 2025'],
    // Midnight in winter, and at the start of a year.
    ['2026-12-22T00:00:00.000Z', 'the end of 21 December 2026'],
    ['2027-01-01T00:00:00.000Z', 'the end of 31 December 2026'],
    // Past midnight by seconds (a timer that fired a moment late): the start of that day, never
    // "12:00am", which GOV.UK does not write.
    ['2025-05-06T23:00:30.000Z', 'the start of 7 May 2025'],
    ['2025-12-01T00:09:00.000Z', '1 December 2025 at 12:09am'],
    ['2025-12-01T09:30:00.000Z', '1 December 2025 at 9:30am'],
    // On the hour: no minutes.
    ['2025-12-01T08:00:00.000Z', '1 December 2025 at 8am'],
    ['2025-06-01T16:00:00.000Z', '1 June 2025 at 5pm'],
  ])('%s is written %s', (instant, written) => {
    expect(londonDateTime(instant)).toBe(written);
    expect(londonDateTime(new Date(instant))).toBe(written);
  });

  it('writes calendar dates that exist, and nothing for those that do not or for no date', () => {
    expect(calendarDate('2025-05-06')).toBe('6 May 2025');
    expect(calendarDate('2024-02-29')).toBe('29 February 2024');
    expect(calendarDate('2025-02-29')).toBe('');
    expect(calendarDate('6 May 2025')).toBe('');
    expect(calendarDate(null)).toBe('');
    expect(londonDate('not a date')).toBe('');
    expect(londonDateTime(undefined)).toBe('');
  });
});

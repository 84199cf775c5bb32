import { easterSunday } from './easter';
import { formatLocalDate } from './local-date';

describe('easterSunday', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2010, '2010-04-04'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
    [2077, '2077-04-11'],
    [2100, '2100-03-28'],
  ])('Easter %i falls on %s', (year, date) => {
    expect(formatLocalDate(easterSunday(year))).toBe(date);
  });
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { formatLocalDate, parseLocalDate } from './local-date';
import { londonDayOf, londonMidnightOf, londonYearOf } from './london-time';

describe('London time', () => {
  it('finds the London date of any instant, as luxon does', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: Date.parse('2010-01-01T00:00:00Z'),
          max: Date.parse('2100-12-31T00:00:00Z'),
        }),
        (ms) => {
          const expected = DateTime.fromMillis(ms, { zone: 'Europe/London' }).toISODate();
          expect(formatLocalDate(londonDayOf(ms))).toBe(expected);
        },
      ),
    );
  });

  it('finds the London year of any instant, as luxon does', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: Date.parse('2010-01-01T00:00:00Z'),
          max: Date.parse('2100-12-31T00:00:00Z'),
        }),
        (ms) => {
          const expected = DateTime.fromMillis(ms, { zone: 'Europe/London' }).year;
          expect(londonYearOf(new Date(ms))).toBe(expected);
        },
      ),
    );
    expect(londonYearOf(new Date('2025-12-31T23:59:59.999Z'))).toBe(2025);
    expect(londonYearOf(new Date('2026-01-01T00:00:00.000Z'))).toBe(2026);
  });

  it('finds the instant each London day begins', () => {
    expect(new Date(londonMidnightOf(parseLocalDate('2025-01-15'))).toISOString()).toBe(
      '2025-01-15T00:00:00.000Z',
    );
    expect(new Date(londonMidnightOf(parseLocalDate('2025-07-15'))).toISOString()).toBe(
      '2025-07-14T23:00:00.000Z',
    );
    // The clocks change at 01:00 UTC, after midnight: the change days begin in the old offset.
    expect(new Date(londonMidnightOf(parseLocalDate('2025-03-30'))).toISOString()).toBe(
      '2025-03-30T00:00:00.000Z',
    );
    expect(new Date(londonMidnightOf(parseLocalDate('2025-10-26'))).toISOString()).toBe(
      '2025-10-25T23:00:00.000Z',
    );
  });

  it('puts the instants either side of a London midnight on different days', () => {
    const midnight = Date.parse('2025-07-14T23:00:00Z');
    expect(formatLocalDate(londonDayOf(midnight - 1))).toBe('2025-07-14');
    expect(formatLocalDate(londonDayOf(midnight))).toBe('2025-07-15');
  });
});

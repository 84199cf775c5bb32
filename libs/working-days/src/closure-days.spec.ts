import { InvalidClosureDaysError, parseClosureDays } from './closure-days';

describe('parseClosureDays', () => {
  it('reads dates and inclusive ranges', () => {
    expect(parseClosureDays('2026-12-29..2026-12-31, 2027-06-01')).toEqual([
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-06-01',
    ]);
  });

  it('reads an empty setting as no closures', () => {
    expect(parseClosureDays('')).toEqual([]);
    expect(parseClosureDays(' , ')).toEqual([]);
  });

  it('refuses days outside the calendar’s years', () => {
    expect(() => parseClosureDays('2100-12-31..2101-01-02')).toThrow(
      /outside the working-day calendar/,
    );
    expect(() => parseClosureDays('2009-12-31')).toThrow(InvalidClosureDaysError);
  });

  it.each([
    '2026-12-31..2026-12-29',
    '2026-12-32',
    '29/12/2026',
    '2026-12-29..2026-12-30..2026-12-31',
  ])('refuses %j and names it', (entry) => {
    expect(() => parseClosureDays(`2026-01-02,${entry}`)).toThrow(InvalidClosureDaysError);
    expect(() => parseClosureDays(entry)).toThrow(JSON.stringify(entry));
  });
});

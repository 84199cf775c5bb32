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

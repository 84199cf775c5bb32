import { dateBoxes, dayIn, monthNumber, nothingIn } from './date-boxes';

describe('GOV.UK date boxes', () => {
  it.each([
    ['3', 3],
    ['03', 3],
    ['12', 12],
    ['March', 3],
    ['mar', 3],
    ['MAR.', 3],
    [' september ', 9],
    ['Sept', 9],
    ['sep', 9],
    ['may', 5],
  ])('reads the month %p as %p', (written, month) => {
    expect(monthNumber(written)).toBe(month);
  });

  it.each(['0', '13', '003', 'marc', 'ma', 'Mars', '', '3rd', 'septem'])(
    'reads %p as no month',
    (written) => expect(monthNumber(written)).toBeNull(),
  );

  const boxes = (day: string, month: string, year: string) =>
    dateBoxes(
      { 'd-day': ` ${day} `, 'd-month': month, 'd-year': year },
      { day: 'd-day', month: 'd-month', year: 'd-year' },
    );

  it('makes a day that exists from the boxes, the month by number or name, in the zone given', () => {
    expect(dayIn(boxes('3', 'march', '2026'), 'utc')?.toISODate()).toBe('2026-03-03');
    expect(dayIn(boxes('29', 'Feb', '2028'), 'utc')?.toISODate()).toBe('2028-02-29');
    expect(dayIn(boxes('1', '7', '2026'), 'Europe/London')?.toISO()).toBe(
      '2026-07-01T00:00:00.000+01:00',
    );
  });

  it('makes no day of boxes that are not one', () => {
    for (const [day, month, year] of [
      ['31', 'February', '2026'],
      ['29', 'feb', '2026'],
      ['3', 'march', '26'],
      ['', 'march', '2026'],
      ['3', '', '2026'],
      ['three', 'march', '2026'],
    ])
      expect(dayIn(boxes(day, month, year), 'utc')).toBeNull();
  });

  it('tells boxes left empty from boxes filled in', () => {
    expect(nothingIn(boxes('', '', ''))).toBe(true);
    expect(nothingIn(boxes('', 'may', ''))).toBe(false);
  });
});

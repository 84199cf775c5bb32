import { workingDaysLeftInWords } from './working-days-in-words';

describe('working days left, in words', () => {
  it('writes one in words and every other number in numerals, as GOV.UK does', () => {
    expect([1, 2, 9, 10, 14].map(workingDaysLeftInWords)).toEqual([
      'one working day left',
      '2 working days left',
      '9 working days left',
      '10 working days left',
      '14 working days left',
    ]);
  });

  it('says a clock due today or past it so, and nothing for a clock it cannot read', () => {
    expect(workingDaysLeftInWords(0)).toBe('due today');
    expect(workingDaysLeftInWords(-1)).toBe('one working day overdue');
    expect(workingDaysLeftInWords(-3)).toBe('3 working days overdue');
    expect([null, undefined, Number.NaN].map(workingDaysLeftInWords)).toEqual(['', '', '']);
  });
});

import { type BankHolidayChange } from './bank-holiday';

/**
 * Proclaimed departures from the regular rules in England and Wales since 2010. A newly proclaimed
 * holiday, or a moved one, is one more line here.
 */
// prettier-ignore
export const ENGLAND_AND_WALES_BANK_HOLIDAY_CHANGES: readonly BankHolidayChange[] = [
  { date: '2011-04-29', title: 'Royal wedding', notes: 'Extra bank holiday' },
  { date: '2012-06-04', title: 'Spring bank holiday', notes: 'Substitute day', replaces: '2012-05-28' },
  { date: '2012-06-05', title: 'Queen’s Diamond Jubilee', notes: 'Extra bank holiday' },
  { date: '2020-05-08', title: 'Early May bank holiday (VE day)', replaces: '2020-05-04' },
  { date: '2022-06-02', title: 'Spring bank holiday', replaces: '2022-05-30' },
  { date: '2022-06-03', title: 'Platinum Jubilee bank holiday' },
  { date: '2022-09-19', title: 'Bank Holiday for the State Funeral of Queen Elizabeth II' },
  { date: '2023-05-08', title: 'Bank holiday for the coronation of King Charles III' },
];

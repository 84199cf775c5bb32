import { type BankHoliday, type BankHolidayChange, SUPPORTED_YEARS } from './bank-holiday';
import { easterSunday } from './easter';
import {
  type EpochDay,
  epochDayOf,
  formatLocalDate,
  isoWeekdayOf,
  isWeekend,
  parseLocalDate,
} from './local-date';

const MONDAY = 1;

export class UnsupportedYearError extends RangeError {
  constructor(readonly year: number) {
    super(
      `${year} is outside the years the bank holiday rules cover (${SUPPORTED_YEARS.first}–${SUPPORTED_YEARS.last})`,
    );
    this.name = 'UnsupportedYearError';
  }
}

function firstMonday(year: number, month: number): EpochDay {
  const first = epochDayOf(year, month, 1);
  return first + ((MONDAY - isoWeekdayOf(first) + 7) % 7);
}

function lastMonday(year: number, month: number): EpochDay {
  const last = epochDayOf(year, month + 1, 0);
  return last - ((isoWeekdayOf(last) - MONDAY + 7) % 7);
}

interface Holiday {
  day: EpochDay;
  title: string;
  notes: string;
}

/** The holidays the Banking and Financial Dealings Act 1971 and custom give every year. */
function regularBankHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const movable: Holiday[] = [
    { day: easter - 2, title: 'Good Friday', notes: '' },
    { day: easter + 1, title: 'Easter Monday', notes: '' },
    { day: firstMonday(year, 5), title: 'Early May bank holiday', notes: '' },
    { day: lastMonday(year, 5), title: 'Spring bank holiday', notes: '' },
    { day: lastMonday(year, 8), title: 'Summer bank holiday', notes: '' },
  ];
  const fixed: Holiday[] = [
    { day: epochDayOf(year, 1, 1), title: 'New Year’s Day', notes: '' },
    { day: epochDayOf(year, 12, 25), title: 'Christmas Day', notes: '' },
    { day: epochDayOf(year, 12, 26), title: 'Boxing Day', notes: '' },
  ];
  const taken = new Set([...movable, ...fixed].filter((h) => !isWeekend(h.day)).map((h) => h.day));
  // A fixed holiday on a weekend moves to the next weekday not already a holiday, in date order:
  // so Christmas on a Sunday goes to the Tuesday, behind Boxing Day on the Monday.
  const substituted = fixed.map((holiday) => {
    if (!isWeekend(holiday.day)) return holiday;
    let day = holiday.day + 1;
    while (isWeekend(day) || taken.has(day)) day += 1;
    taken.add(day);
    return { ...holiday, day, notes: 'Substitute day' };
  });
  return [...movable, ...substituted];
}

function applyChanges(year: number, holidays: Holiday[], changes: readonly BankHolidayChange[]) {
  const result = [...holidays];
  for (const change of changes) {
    const day = parseLocalDate(change.date);
    if (epochDayOf(year, 1, 1) > day || day > epochDayOf(year, 12, 31)) continue;
    if (change.replaces !== undefined) {
      const replaced = parseLocalDate(change.replaces);
      const index = result.findIndex((h) => h.day === replaced);
      if (index < 0) {
        throw new Error(
          `The bank holiday change for ${change.date} replaces ${change.replaces}, which is not a bank holiday`,
        );
      }
      result.splice(index, 1);
    }
    if (result.some((h) => h.day === day)) {
      throw new Error(
        `The bank holiday change for ${change.date} falls on an existing bank holiday`,
      );
    }
    result.push({ day, title: change.title, notes: change.notes ?? '' });
  }
  return result;
}

/** England and Wales bank holidays of one year, in date order, as GOV.UK lists them. */
export function englandAndWalesBankHolidays(
  year: number,
  changes: readonly BankHolidayChange[],
): BankHoliday[] {
  if (!Number.isInteger(year) || year < SUPPORTED_YEARS.first || year > SUPPORTED_YEARS.last) {
    throw new UnsupportedYearError(year);
  }
  return applyChanges(year, regularBankHolidays(year), changes)
    .sort((a, b) => a.day - b.day)
    .map(({ day, title, notes }) => ({ date: formatLocalDate(day), title, notes }));
}

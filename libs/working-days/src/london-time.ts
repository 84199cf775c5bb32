import { DateTime } from 'luxon';
import {
  civilDateOf,
  type EpochDay,
  epochDayOf,
  type LocalDate,
  MS_PER_DAY,
  parseLocalDate,
  yearOf,
} from './local-date';

export const LONDON = 'Europe/London';

// Local midnights are a pure function of the tz database, so they are computed once per year
// through luxon and then read from a table: converting an instant costs an array lookup.
const midnightsByYear = new Map<number, Float64Array>();

function midnightsOf(year: number): Float64Array {
  let table = midnightsByYear.get(year);
  if (!table) {
    const first = epochDayOf(year, 1, 1);
    table = new Float64Array(epochDayOf(year + 1, 1, 1) - first);
    for (let i = 0; i < table.length; i += 1) {
      table[i] = DateTime.fromObject(civilDateOf(first + i), { zone: LONDON }).toMillis();
    }
    midnightsByYear.set(year, table);
  }
  return table;
}

/** The instant at which a calendar day begins in London. */
export function londonMidnightOf(day: EpochDay): number {
  const year = yearOf(day);
  return midnightsOf(year)[day - epochDayOf(year, 1, 1)];
}

/** The instant a calendar date (YYYY-MM-DD) begins in London. */
export function startOfLondonDay(date: LocalDate): Date {
  return new Date(londonMidnightOf(parseLocalDate(date)));
}

/** The calendar day in London that contains an instant. */
export function londonDayOf(epochMs: number): EpochDay {
  // London is never behind UTC (GMT or BST), so its date is the UTC date or the day after.
  const utcDay = Math.floor(epochMs / MS_PER_DAY);
  return epochMs >= londonMidnightOf(utcDay + 1) ? utcDay + 1 : utcDay;
}

/** The year in London at an instant: the year its references are numbered in. */
export function londonYearOf(instant: Date): number {
  return yearOf(londonDayOf(instant.getTime()));
}

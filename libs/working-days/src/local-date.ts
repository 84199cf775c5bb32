/** A calendar date with no time of day and no zone, written `YYYY-MM-DD`. */
export type LocalDate = string;

/**
 * Days since 1970-01-01. Calendar arithmetic is done on these integers through `Date.UTC`, which
 * never consults the machine's time zone.
 */
export type EpochDay = number;

export const MS_PER_DAY = 86_400_000;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidLocalDateError extends Error {
  constructor(readonly value: unknown) {
    super(`${JSON.stringify(value)} is not a calendar date written YYYY-MM-DD`);
    this.name = 'InvalidLocalDateError';
  }
}

export function epochDayOf(year: number, month: number, day: number): EpochDay {
  if (year >= 0 && year < 100) {
    // Date.UTC reads years 0 to 99 as 1900 to 1999; setUTCFullYear takes them as written.
    const date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    return date.getTime() / MS_PER_DAY;
  }
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function parseLocalDate(value: LocalDate): EpochDay {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (!match) throw new InvalidLocalDateError(value);
  const day = epochDayOf(Number(match[1]), Number(match[2]), Number(match[3]));
  // Date.UTC rolls 2025-02-30 over into March; a round trip catches dates that do not exist.
  if (formatLocalDate(day) !== value) throw new InvalidLocalDateError(value);
  return day;
}

export function formatLocalDate(day: EpochDay): LocalDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekdayOf(day: EpochDay): number {
  // 1970-01-01 was a Thursday.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(day: EpochDay): boolean {
  return isoWeekdayOf(day) >= 6;
}

export function yearOf(day: EpochDay): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function civilDateOf(day: EpochDay): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

import { DateTime, Info } from 'luxon';
import { textField } from './page-form';

/** GOV.UK's date input: the day, month and year boxes, as typed. */
export interface DateBoxes {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

const MONTHS = Info.months('long', { locale: 'en-GB' }).map((month) => month.toLowerCase());

/** The boxes named `<name>-day`, `-month` and `-year` (or as `names` says), trimmed. */
export function dateBoxes(
  form: Record<string, unknown>,
  names: { readonly day: string; readonly month: string; readonly year: string },
): DateBoxes {
  return {
    day: textField(form, names.day).trim(),
    month: textField(form, names.month).trim(),
    year: textField(form, names.year).trim(),
  };
}

export const nothingIn = (boxes: DateBoxes): boolean => !boxes.day && !boxes.month && !boxes.year;

/**
 * The month a person wrote: its number (a leading 0 allowed), or its name, whole or shortened to
 * three letters ("Sept" too), in any case, as GOV.UK's pattern asks a service to accept.
 */
export function monthNumber(text: string): number | null {
  const written = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(written)) {
    const number = Number(written);
    return number >= 1 && number <= 12 ? number : null;
  }
  if (written === 'sept') return 9;
  const named = MONTHS.findIndex((month) => month === written || month.slice(0, 3) === written);
  return named === -1 ? null : named + 1;
}

/** The boxes as a day that exists, at its start in `zone`; null when they are not one. */
export function dayIn(boxes: DateBoxes, zone: string): DateTime | null {
  const month = monthNumber(boxes.month);
  if (!/^\d{1,2}$/.test(boxes.day) || !/^\d{4}$/.test(boxes.year) || month === null) return null;
  const day = DateTime.fromObject(
    { year: Number(boxes.year), month, day: Number(boxes.day) },
    { zone },
  );
  return day.isValid ? day : null;
}

/** The boxes left empty, in the order they are shown. */
export const emptyBoxes = (boxes: DateBoxes): (keyof DateBoxes)[] =>
  (['day', 'month', 'year'] as const).filter((part) => !boxes[part]);

/**
 * The boxes to mark when they are not a real date, as GOV.UK asks (only those at fault): those left
 * empty, else a month or year that cannot be one, else the day (31 in a month of 30).
 */
export function wrongBoxes(boxes: DateBoxes): (keyof DateBoxes)[] {
  const empty = emptyBoxes(boxes);
  if (empty.length > 0) return empty;
  if (monthNumber(boxes.month) === null) return ['month'];
  if (!/^\d{4}$/.test(boxes.year)) return ['year'];
  return dayIn(boxes, 'utc') === null ? ['day'] : [];
}

/** The boxes as a form's date field passed them on, `<year>-<month>-<day>`, `missing` for each left empty. */
export function boxesIn(date: string, missing = ''): DateBoxes {
  const [year = '', month = '', day = ''] = date.split('-');
  const typed = (part: string) => (part === missing ? '' : part);
  return { day: typed(day), month: typed(month), year: typed(year) };
}

/** GOV.UK's words for a year typed short ("25" for 2025): null when the year is not that. */
export const shortYear = (boxes: DateBoxes): string | null =>
  /^\d{1,3}$/.test(boxes.year) ? 'Year must include 4 numbers' : null;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// One formatter, made once: a page writes dozens of dates, and making one each time costs more
// than the rest of the row.
const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

interface LondonTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

function inLondon(instant: string | Date): LondonTime | null {
  const time = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(time.getTime())) return null;
  const parts: Record<string, number> = {};
  for (const part of LONDON_PARTS.formatToParts(time))
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
  };
}

const written = (day: number, month: number, year: number) => `${day} ${MONTHS[month - 1]} ${year}`;

/** "6 May 2025", the GOV.UK style, on the London calendar day of the instant. */
export function londonDate(instant: string | Date | null | undefined): string {
  if (!instant) return '';
  const time = inLondon(instant);
  return time ? written(time.day, time.month, time.year) : '';
}

/**
 * "6 May 2025 at 2:05pm", "at 8am" (GOV.UK writes times in lower case, with no leading zero). Midnight, when
 * every deadline falls, is "the end of" the day before: "7 May 2025 at midnight" was read as the
 * end of 7 May, a day later than meant; within its minute, "the start of" the day.
 */
export function londonDateTime(instant: string | Date | null | undefined): string {
  if (!instant) return '';
  const time = inLondon(instant);
  if (!time) return '';
  const { hour, minute } = time;
  // Exactly: a complaint received at 00:00:40 was received on its own day, not the day before.
  if (hour === 0 && minute === 0 && new Date(instant).getTime() % 60_000 === 0) {
    const dayBefore = inLondon(new Date(new Date(instant).getTime() - 12 * 3_600_000));
    return dayBefore ? `the end of ${written(dayBefore.day, dayBefore.month, dayBefore.year)}` : '';
  }
  if (hour === 0 && minute === 0) return `the start of ${written(time.day, time.month, time.year)}`;
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  const half = hour < 12 ? 'am' : 'pm';
  // On the hour, GOV.UK writes "8am", not "8:00am"; the minute past midnight keeps its minutes.
  const clock =
    minute === 0 && hour === 12
      ? 'midday'
      : minute === 0 && hour !== 0
        ? `${twelve}${half}`
        : `${twelve}:${String(minute).padStart(2, '0')}${half}`;
  return `${written(time.day, time.month, time.year)} at ${clock}`;
}

/**
 * When something happened, given as a day or as a moment: a day (an officer logging what a school
 * told them knew the date, not the hour, so it was kept as the day's first instant) is "6 May
 * 2025", not "the end of 5 May 2025"; any other moment is as `londonDateTime` writes it.
 */
export function londonDayOrDateTime(instant: string | Date | null | undefined): string {
  if (!instant) return '';
  const time = inLondon(instant);
  if (!time) return '';
  return time.hour === 0 && time.minute === 0 && new Date(instant).getTime() % 60_000 === 0
    ? londonDate(instant)
    : londonDateTime(instant);
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date held as YYYY-MM-DD, written the GOV.UK way; nothing for a date that does not exist. */
export function calendarDate(date: string | null | undefined): string {
  const match = date ? CALENDAR_DATE.exec(date) : null;
  if (!match) return '';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const real = new Date(Date.UTC(year, month - 1, day));
  return real.getUTCFullYear() === year &&
    real.getUTCMonth() === month - 1 &&
    real.getUTCDate() === day
    ? written(day, month, year)
    : '';
}

import { DateTime } from 'luxon';

const LONDON = 'Europe/London';

const inLondon = (instant: string | Date) =>
  (typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromJSDate(instant)).setZone(
    LONDON,
  );

/** "6 May 2025", the GOV.UK style, on the London calendar day of the instant. */
export function londonDate(instant: string | Date | null | undefined): string {
  if (!instant) return '';
  const time = inLondon(instant);
  return time.isValid ? time.toFormat('d LLLL yyyy') : '';
}

/** "6 May 2025 at 2:05pm" (GOV.UK writes times in lower case, with no leading zero). */
export function londonDateTime(instant: string | Date | null | undefined): string {
  if (!instant) return '';
  const time = inLondon(instant);
  if (!time.isValid) return '';
  const clock =
    time.minute === 0 && time.hour === 12
      ? 'midday'
      : time.minute === 0 && time.hour === 0
        ? 'midnight'
        : `${time.toFormat('h:mm')}${time.hour < 12 ? 'am' : 'pm'}`;
  return `${time.toFormat('d LLLL yyyy')} at ${clock}`;
}

/** A calendar date held as YYYY-MM-DD, written the GOV.UK way. */
export function calendarDate(date: string | null | undefined): string {
  if (!date) return '';
  const day = DateTime.fromISO(date, { zone: LONDON });
  return day.isValid ? day.toFormat('d LLLL yyyy') : '';
}

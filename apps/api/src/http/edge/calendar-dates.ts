import { ValidateBy } from 'class-validator';
import { DateTime } from 'luxon';

// ISO 8601 also writes days by week (2025-W16-4) and by ordinal (2025-107); the rest of the engine
// reads calendar dates only, so those forms are refused here rather than failing further in.
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CALENDAR_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;

/** `YYYY-MM-DD`, naming a day that exists: 2025-02-28, never 2025-02-31. */
export function isCalendarDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    CALENDAR_DATE.test(value) &&
    DateTime.fromISO(value, { zone: 'utc' }).isValid
  );
}

/**
 * A calendar date, a time to the minute or finer, and the offset from UTC that makes it one moment
 * everywhere: 2025-04-17T10:00+01:00, 2025-04-17T09:00:00.000Z.
 */
export function isCalendarInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = CALENDAR_INSTANT.exec(value);
  return parts !== null && isCalendarDate(parts[1]);
}

export const IsCalendarDate = (field: string) =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: isCalendarDate,
      defaultMessage: () =>
        `${field} must be a date that exists, written YYYY-MM-DD, such as 2025-04-17`,
    },
  });

export const IsCalendarInstant = (field: string) =>
  ValidateBy({
    name: 'isCalendarInstant',
    validator: {
      validate: isCalendarInstant,
      defaultMessage: () =>
        `${field} must be a date that exists and a time with its offset from UTC, such as 2025-04-17T10:00:00+01:00`,
    },
  });

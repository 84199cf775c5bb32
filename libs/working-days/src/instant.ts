import { DateTime } from 'luxon';

/** A point in time: a `Date`, or an ISO-8601 date-time that states its offset from UTC. */
export type Instant = Date | string;

// Without an offset an ISO date-time means local time on whatever machine reads it; an instant
// must mean the same moment everywhere, so the offset (or Z) is required.
const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)$/i;

export class InvalidInstantError extends Error {
  constructor(
    readonly value: unknown,
    reason?: string,
  ) {
    super(
      `${JSON.stringify(value)} is not an ISO-8601 instant with an offset, such as 2025-04-17T10:00:00+01:00` +
        (reason ? ` (${reason})` : ''),
    );
    this.name = 'InvalidInstantError';
  }
}

const CANONICAL_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * Whether `text` has the form `Date#toISOString` writes, as most instants the engine reads do:
 * such text sorts and compares as the instants do. The form only; not that the date exists.
 */
export const hasCanonicalUtcForm = (text: string): boolean => CANONICAL_UTC.test(text);

export function parseInstant(value: string): Date {
  if (typeof value === 'string' && hasCanonicalUtcForm(value)) {
    // Date parses this form exactly, but rolls 30 February over into March: the round trip
    // tells a real instant from such a one, which the full parse below then rejects.
    const date = new Date(value);
    if (!Number.isNaN(date.getTime()) && date.toISOString() === value) return date;
  }
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) throw new InvalidInstantError(value);
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid) throw new InvalidInstantError(value, parsed.invalidExplanation ?? undefined);
  return parsed.toJSDate();
}

export function epochMsOf(instant: Instant): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new InvalidInstantError('Invalid Date');
    return ms;
  }
  return parseInstant(instant).getTime();
}

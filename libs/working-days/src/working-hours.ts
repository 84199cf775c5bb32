import { DateTime } from 'luxon';
import { civilDateOf, type EpochDay } from './local-date';
import { LONDON } from './london-time';

/** When the council's people are at work on a working day, in London time. */
export interface WorkingHours {
  /** `HH:mm`, inclusive. */
  readonly opens: string;
  /** `HH:mm`, exclusive. */
  readonly closes: string;
}

export const OFFICE_HOURS: WorkingHours = { opens: '08:00', closes: '18:00' };

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export class InvalidWorkingHoursError extends RangeError {
  constructor(hours: WorkingHours) {
    super(
      `Working hours must be two times HH:mm with opens before closes (got ${hours.opens}–${hours.closes})`,
    );
    this.name = 'InvalidWorkingHoursError';
  }
}

function minutesOf(time: string): number | null {
  const match = TIME_OF_DAY.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function checkWorkingHours(hours: WorkingHours): void {
  const opens = minutesOf(hours.opens);
  const closes = minutesOf(hours.closes);
  if (opens === null || closes === null || opens >= closes)
    throw new InvalidWorkingHoursError(hours);
}

/** Instants already worked out, by day and time: a few days' opening and closing times in use. */
const instantsOn = new Map<string, number>();
const INSTANTS_KEPT = 4096;

/**
 * The instant a London wall-clock time occurs on a day (luxon resolves the clock changes). A pure
 * function of the tz database, and costly through luxon, so each answer is kept.
 */
export function londonTimeOn(day: EpochDay, time: string): number {
  const key = `${day} ${time}`;
  let instant = instantsOn.get(key);
  if (instant === undefined) {
    const [hour, minute] = time.split(':').map(Number);
    instant = DateTime.fromObject(
      { ...civilDateOf(day), hour, minute },
      { zone: LONDON },
    ).toMillis();
    if (instantsOn.size >= INSTANTS_KEPT) instantsOn.clear();
    instantsOn.set(key, instant);
  }
  return instant;
}

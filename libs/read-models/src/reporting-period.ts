import { LONDON } from '@sg/working-days';
import { DateTime } from 'luxon';

/** A span of London calendar time: from its first midnight to the midnight after its last day. */
export interface ReportingPeriod {
  readonly name: string;
  readonly label: string;
  /** Inclusive, UTC. */
  readonly from: string;
  /** Exclusive, UTC. */
  readonly to: string;
}

export class InvalidPeriodError extends Error {
  constructor(given: string) {
    super(
      `period must be a month (2025-04), a quarter (2025-Q2), a financial year (FY2025-26, April to March) or an academic year (AY2025-26, September to August), from 2000 to 2099; got ${JSON.stringify(given)}`,
    );
    this.name = 'InvalidPeriodError';
  }
}

const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

const london = (year: number, month: number) =>
  DateTime.fromObject({ year, month, day: 1 }, { zone: LONDON });

function span(name: string, label: string, start: DateTime, months: number): ReportingPeriod {
  return {
    name,
    label,
    from: start.toUTC().toISO()!,
    to: start.plus({ months }).toUTC().toISO()!,
  };
}

/** Reads a period's name: `2025-04`, `2025-Q2` (April to June), `FY2025-26`, `AY2025-26`. */
export function parsePeriod(typed: string): ReportingPeriod {
  // Spaces around it and lower case (`fy2025-26`, `2025-q2`) are how people type, not mistakes.
  const name = typed.trim().toUpperCase();
  const year = Number(/\d{4}/.exec(name)?.[0]);
  // Reports cover the engine's years: beyond 9999 an ISO instant no longer sorts as text, and a
  // year before 2000 reads London's old local-mean-time offsets.
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new InvalidPeriodError(name);
  let match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(name);
  if (match) {
    const start = london(Number(match[1]), Number(match[2]));
    return span(name, start.toFormat('LLLL yyyy'), start, 1);
  }
  match = /^(\d{4})-Q([1-4])$/.exec(name);
  if (match) {
    const start = london(Number(match[1]), (Number(match[2]) - 1) * 3 + 1);
    return span(
      name,
      `${start.toFormat('LLLL')} to ${start.plus({ months: 2 }).toFormat('LLLL yyyy')}`,
      start,
      3,
    );
  }
  // The second year as finance writes it too: FY2025-2026, FY2025/26, FY 2025-26.
  match = /^(FY|AY) ?(\d{4})[-/](\d{2}|\d{4})$/.exec(name);
  const next = match && Number(match[2]) + 1;
  if (match && next !== null && (match[3].length === 4 ? next : next % 100) === Number(match[3])) {
    const year = Number(match[2]);
    const financial = match[1] === 'FY';
    const start = london(year, financial ? 4 : 9);
    const short = String(next % 100).padStart(2, '0');
    return span(
      `${match[1]}${year}-${short}`,
      `${financial ? 'financial' : 'academic'} year ${year}-${short}`,
      start,
      12,
    );
  }
  throw new InvalidPeriodError(name);
}

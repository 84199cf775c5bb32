import { SUPPORTED_YEARS } from './bank-holiday';
import { formatLocalDate, type LocalDate, parseLocalDate, yearOf } from './local-date';

export class InvalidClosureDaysError extends Error {
  constructor(
    readonly entry: string,
    reason = 'write a date (2026-12-29) or an inclusive range (2026-12-29..2026-12-31)',
  ) {
    super(`${JSON.stringify(entry)} is not a closure day: ${reason}`);
    this.name = 'InvalidClosureDaysError';
  }
}

/**
 * Reads council closure days from configuration: comma-separated dates and inclusive ranges, e.g.
 * `2026-12-29..2026-12-31,2027-12-29..2027-12-31`.
 */
export function parseClosureDays(spec: string): LocalDate[] {
  const days: LocalDate[] = [];
  for (const entry of spec.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [from, to = from, ...rest] = entry.split('..');
    let first: number;
    let last: number;
    try {
      first = parseLocalDate(from);
      last = parseLocalDate(to);
    } catch {
      throw new InvalidClosureDaysError(entry);
    }
    if (rest.length > 0 || last < first) throw new InvalidClosureDaysError(entry);
    if (yearOf(first) < SUPPORTED_YEARS.first || yearOf(last) > SUPPORTED_YEARS.last) {
      throw new InvalidClosureDaysError(
        entry,
        `outside the working-day calendar, which covers ${SUPPORTED_YEARS.first}–${SUPPORTED_YEARS.last}`,
      );
    }
    for (let day = first; day <= last; day += 1) days.push(formatLocalDate(day));
  }
  return days;
}

import { type LocalDate } from './local-date';

/** A bank holiday as GOV.UK publishes it: `notes` is '' or says why the day is unusual. */
export interface BankHoliday {
  readonly date: LocalDate;
  readonly title: string;
  readonly notes: string;
}

/**
 * A one-off change proclaimed for one year: an extra holiday, or a regular one moved (`replaces`
 * names the regular date it takes the place of).
 */
export interface BankHolidayChange {
  readonly date: LocalDate;
  readonly title: string;
  readonly notes?: string;
  readonly replaces?: LocalDate;
}

export const FIRST_SUPPORTED_YEAR = 2010;
export const LAST_SUPPORTED_YEAR = 2100;

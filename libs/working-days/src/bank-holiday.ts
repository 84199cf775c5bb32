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

/** The years the rules and the data are known to cover. */
export const SUPPORTED_YEARS = { first: 2010, last: 2100 } as const;

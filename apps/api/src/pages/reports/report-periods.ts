import { InvalidPeriodError, parsePeriod, type ReportingPeriod } from '@sg/read-models';
import { LONDON } from '@sg/working-days';
import { DateTime } from 'luxon';
import { queryText } from '../core/page-form';
import { type PageError } from '../core/page-renderer';

type YearKind = 'FY' | 'AY';

/** The month each kind of year starts in: financial years in April, academic in September. */
const FIRST_MONTH: Record<YearKind, number> = { FY: 4, AY: 9 };

/** The name parsePeriod reads for the year of `kind` that `offset` years from the one containing `now`. */
function yearName(kind: YearKind, now: Date, offset = 0): string {
  const today = DateTime.fromJSDate(now, { zone: LONDON });
  const start = (today.month >= FIRST_MONTH[kind] ? today.year : today.year - 1) + offset;
  return `${kind}${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** What the report shows when no period is asked for: the financial year containing today. */
export const defaultPeriod = (now: Date): ReportingPeriod => parsePeriod(yearName('FY', now));

/** The periods a committee usually reads, offered as links beside the form. */
export function suggestedPeriods(now: Date): ReportingPeriod[] {
  return [
    yearName('FY', now),
    yearName('AY', now),
    yearName('FY', now, -1),
    yearName('AY', now, -1),
  ].map(parsePeriod);
}

/** A period as a person typed it (see parsePeriod); null for what parsePeriod cannot read. */
export function typedPeriod(typed: string): ReportingPeriod | null {
  const length = typed.trim().length;
  if (length === 0 || length > 20) return null;
  try {
    return parsePeriod(typed);
  } catch (error) {
    if (error instanceof InvalidPeriodError) return null;
    throw error;
  }
}

/**
 * The period a page's query asks for: the financial year containing `now` when none is asked for;
 * null for one it cannot read, or given twice or in another shape (the page cannot tell which was
 * meant, and must say so rather than show another period). `typed` is what to show in the form.
 */
export function periodAsked(
  query: Record<string, unknown>,
  now: Date,
): { readonly typed: string; readonly period: ReportingPeriod | null } {
  const typed = queryText(query, 'period');
  if (typed === null) return { typed: '', period: null };
  return {
    typed: typed.slice(0, 100),
    period: typed.trim() === '' ? defaultPeriod(now) : typedPeriod(typed),
  };
}

/** What a report's form says of a period it cannot read. */
export const PERIOD_ERROR: PageError = {
  text: 'Enter a period like FY2025-26 (a financial year), AY2025-26 (an academic year), 2025-Q2 or 2025-04',
  href: '#period',
};

import { type BankHoliday, type BankHolidayChange, SUPPORTED_YEARS } from './bank-holiday';
import { ENGLAND_AND_WALES_BANK_HOLIDAY_CHANGES } from './england-and-wales-bank-holiday-changes';
import { englandAndWalesBankHolidays } from './england-and-wales-bank-holidays';
import { epochMsOf, type Instant } from './instant';
import {
  type EpochDay,
  epochDayOf,
  formatLocalDate,
  isWeekend,
  MS_PER_DAY,
  type LocalDate,
  parseLocalDate,
} from './local-date';
import { londonDayOf, londonMidnightOf } from './london-time';
import { checkWorkingHours, londonTimeOn, OFFICE_HOURS, type WorkingHours } from './working-hours';

export interface WorkingDayCalendarOptions {
  /** Days the council is closed on top of weekends and bank holidays. */
  readonly closures?: Iterable<LocalDate>;
  /** Proclaimed one-off changes; defaults to those of England and Wales since 2010. */
  readonly bankHolidayChanges?: readonly BankHolidayChange[];
}

/** When a target of working days falls due: the last working day, and the instant it ends. */
export interface DueDate {
  readonly dueDate: LocalDate;
  readonly deadline: Date;
}

export class OutsideCalendarError extends RangeError {
  constructor(what: string) {
    super(
      `${what} is outside the working-day calendar, which covers ${SUPPORTED_YEARS.first}-01-01 to ${SUPPORTED_YEARS.last}-12-31`,
    );
    this.name = 'OutsideCalendarError';
  }
}

export class InvalidWorkingDaysError extends RangeError {
  constructor(readonly value: unknown) {
    super(`workingDays must be a whole number of days, 0 or more (got ${String(value)})`);
    this.name = 'InvalidWorkingDaysError';
  }
}

/**
 * Working days in England and Wales, counted in Europe/London: Monday to Friday, less bank
 * holidays and council closure days. Every day from 2010 to 2100 is classified once, up front, so
 * that each question is answered by looking up a table rather than walking the calendar.
 */
export class WorkingDayCalendar {
  private readonly firstDay = epochDayOf(SUPPORTED_YEARS.first, 1, 1);
  private readonly dayCount = epochDayOf(SUPPORTED_YEARS.last + 1, 1, 1) - this.firstDay;
  private readonly holidaysByYear = new Map<number, readonly BankHoliday[]>();
  private readonly closed: Uint8Array;
  /** `workingBefore[i]`: how many working days lie before day `firstDay + i`. */
  private readonly workingBefore: Int32Array;
  /** `workingDay[k]`: the offset from `firstDay` of the (k+1)th working day. */
  private readonly workingDay: Int32Array;

  constructor(options: WorkingDayCalendarOptions = {}) {
    const changes = options.bankHolidayChanges ?? ENGLAND_AND_WALES_BANK_HOLIDAY_CHANGES;
    this.closed = new Uint8Array(this.dayCount);
    for (let year = SUPPORTED_YEARS.first; year <= SUPPORTED_YEARS.last; year += 1) {
      const holidays = englandAndWalesBankHolidays(year, changes);
      this.holidaysByYear.set(year, holidays);
      for (const holiday of holidays) this.closed[parseLocalDate(holiday.date) - this.firstDay] = 1;
    }
    for (const date of options.closures ?? []) {
      this.closed[this.offsetOf(parseLocalDate(date), () => date)] = 1;
    }
    this.workingBefore = new Int32Array(this.dayCount + 1);
    const workingDays: number[] = [];
    for (let i = 0; i < this.dayCount; i += 1) {
      const working = !this.closed[i] && !isWeekend(this.firstDay + i);
      if (working) workingDays.push(i);
      this.workingBefore[i + 1] = this.workingBefore[i] + (working ? 1 : 0);
    }
    this.workingDay = Int32Array.from(workingDays);
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingOffset(this.offsetOf(parseLocalDate(date), () => date));
  }

  /** The England and Wales bank holidays of a year, in date order. */
  bankHolidays(year: number): readonly BankHoliday[] {
    const holidays = this.holidaysByYear.get(year);
    if (!holidays) throw new OutsideCalendarError(`The year ${year}`);
    return holidays;
  }

  /** The first working day after `date`. */
  nextWorkingDay(date: LocalDate): LocalDate {
    const offset = this.offsetOf(parseLocalDate(date), () => date);
    return formatLocalDate(this.firstDay + this.nthWorkingDayAfter(offset, 1, date));
  }

  /**
   * The clock starts on `start`'s day in London, whatever the hour: that day is day 0, day 1 is
   * the next working day. The target is due at the end of working day `workingDays`; the deadline
   * is midnight in London at the start of the following calendar day.
   */
  addWorkingDays(start: Instant, workingDays: number): DueDate {
    if (!Number.isSafeInteger(workingDays) || workingDays < 0) {
      throw new InvalidWorkingDaysError(workingDays);
    }
    const offset = this.offsetOfInstant(epochMsOf(start));
    const due =
      this.firstDay +
      this.nthWorkingDayAfter(offset, workingDays, formatLocalDate(this.firstDay + offset));
    return { dueDate: formatLocalDate(due), deadline: new Date(londonMidnightOf(due + 1)) };
  }

  /**
   * How many whole working days have passed between two instants: the working days after `from`'s
   * day in London that have ended by `to`. Negative when `to` is before `from`. It is the inverse
   * of {@link addWorkingDays}: from a start to its deadline are exactly the target's working days.
   */
  workingDaysBetween(from: Instant, to: Instant): number {
    const fromMs = epochMsOf(from);
    const toMs = epochMsOf(to);
    if (toMs < fromMs) return -this.workingDaysBetween(to, from) || 0;
    const fromOffset = this.offsetOfInstant(fromMs);
    // `to` may be the midnight that ends the calendar's last day, as a deadline can be.
    const toOffset = this.offsetOfInstant(toMs, 1);
    return Math.max(0, this.workingBefore[toOffset] - this.workingBefore[fromOffset + 1]);
  }

  /**
   * Which working day after `from`'s day `to` falls in, as people count "done on day 3": the
   * working days after `from`'s day in London up to `to`'s day, that day included (0 on `from`'s
   * own day; a weekend or holiday counts as the working day before it). What
   * {@link workingDaysBetween} gives at the end of `to`'s day.
   */
  workingDayNumberOf(from: Instant, to: Instant): number {
    return this.workingDaysBetween(
      from,
      new Date(londonMidnightOf(londonDayOf(epochMsOf(to)) + 1)),
    );
  }

  /**
   * The first moment at or after `at` when people are at work: `at` itself during working hours
   * on a working day, otherwise the opening time of the next working day (the same day, before it
   * opens). Messages for people wait for it, so nobody is told at midnight or at a weekend.
   */
  nextWorkingMoment(at: Instant, hours: WorkingHours = OFFICE_HOURS): Date {
    checkWorkingHours(hours);
    const ms = epochMsOf(at);
    const offset = this.offsetOfInstant(ms);
    if (this.isWorkingOffset(offset)) {
      const day = this.firstDay + offset;
      const opens = londonTimeOn(day, hours.opens);
      if (ms < opens) return new Date(opens);
      if (ms < londonTimeOn(day, hours.closes)) return new Date(ms);
    }
    const next = this.nthWorkingDayAfter(offset, 1, new Date(ms).toISOString());
    return new Date(londonTimeOn(this.firstDay + next, hours.opens));
  }

  private isWorkingOffset(offset: number): boolean {
    return this.workingBefore[offset + 1] > this.workingBefore[offset];
  }

  /** The offset of the nth working day after the day at `offset` (n = 0: that day itself). */
  private nthWorkingDayAfter(offset: number, n: number, what: string): number {
    if (n === 0) return offset;
    const index = this.workingBefore[offset + 1] + n - 1;
    if (index >= this.workingDay.length) {
      throw new OutsideCalendarError(`${n} working days after ${what}`);
    }
    return this.workingDay[index];
  }

  /** `what` names the day for the error, made only when there is one (it is not cheap). */
  private offsetOf(day: EpochDay, what: () => string, daysPastEnd = 0): number {
    const offset = day - this.firstDay;
    if (offset < 0 || offset >= this.dayCount + daysPastEnd) throw new OutsideCalendarError(what());
    return offset;
  }

  /** Checked against the range before any London table is built for the instant's year. */
  private offsetOfInstant(ms: number, daysPastEnd = 0): number {
    const approximateDay = Math.floor(ms / MS_PER_DAY);
    const what = () => new Date(ms).toISOString();
    this.offsetOf(approximateDay, what, daysPastEnd + 1);
    return this.offsetOf(londonDayOf(ms), what, daysPastEnd);
  }
}

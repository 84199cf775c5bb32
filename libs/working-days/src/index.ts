export { type BankHoliday, type BankHolidayChange, SUPPORTED_YEARS } from './bank-holiday';
export { InvalidClosureDaysError, parseClosureDays } from './closure-days';
export { ENGLAND_AND_WALES_BANK_HOLIDAY_CHANGES } from './england-and-wales-bank-holiday-changes';
export { UnsupportedYearError } from './england-and-wales-bank-holidays';
export { hasCanonicalUtcForm, InvalidInstantError, type Instant, parseInstant } from './instant';
export { InvalidLocalDateError, type LocalDate } from './local-date';
export { LONDON, londonYearOf, startOfLondonDay } from './london-time';
export { naiveDueDate } from './naive-due-date';
export {
  type DueDate,
  InvalidWorkingDaysError,
  OutsideCalendarError,
  WorkingDayCalendar,
  type WorkingDayCalendarOptions,
} from './working-day-calendar';
export { InvalidWorkingHoursError, OFFICE_HOURS, type WorkingHours } from './working-hours';

import { CONTACT_METHODS } from '@sg/complaints';
import { LONDON } from '@sg/working-days';
import { boxesIn, dateBoxes, dayIn, nothingIn, shortYear, wrongBoxes } from '../../core/date-boxes';
import { type FormMessages, textField } from '../../core/page-form';

type Form = Record<string, unknown>;

/** Each way of getting in touch, as the forms' radios say it. */
export const CONTACT_METHOD_NAMES: Record<(typeof CONTACT_METHODS)[number], string> = {
  phone: 'Phone',
  email: 'Email',
  visit: 'Visit to the school',
  meeting: 'Meeting',
  'video-call': 'Video call',
  letter: 'Letter',
};

/** The ways of getting in touch as radio items: how the service contacted the school, how it agreed. */
export const contactMethods = () =>
  CONTACT_METHODS.map((method) => ({ value: method, text: CONTACT_METHOD_NAMES[method] }));

const TIME = /^(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?$/i;

/** "2:30pm", "14:30", "9am" as hours and minutes on the 24-hour clock; null when it is none of these. */
function timeOfDay(text: string): { hour: number; minute: number } | null {
  const parts = TIME.exec(text.trim());
  if (!parts) return null;
  const hour = Number(parts[1]);
  const minute = parts[2] === undefined ? 0 : Number(parts[2]);
  const half = parts[3]?.charAt(0).toLowerCase();
  if (minute > 59) return null;
  if (half === undefined) return hour <= 23 ? { hour, minute } : null;
  if (hour < 1 || hour > 12) return null;
  return { hour: (hour % 12) + (half === 'p' ? 12 : 0), minute };
}

/**
 * A date (day, month and year fields, GOV.UK style) and a time of day, read on the London clock,
 * as the instant with its offset that the API's DTO takes. Nothing given is '' (the DTO asks for
 * it); what is not a real date and time goes as written, without an offset, so the DTO refuses it
 * and names the field.
 */
export function londonInstant(form: Form, prefix: string): string {
  const boxes = dateBoxes(form, {
    day: `${prefix}Day`,
    month: `${prefix}Month`,
    year: `${prefix}Year`,
  });
  const time = textField(form, `${prefix}Time`).trim();
  if (nothingIn(boxes) && !time) return '';
  const clock = timeOfDay(time);
  const day = dayIn(boxes, LONDON);
  const instant = clock && day ? day.set(clock) : null;
  return instant?.isValid
    ? instant.toISO({ suppressMilliseconds: true })!
    : `${boxes.year}-${boxes.month}-${boxes.day}T${time}`;
}

/**
 * As `londonInstant`, but a date given without a time is the start of that day: an officer may
 * know the day the school told them and not the hour.
 */
export function londonInstantOrDay(form: Form, prefix: string): string {
  const timeField = `${prefix}Time`;
  const dated = !nothingIn(
    dateBoxes(form, { day: `${prefix}Day`, month: `${prefix}Month`, year: `${prefix}Year` }),
  );
  return dated && !textField(form, timeField).trim()
    ? londonInstant({ ...form, [timeField]: '0:00' }, prefix)
    : londonInstant(form, prefix);
}

/**
 * How the school agreed, as the body's `consent`, when the form asked (council staff acting for
 * the school see the fields; the school's own agreement is its consent, so its form has none).
 * Blank fields still make a consent, so the DTO names each one that is missing.
 */
export function consentOf(form: Form): { consent?: object } {
  if (!('consentGivenBy' in form)) return {};
  return {
    consent: {
      givenBy: textField(form, 'consentGivenBy'),
      givenAt: londonInstant(form, 'consentGivenAt'),
      method: textField(form, 'consentMethod'),
    },
  };
}

/**
 * Which part of a date and time the person got wrong, from what `londonInstant` passed on for the
 * DTO to refuse (`<year>-<month>-<day>T<time>` as typed): the date, the time, or both; null when
 * it cannot tell (the moment was real, and refused for another reason).
 */
function wrongPartOf(given: unknown): 'date' | 'time' | 'both' | null {
  const boxes = wrongBoxesOf(given);
  if (boxes === null) return null;
  const timeWrong = boxes.includes('time');
  const dateWrong = boxes.length > (timeWrong ? 1 : 0);
  return dateWrong && timeWrong ? 'both' : dateWrong ? 'date' : 'time';
}

/** Whether what `londonInstant` passed on has no time at all. */
const timeLeftOut = (given: unknown): boolean =>
  typeof given === 'string' && (given.split('T')[1] ?? '').trim() === '';

/** The boxes at fault in what `londonInstant` passed on: the day, month or year, and the time. */
function wrongBoxesOf(given: unknown): string[] | null {
  if (typeof given !== 'string') return null;
  const [date, time = ''] = given.split('T');
  const boxes = boxesIn(date);
  const dateWrong = dayIn(boxes, LONDON) === null;
  const wrong = [...(dateWrong ? wrongBoxes(boxes) : []), ...(timeOfDay(time) ? [] : ['time'])];
  return wrong.length > 0 ? wrong : null;
}

/**
 * The messages of a date-and-time field, saying which part is wrong when only one is: `what` names
 * the field in its messages ("Date and time of contact", then "Date of contact" or "Time of
 * contact" alone).
 */
export function dateAndTimeMessages(
  empty: string,
  what: { readonly both: string; readonly date: string; readonly time: string },
) {
  const both = `${what.both} must be a real date, such as 27 3 2025, and a time, such as 2:30pm`;
  return {
    empty,
    invalid: both,
    wrongParts: wrongBoxesOf,
    invalidAs: (given: unknown) => {
      const wrong = wrongPartOf(given);
      const year = typeof given === 'string' ? shortYear(boxesIn(given.split('T')[0])) : null;
      if (wrong === 'date') return year ?? `${what.date} must be a real date, such as 27 3 2025`;
      // GOV.UK's pattern: a part left out is asked for, not called wrong.
      if (wrong === 'time' && timeLeftOut(given)) {
        const named = `${what.time.charAt(0).toLowerCase()}${what.time.slice(1)}`;
        return `Enter ${named.startsWith('the ') ? '' : 'the '}${named}, such as 2:30pm`;
      }
      if (wrong === 'time') return `${what.time} must be a time, such as 2:30pm or 14:30`;
      return both;
    },
  };
}

/** What the consent fields say when an answer is missing or wrong. */
export const CONSENT_MESSAGES: FormMessages<object> = {
  'consent.givenBy': { empty: 'Enter who at the school agreed' },
  'consent.givenAt': dateAndTimeMessages('Enter the date and time the school agreed', {
    both: 'Date and time the school agreed',
    date: 'Date the school agreed',
    time: 'Time the school agreed',
  }),
  'consent.method': { empty: 'Select how the school agreed' },
};

/** The radios the consent fields list. */
export const consentLookups = () => Promise.resolve({ methods: contactMethods() });

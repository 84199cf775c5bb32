const NUMBER_WORDS = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
];

/** GOV.UK writes one to nine in words and 10 and above in numerals. */
const count = (n: number) => (n < 10 ? NUMBER_WORDS[n] : String(n));

const days = (n: number) => `${count(n)} working ${n === 1 ? 'day' : 'days'}`;

/**
 * How long a clock has left, as a reader wants it: "3 working days left", "Due today",
 * "1 working day overdue". `remaining` is the clock's whole working days left before its due date
 * ends (0 on the due date itself); negative once it is past.
 */
export function workingDaysLeftInWords(remaining: number | null | undefined): string {
  if (remaining === null || remaining === undefined || !Number.isFinite(remaining)) return '';
  if (remaining === 0) return 'Due today';
  if (remaining > 0) return `${days(remaining)} left`;
  return `${days(-remaining)} overdue`;
}

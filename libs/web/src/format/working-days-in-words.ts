/**
 * GOV.UK's style: "one" in words, every other number in numerals (2 to 9 included), so a list of
 * clocks reads "one working day left", "2 working days left", "10 working days left" alike.
 */
const count = (n: number) => (n === 1 ? 'one' : String(n));

const days = (n: number) => `${count(n)} working ${n === 1 ? 'day' : 'days'}`;

/**
 * How long a clock has left, as a reader wants it, in the middle of a sentence: "3 working days
 * left", "due today", "one working day overdue" (a page capitalises it where it starts a line).
 * `remaining` is the clock's whole working days left before its due date ends (0 on the due date
 * itself); negative once it is past.
 */
export function workingDaysLeftInWords(remaining: number | null | undefined): string {
  if (remaining === null || remaining === undefined || !Number.isFinite(remaining)) return '';
  if (remaining === 0) return 'due today';
  if (remaining > 0) return `${days(remaining)} left`;
  return `${days(-remaining)} overdue`;
}

/** An amount of money in whole pence (GBP). Never a float. */
export type Pence = number;

export function isPence(value: unknown): value is Pence {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * A percentage (to two decimal places, as a policy gives it) of an amount, rounded down to the
 * penny so a suggestion never exceeds the rule. Worked in whole hundredths of a percent: in
 * floating point 33.3 % of £1,000.00 came to £332.99.
 */
export function percentOf(amount: Pence, percent: number): Pence {
  return Math.floor((amount * Math.round(percent * 100)) / 10_000);
}

export function formatPounds(amount: Pence): string {
  const pounds = Math.floor(amount / 100);
  const pence = String(amount % 100).padStart(2, '0');
  return `£${pounds.toLocaleString('en-GB')}.${pence}`;
}

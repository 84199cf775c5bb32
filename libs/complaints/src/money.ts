/** An amount of money in whole pence (GBP). Never a float. */
export type Pence = number;

export function isPence(value: unknown): value is Pence {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A percentage of an amount, rounded down to the penny so a suggestion never exceeds the rule. */
export function percentOf(amount: Pence, percent: number): Pence {
  return Math.floor((amount * percent) / 100);
}

export function formatPounds(amount: Pence): string {
  const pounds = Math.floor(amount / 100);
  const pence = String(amount % 100).padStart(2, '0');
  return `£${pounds.toLocaleString('en-GB')}.${pence}`;
}

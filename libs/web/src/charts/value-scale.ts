/** The values a bar's length is measured against: zero to max, with gridlines at the ticks. */
export interface ValueScale {
  readonly max: number;
  readonly ticks: readonly number[];
}

export interface ValueScaleOptions {
  /** The least the scale reaches, such as 1 for a share (100%), whatever the data. */
  readonly atLeast?: number;
  /** Counts and pence: no tick between two whole numbers. */
  readonly wholeNumbers?: boolean;
  /** At most this many steps between ticks (5 unless told), fewer when the labels are wide. */
  readonly maxSteps?: number;
}

// Printed as 0.30000000000000004 a tick would read badly; twelve digits lose nothing real.
const tidy = (value: number) => Number(value.toPrecision(12));

/**
 * A scale from zero to a round number at or above the largest value, with ticks every 1, 2 or 5
 * times a power of ten, as many as allowed. With nothing to show (all zeros) it has the single tick 0, so no
 * invented figure appears on the axis.
 */
export function valueScale(largest: number, options: ValueScaleOptions = {}): ValueScale {
  if (!Number.isFinite(largest) || largest < 0) {
    throw new RangeError(`a scale needs a largest value of zero or more; got ${largest}`);
  }
  const top = Math.max(largest, options.atLeast ?? 0);
  if (top === 0) return { max: 1, ticks: [0] };
  const maxSteps = options.maxSteps ?? 5;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    throw new RangeError(`a scale has at least one step; got ${maxSteps}`);
  }
  const rough = top / maxSteps;
  const power = 10 ** Math.floor(Math.log10(rough));
  const multiple = [1, 2, 5, 10].find((candidate) => candidate * power >= rough)!;
  const step = Math.max(options.wholeNumbers ? 1 : 0, tidy(multiple * power));
  const count = Math.ceil(tidy(top / step));
  const ticks = Array.from({ length: count + 1 }, (_, index) => tidy(index * step));
  return { max: ticks[count], ticks };
}

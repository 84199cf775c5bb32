import { valueScale } from './value-scale';

describe('the scale a chart’s bars are measured against', () => {
  it('runs from zero to a round number at or above the largest value', () => {
    expect(valueScale(23)).toEqual({ max: 25, ticks: [0, 5, 10, 15, 20, 25] });
    expect(valueScale(100)).toEqual({ max: 100, ticks: [0, 20, 40, 60, 80, 100] });
    expect(valueScale(123_450)).toEqual({ max: 150_000, ticks: [0, 50_000, 100_000, 150_000] });
  });

  it('has one tick, at zero, when every value is zero', () => {
    expect(valueScale(0)).toEqual({ max: 1, ticks: [0] });
  });

  it('never puts a tick between whole numbers when the values are counts', () => {
    expect(valueScale(3, { wholeNumbers: true })).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(valueScale(1, { wholeNumbers: true })).toEqual({ max: 1, ticks: [0, 1] });
    expect(valueScale(2, { wholeNumbers: true })).toEqual({ max: 2, ticks: [0, 1, 2] });
    expect(valueScale(2)).toEqual({ max: 2, ticks: [0, 0.5, 1, 1.5, 2] });
  });

  it('reaches a fixed top, such as 100% for a share, however small the values', () => {
    expect(valueScale(0.3, { atLeast: 1 })).toEqual({ max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(valueScale(0, { atLeast: 1 })).toEqual({ max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
  });

  it('writes fractional ticks without floating-point noise', () => {
    // 3 × 0.1 is 0.30000000000000004 in floating point.
    expect(valueScale(0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('takes fewer, longer steps when told, as when wide labels would collide', () => {
    expect(valueScale(10_000, { maxSteps: 3 })).toEqual({ max: 10_000, ticks: [0, 5_000, 10_000] });
    expect(valueScale(10_000, { maxSteps: 1 })).toEqual({ max: 10_000, ticks: [0, 10_000] });
    expect(() => valueScale(1, { maxSteps: 0 })).toThrow(RangeError);
  });

  it('refuses a negative or non-finite largest value', () => {
    expect(() => valueScale(-1)).toThrow(RangeError);
    expect(() => valueScale(Number.NaN)).toThrow(RangeError);
  });
});

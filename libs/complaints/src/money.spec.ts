import { percentOf } from './money';

describe('percentOf', () => {
  it.each([
    [100_000, 33.3, 33_300],
    [100_000, 33.33, 33_330],
    [100_000, 10, 10_000],
    [99_999, 25, 24_999],
    [1, 50, 0],
    [123_456_789, 100, 123_456_789],
    [123_456_789, 0.01, 12_345],
  ])('%i pence at %d%% is %i pence, rounded down to the penny', (amount, percent, expected) => {
    expect(percentOf(amount, percent)).toBe(expected);
  });
});

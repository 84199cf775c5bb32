import { formatPounds } from './money';

describe('pence written as pounds', () => {
  it.each([
    [0, '£0.00'],
    [5, '£0.05'],
    [99, '£0.99'],
    [100, '£1.00'],
    [123_450, '£1,234.50'],
    [100_000_000, '£1,000,000.00'],
  ])('%i pence is %s', (pence, pounds) => {
    expect(formatPounds(pence)).toBe(pounds);
  });
});

/**
 * Whole pence as a plain decimal ("1234.50") that a spreadsheet sums; no "£" or separators, which
 * would make it text. Worked in integers so no float rounding can move a penny.
 */
export const poundsOf = (pence: number): string =>
  `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;

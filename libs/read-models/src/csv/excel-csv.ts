/** One cell of a spreadsheet row: text, a number we computed, or nothing. */
export type CsvCell = string | number | null;

/**
 * Excel reads a file as UTF-8 only when it starts with a byte order mark; without one a "£" in a
 * heading arrives as "Â£".
 */
const BYTE_ORDER_MARK = '\uFEFF';

// A spreadsheet treats a cell beginning with one of these as a formula (OWASP, CSV injection);
// their full-width and small forms too (＝, ﹦), which a spreadsheet may read as them, and so are
// compared as NFKC makes them; and the minus sign, which NFKC leaves as it is.
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\u2212']);

const beginsAFormula = (text: string): boolean =>
  text !== '' && FORMULA_TRIGGERS.has([...text][0].normalize('NFKC').charAt(0));

function textCell(text: string): string {
  // A leading apostrophe makes Excel and LibreOffice show the text as typed rather than run it.
  const inert = beginsAFormula(text) ? `'${text}` : text;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

function numberCell(value: number): string {
  // A number's own digits cannot form a formula, and prefixing a negative one would turn it into
  // text, so numbers are written as they are. NaN or Infinity would be a bug upstream: refuse it.
  if (!Number.isFinite(value)) throw new RangeError(`a CSV cell cannot hold ${value}`);
  return String(value);
}

/**
 * Rows as CSV that Excel opens correctly: UTF-8 with a byte order mark, RFC 4180 quoting, CRLF
 * after every record, and any text that a spreadsheet would run as a formula made inert.
 */
export function excelCsv(rows: readonly (readonly CsvCell[])[]): string {
  const records = rows.map((row) =>
    row
      .map((cell) =>
        cell === null ? '' : typeof cell === 'number' ? numberCell(cell) : textCell(cell),
      )
      .join(','),
  );
  return BYTE_ORDER_MARK + records.map((record) => `${record}\r\n`).join('');
}

import { parse } from 'csv-parse/sync';

export interface CsvRow {
  /** The line in the file where the row starts (the header is line 1). */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface RowProblem {
  readonly line: number;
  readonly problem: string;
}

export class ImportRefused extends Error {
  constructor(
    readonly what: string,
    readonly problems: readonly RowProblem[],
  ) {
    super(
      `Nothing was imported: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the ${what}:\n` +
        problems.map((p) => `  line ${p.line}: ${p.problem}`).join('\n'),
    );
    this.name = 'ImportRefused';
  }
}

export interface CsvRows {
  readonly rows: readonly CsvRow[];
  /** Records that could not be read as CSV (a stray quote, too many columns), each by its line. */
  readonly problems: readonly RowProblem[];
}

/**
 * What separates the columns: a tab where the header holds more tabs than commas (Excel's
 * "Unicode Text" and "Text (Tab delimited)" save files so), otherwise a comma.
 */
function delimiterOf(text: string): ',' | '\t' {
  const header = text.replace(/^\ufeff/, '').split('\n', 1)[0];
  const count = (mark: string) => header.split(mark).length - 1;
  return count('\t') > count(',') ? '\t' : ',';
}

/**
 * Reads a CSV (or a tab-separated file) with a header row; columns the caller does not ask for
 * are simply ignored. A record that is not well-formed is set aside with its problem and reading
 * goes on, so a refusal lists every problem in the file at once rather than one per attempt.
 */
export function readCsv(text: string, what: string, required: readonly string[]): CsvRows {
  type Parsed = { record: Record<string, string>; raw: string; info: { lines: number } };
  const problems: RowProblem[] = [];
  let records: Parsed[];
  // csv-parse counts a CRLF inside a quoted value as two lines; one kind of line end keeps counts true.
  const oneLineEnd = text.replace(/\r\n?/g, '\n');
  try {
    records = parse<Parsed>(oneLineEnd, {
      delimiter: delimiterOf(oneLineEnd),
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      raw: true,
      skip_records_with_error: true,
      on_skip: (error, raw) => {
        if (error) problems.push(malformed(error, raw));
      },
    });
  } catch (error) {
    throw new ImportRefused(what, [
      { line: (error as { lines?: number }).lines ?? 1, problem: (error as Error).message },
    ]);
  }
  const header = Object.keys(records[0]?.record ?? {});
  const missing = required.filter((column) => records.length > 0 && !header.includes(column));
  if (records.length === 0 && problems.length === 0)
    throw new ImportRefused(what, [{ line: 1, problem: 'the file has no rows' }]);
  if (missing.length > 0)
    throw new ImportRefused(what, [
      { line: 1, problem: `missing column(s): ${missing.join(', ')}` },
    ]);
  return {
    rows: records.map(({ record, raw, info }) => ({
      line: info.lines - linesWithin(raw),
      values: record,
    })),
    problems,
  };
}

/** A record csv-parse could not read, by the line it starts on (it counts to where it gave up). */
function malformed(error: Error & { code?: string; lines?: number }, raw: string | undefined) {
  const end = error.lines ?? 1;
  const line = raw === undefined ? end : end - linesWithin(raw);
  return {
    line,
    problem:
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted value is never closed: the rest of the file was read as part of it'
        : error.message,
  };
}

/** Problems in the order of the file, each record's together. */
export const byLine = (problems: readonly RowProblem[]): RowProblem[] =>
  [...problems].sort((a, b) => a.line - b.line);

/** csv-parse counts lines to a record's end; a quoted value may hold line breaks of its own. */
function linesWithin(raw: string): number {
  const record = raw.replace(/^(?:[ \t]*\n)+/, '').replace(/\n$/, '');
  return record.split('\n').length - 1;
}

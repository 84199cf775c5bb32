import { excelCsv } from './excel-csv';

const BOM = '\uFEFF';

describe('CSV that Excel opens as it is', () => {
  it('starts with a byte order mark so Excel reads it as UTF-8, and ends every record with CRLF', () => {
    const csv = excelCsv([
      ['service', 'reimbursed (£)'],
      ['music-service', '1200.00'],
    ]);
    expect(csv).toBe(`${BOM}service,reimbursed (£)\r\nmusic-service,1200.00\r\n`);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes nothing but the mark for no rows, and an empty cell for null', () => {
    expect(excelCsv([])).toBe(BOM);
    expect(excelCsv([['a', null, 'c']])).toBe(`${BOM}a,,c\r\n`);
  });

  it('quotes a cell holding a comma, a double quote or a line break, doubling its quotes (RFC 4180)', () => {
    expect(excelCsv([['Smith, Jones', 'the "best" service', 'two\nlines', 'cr\rhere']])).toBe(
      `${BOM}"Smith, Jones","the ""best"" service","two\nlines","cr\rhere"\r\n`,
    );
  });

  it.each([
    [
      '=HYPERLINK("http://evil.example","click")',
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    ],
    ['+1+cmd|" /C calc"!A0', `"'+1+cmd|"" /C calc""!A0"`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `"'\r=1+1"`],
    ['＝HYPERLINK("http://evil.example")', `"'＝HYPERLINK(""http://evil.example"")"`],
    ['＋1', `'＋1`],
    ['－1', `'－1`],
    ['＠SUM(A1)', `'＠SUM(A1)`],
    ['﹦1+1', `'﹦1+1`],
    ['﹢1', `'﹢1`],
    ['﹣1', `'﹣1`],
    ['﹫SUM(A1)', `'﹫SUM(A1)`],
    ['\u22121', `'\u22121`],
  ])('makes text a spreadsheet would run as a formula inert: %j', (text, cell) => {
    expect(excelCsv([[text]])).toBe(`${BOM}${cell}\r\n`);
  });

  it('leaves text alone when the trigger is not its first character', () => {
    expect(excelCsv([['a=b', 'x-y', "'quoted"]])).toBe(`${BOM}a=b,x-y,'quoted\r\n`);
  });

  it('writes numbers as numbers, a negative one included, so a spreadsheet can still sum them', () => {
    expect(excelCsv([[0, 42, 12.5, -3]])).toBe(`${BOM}0,42,12.5,-3\r\n`);
  });

  it('refuses a number that is not finite rather than write NaN into a report', () => {
    expect(() => excelCsv([[Number.NaN]])).toThrow(RangeError);
    expect(() => excelCsv([[Number.POSITIVE_INFINITY]])).toThrow(RangeError);
  });
});

import { readCsv } from './csv-rows';

describe('readCsv', () => {
  const lines = (text: string) =>
    readCsv(text, 'file', ['a']).rows.map((row) => [row.line, row.values.a]);

  it.each([
    ['LF', 'a,b\n  \n1,2\n\n"x\ny",3\n4,5\n'],
    ['CRLF', 'a,b\r\n  \r\n1,2\r\n\r\n"x\r\ny",3\r\n4,5\r\n'],
  ])(
    'numbers each row by the line it starts on, after blank lines and values over two lines (%s)',
    (_, text) => {
      expect(lines(text)).toEqual([
        [3, '1'],
        [5, 'x\ny'],
        [7, '4'],
      ]);
    },
  );

  it('numbers the first row 2 after a byte-order mark and without a final line end', () => {
    expect(lines('\ufeffa,b\r\n1,2')).toEqual([[2, '1']]);
  });

  it('reads on past records that are not well-formed, naming each by the line it starts on', () => {
    const read = readCsv('a,b\n1,2\nx"y,3\n4,5,6\n7,8\n"never closed,9\n10,11\n', 'file', ['a']);
    expect(read.rows.map((row) => [row.line, row.values.a])).toEqual([
      [2, '1'],
      [5, '7'],
    ]);
    expect(read.problems).toEqual([
      { line: 3, problem: expect.stringMatching(/^Invalid Opening Quote/) },
      { line: 4, problem: expect.stringMatching(/^Invalid Record Length/) },
      {
        line: 6,
        problem: 'a quoted value is never closed: the rest of the file was read as part of it',
      },
    ]);
  });

  it('reads a tab-separated file, as Excel saves "Unicode Text", and a comma inside a value', () => {
    const read = readCsv('a\tb\r\n1, 2\tx\r\n3\t"y\tz"\r\n', 'file', ['a', 'b']);
    expect(read.rows.map((row) => row.values)).toEqual([
      { a: '1, 2', b: 'x' },
      { a: '3', b: 'y\tz' },
    ]);
    expect(read.problems).toEqual([]);
  });
});

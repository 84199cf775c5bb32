import { readCsv } from './csv-rows';

describe('readCsv', () => {
  const lines = (text: string) =>
    readCsv(text, 'file', ['a']).map((row) => [row.line, row.values.a]);

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
});

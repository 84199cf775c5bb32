import { importFileText } from './import-file-text';

describe('importFileText', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(
      parts.map((part) =>
        typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part),
      ),
    );

  it('reads valid UTF-8 as UTF-8, with or without a byte-order mark', () => {
    expect(importFileText(bytes('St Thomas à Becket'))).toEqual({
      text: 'St Thomas à Becket',
      encoding: 'utf-8',
    });
    expect(importFileText(bytes([0xef, 0xbb, 0xbf], 'Ysgol Gymraeg Bro Dŵr'))).toEqual({
      text: 'Ysgol Gymraeg Bro Dŵr',
      encoding: 'utf-8',
    });
  });

  it('reads UTF-16 by its byte-order mark, either way round', () => {
    const text = 'URN,EstablishmentName\n119300,Ysgol Bro Dŵr – St Mary’s\n';
    const little = Buffer.from(text, 'utf16le');
    const big = Buffer.from(little).swap16();
    expect(importFileText(bytes([0xff, 0xfe], [...little]))).toEqual({
      text,
      encoding: 'utf-16le',
    });
    expect(importFileText(bytes([0xfe, 0xff], [...big]))).toEqual({
      text,
      encoding: 'utf-16be',
    });
  });

  it('reads a file that is not UTF-8 as Windows-1252, its letters and punctuation whole', () => {
    // "St Thomas à Becket – St Mary’s": à, an en dash and a right single quote in Windows-1252.
    expect(
      importFileText(bytes('St Thomas ', [0xe0], ' Becket ', [0x96], ' St Mary', [0x92], 's')),
    ).toEqual({ text: 'St Thomas à Becket – St Mary’s', encoding: 'windows-1252' });
  });
});

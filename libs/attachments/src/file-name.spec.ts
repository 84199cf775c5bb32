import { displayName, extensionOf, withExtension } from './file-name';

describe('displayName: the uploader’s name for a file, made safe to show and offer', () => {
  it.each([
    [
      'an ordinary name, as it was',
      'Letter from the music service.pdf',
      'Letter from the music service.pdf',
    ],
    ['a Windows path, to its last part', 'C:\\Users\\head\\Documents\\letter.pdf', 'letter.pdf'],
    ['a Unix path, to its last part', '/home/head/letter.pdf', 'letter.pdf'],
    ['a climb out of the folder', '../../etc/passwd', 'passwd'],
    ['control characters, removed', 'letter\u0000\u0007.pdf', 'letter.pdf'],
    ['a right-to-left override, removed', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['zero-width characters, removed', 'let\u200Bter.pdf', 'letter.pdf'],
    [
      'tabs and newlines, as single spaces',
      'minutes\t\n of the\r\nmeeting.docx',
      'minutes of the meeting.docx',
    ],
    ['dots and spaces at either end, dropped', ' ..letter.pdf. ', 'letter.pdf'],
    ['accents, composed', 'cafe\u0301.txt', 'café.txt'],
    ['a lone surrogate, dropped', 'notes\uD800.txt', 'notes.txt'],
    ['emoji, kept', 'Thanks 👍.txt', 'Thanks 👍.txt'],
    ['nothing left, as "attachment"', '../..', 'attachment'],
    ['nothing at all, as "attachment"', '', 'attachment'],
  ])('keeps %s', (_, given, shown) => {
    expect(displayName(given)).toBe(shown);
  });

  it('cuts a long name to 200 characters, keeping its extension', () => {
    expect(displayName(`${'m'.repeat(300)}.docx`)).toBe(`${'m'.repeat(195)}.docx`);
    // Nor does the cut leave a space before the extension.
    expect(displayName(`${'a'.repeat(194)} ${'b'.repeat(10)}.docx`)).toBe(
      `${'a'.repeat(194)}.docx`,
    );
  });

  it('never cuts a character outside the BMP in half', () => {
    const shown = displayName(`${'a'.repeat(194)}👍👍👍.pdf`);
    expect(shown.length).toBeLessThanOrEqual(200);
    expect(shown).toBe(`${'a'.repeat(194)}👍.pdf`);
    expect(shown).toBe(shown.normalize());
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(shown)).toBe(false);
  });
});

describe('extensionOf', () => {
  it.each([
    ['letter.PDF', 'pdf'],
    ['archive.tar.gz', 'gz'],
    ['letter', null],
    ['.profile', null],
    ['letter.', null],
    ['letter.this-is-not', null],
  ])('%s → %s', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});

describe('withExtension', () => {
  it('adds the extension, and still keeps within 200 characters', () => {
    expect(withExtension('notes', 'txt')).toBe('notes.txt');
    const long = withExtension('n'.repeat(200), 'txt');
    expect(long).toBe(`${'n'.repeat(196)}.txt`);
  });
});

import { type AttachmentKind } from './attachment-kinds';
import { kindOfBytes } from './kind-of-bytes';
import { isPlainText } from './plain-text';
import { fixture } from './testing/fixture-files';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('kindOfBytes: what a file is, from its bytes alone', () => {
  it.each<[string, AttachmentKind]>([
    ['letter.pdf', 'pdf'],
    ['timetable.png', 'png'],
    ['photo.jpg', 'jpeg'],
    ['pixel.gif', 'gif'],
    ['pixel.webp', 'webp'],
    ['minutes.docx', 'docx'],
    ['budget.xlsx', 'xlsx'],
    ['slides.pptx', 'pptx'],
    ['notes.odt', 'odt'],
    ['fees.ods', 'ods'],
    ['report.doc', 'ole-compound'],
    ['notes.txt', 'text'],
    ['fees.csv', 'text'],
    // Sizes after the data: found through the central directory.
    ['streamed.docx', 'docx'],
    ['commented.docx', 'docx'],
  ])('%s is %s', (name, kind) => {
    expect(kindOfBytes(fixture(name))).toBe(kind);
  });

  it.each([
    ['page.html', 'a web page'],
    ['drawing.svg', 'an SVG picture, which can carry script'],
    ['setup.exe', 'a Windows program'],
    ['archive.zip', 'a ZIP that is no office document'],
    ['minutes-with-macros.docx', 'a Word document carrying a VBA project'],
    ['notes-with-macros.odt', 'an OpenDocument text carrying Basic macros'],
    ['word-and-excel.docx', 'an Office document with both a Word and an Excel main part'],
    ['not-open-document.odt', 'a ZIP whose mimetype is no OpenDocument type'],
    ['notes-latin1.txt', 'text that is not UTF-8'],
    ['notes-with-nul.txt', 'text with a NUL in it'],
  ])('%s (%s) is nothing allowed', (name) => {
    expect(kindOfBytes(fixture(name))).toBeNull();
  });

  it('the name of a file plays no part: the same bytes are the same kind', () => {
    const png = fixture('timetable.png');
    expect(kindOfBytes(png)).toBe('png');
    expect(kindOfBytes(new Uint8Array(png))).toBe('png');
  });

  it('an empty file is nothing', () => {
    expect(kindOfBytes(new Uint8Array())).toBeNull();
  });

  it('a signature alone is not an image: a PNG needs its header chunk', () => {
    const png = fixture('timetable.png');
    expect(kindOfBytes(png.subarray(0, 8))).toBeNull();
    expect(kindOfBytes(png.subarray(0, 16))).toBe('png');
  });

  it('an older Office document needs the byte-order mark after its signature', () => {
    const compound = fixture('report.doc');
    const broken = new Uint8Array(compound);
    broken[28] = 0;
    expect(kindOfBytes(broken)).toBeNull();
  });

  it('an office document cut short (its central directory gone) is nothing', () => {
    const docx = fixture('minutes.docx');
    expect(kindOfBytes(docx.subarray(0, docx.length - 30))).toBeNull();
    expect(kindOfBytes(docx.subarray(0, 200))).toBeNull();
  });

  it('a central directory that points past its own local headers is nothing', () => {
    const docx = new Uint8Array(fixture('minutes.docx'));
    const view = new DataView(docx.buffer);
    const end = docx.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    // The directory's offset moved: its first entry no longer starts where it says.
    view.setUint32(end + 16, view.getUint32(end + 16, true) + 1, true);
    expect(kindOfBytes(docx)).toBeNull();
  });

  it('markup is nothing; a PDF with markup inside is a PDF, and will be served as one', () => {
    expect(kindOfBytes(utf8('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(kindOfBytes(utf8('%PDF-1.7\n<html></html>'))).toBe('pdf');
  });
});

describe('isPlainText', () => {
  it.each([
    ['tabs, CR and LF', 'name\tfees\r\nmusic\t4800\n'],
    ['a byte-order mark', '\uFEFFLessons missed'],
    ['pound signs and accents', 'Cost: £240, café, naïve'],
    ['characters outside the BMP', 'Thanks 👍'],
    ['a less-than sign after the first character', 'Price < 5 pounds'],
  ])('takes %s', (_, text) => {
    expect(isPlainText(utf8(text))).toBe(true);
  });

  it.each([
    ['a NUL', 'Lessons\u0000missed'],
    ['a form feed', 'page one\fpage two'],
    ['an escape (terminal control)', 'red \u001b[31m'],
    ['a C1 control', 'next line\u0085'],
    ['DEL', 'oops\u007f'],
    ['markup at the start', '<svg onload="alert(1)"/>'],
    ['markup after spaces', '  \n <!DOCTYPE html>'],
    ['markup after a byte-order mark', '\uFEFF<html>'],
  ])('refuses %s', (_, text) => {
    expect(isPlainText(utf8(text))).toBe(false);
  });

  it.each([
    ['a lone continuation byte', [0x41, 0x80, 0x42]],
    ['an overlong encoding of /', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a sequence cut short', [0x41, 0xe2, 0x82]],
  ])('refuses bytes that are not UTF-8: %s', (_, bytes) => {
    expect(isPlainText(new Uint8Array(bytes))).toBe(false);
  });
});

import { attachmentTypeOf } from './attachment-type';
import { fixture } from './testing/fixture-files';

describe('attachmentTypeOf: the bytes decide the type, and the name must agree', () => {
  it.each([
    ['letter.pdf', 'Letter.PDF', 'application/pdf'],
    ['photo.jpg', 'photo.jpeg', 'image/jpeg'],
    [
      'minutes.docx',
      'minutes.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'budget.xlsx',
      'budget.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['fees.ods', 'fees.ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['report.doc', 'report.doc', 'application/msword'],
    // The bytes cannot tell a Word from an Excel compound file: the name chooses, among those.
    ['report.doc', 'report.xls', 'application/vnd.ms-excel'],
    ['notes.txt', 'notes.txt', 'text/plain'],
    ['fees.csv', 'fees.csv', 'text/csv'],
  ])('%s named %s is served as %s', (file, name, mediaType) => {
    expect(attachmentTypeOf(fixture(file), name)).toEqual({
      allowed: true,
      kind: expect.any(String),
      mediaType,
      name,
    });
  });

  it('a name with no extension is given the kind’s own', () => {
    expect(attachmentTypeOf(fixture('timetable.png'), 'timetable')).toMatchObject({
      allowed: true,
      mediaType: 'image/png',
      name: 'timetable.png',
    });
    expect(attachmentTypeOf(fixture('notes.txt'), 'notes')).toMatchObject({
      name: 'notes.txt',
      mediaType: 'text/plain',
    });
  });

  it('an older Office document must say by its name which it is', () => {
    expect(attachmentTypeOf(fixture('report.doc'), 'report')).toEqual({
      allowed: false,
      found: 'ole-compound',
      extension: null,
    });
  });

  it.each([
    ['timetable.png', 'timetable.pdf', 'png', 'pdf'],
    ['letter.pdf', 'letter.docx', 'pdf', 'docx'],
    ['notes.txt', 'notes.html', 'text', 'html'],
    ['notes.txt', 'notes.svg', 'text', 'svg'],
    ['notes.txt', 'run.bat', 'text', 'bat'],
    ['minutes.docx', 'minutes.xlsx', 'docx', 'xlsx'],
    ['report.doc', 'report.msg', 'ole-compound', 'msg'],
  ])('%s disguised as %s is refused: it is %s, not %s', (file, name, found, extension) => {
    expect(attachmentTypeOf(fixture(file), name)).toEqual({ allowed: false, found, extension });
  });

  it.each([
    ['setup.exe', 'setup.exe'],
    ['setup.exe', 'setup.pdf'],
    ['page.html', 'page.html'],
    ['page.html', 'page.txt'],
    ['drawing.svg', 'drawing.svg'],
  ])('%s named %s is nothing allowed, whatever it is called', (file, name) => {
    expect(attachmentTypeOf(fixture(file), name)).toMatchObject({ allowed: false, found: null });
  });
});

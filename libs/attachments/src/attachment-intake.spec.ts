import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachmentIntake, everyRefusal, type UploadedFile } from './attachment-intake';
import { FilesystemAttachmentStore } from './filesystem-attachment-store';
import { fixture } from './testing/fixture-files';

const folder = mkdtempSync(join(tmpdir(), 'sg-intake-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let run = 0;
/** An intake on a store of its own, taking files up to 64 KB, three at a time, with counted ids. */
function intake() {
  run += 1;
  const root = join(folder, `run-${run}`);
  let id = 0;
  const taken = new AttachmentIntake(
    new FilesystemAttachmentStore(root),
    { maxBytes: 64 * 1024, maxFiles: 3 },
    () => `a-${++id}`,
  );
  const stored = () => readdirSync(root, { recursive: true }).length;
  return { taken, stored };
}

const file = (name: string, originalName = name): UploadedFile => ({
  originalName,
  bytes: fixture(name),
});
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('AttachmentIntake', () => {
  it('checks, stores and describes each file of an upload, in order', async () => {
    const { taken } = intake();
    const outcome = await taken.accept([
      file('letter.pdf', 'Letter from the music service.pdf'),
      file('timetable.png'),
    ]);
    expect(outcome).toEqual({
      accepted: [
        {
          attachmentId: 'a-1',
          name: 'Letter from the music service.pdf',
          sizeBytes: fixture('letter.pdf').length,
          mediaType: 'application/pdf',
          sha256: sha256Of(fixture('letter.pdf')),
        },
        {
          attachmentId: 'a-2',
          name: 'timetable.png',
          sizeBytes: fixture('timetable.png').length,
          mediaType: 'image/png',
          sha256: sha256Of(fixture('timetable.png')),
        },
      ],
    });
  });

  it('the type comes from the bytes, the name is made safe, and given an extension if it has none', async () => {
    const { taken } = intake();
    const outcome = await taken.accept([file('photo.jpg', 'C:\\Users\\head\\Pictures\\photo')]);
    expect(outcome).toMatchObject({ accepted: [{ name: 'photo.jpg', mediaType: 'image/jpeg' }] });
  });

  it('the same file twice is stored once', async () => {
    const { taken, stored } = intake();
    await taken.accept([file('notes.txt'), file('notes.txt', 'copy of notes.txt')]);
    // One file, in its two folders.
    expect(stored()).toBe(3);
  });

  const refusals = [
    ['no file', [], 'ATTACHMENT_REQUIRED', null, 'Choose a file to upload'],
    [
      'more files than allowed',
      [file('notes.txt'), file('fees.csv'), file('letter.pdf'), file('pixel.gif')],
      'TOO_MANY_ATTACHMENTS',
      null,
      'Upload at most 3 files at a time',
    ],
    [
      'a file too large',
      [file('notes.txt'), { originalName: 'scan.pdf', bytes: new Uint8Array(64 * 1024 + 1) }],
      'ATTACHMENT_TOO_LARGE',
      'scan.pdf',
      '"scan.pdf" is 65 KB: a file must be 64 KB or smaller',
    ],
    [
      'an empty file',
      [{ originalName: 'blank.txt', bytes: new Uint8Array() }],
      'ATTACHMENT_EMPTY',
      'blank.txt',
      '"blank.txt" is empty',
    ],
    [
      'a program',
      [file('notes.txt'), file('setup.exe')],
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      'setup.exe',
      expect.stringMatching(/^"setup\.exe" is not a kind of file accepted here: send a PDF, /),
    ],
    [
      'a web page',
      [file('page.html')],
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      'page.html',
      expect.stringContaining('"page.html" is not a kind of file'),
    ],
    [
      'an SVG picture',
      [file('drawing.svg')],
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      'drawing.svg',
      expect.stringContaining('"drawing.svg"'),
    ],
    [
      'a PNG named .pdf',
      [file('timetable.png', 'timetable.pdf')],
      'ATTACHMENT_TYPE_MISMATCH',
      'timetable.pdf',
      '"timetable.pdf" is a PNG image, not what its name (.pdf) says: name it .png',
    ],
    [
      'an older Office document with no extension',
      [file('report.doc', 'report')],
      'ATTACHMENT_TYPE_MISMATCH',
      'report',
      '"report" is an older Office document: name it .doc, .xls or .ppt so it opens as one',
    ],
    [
      // Its bytes are an older Office compound file, but renaming it .doc would not open it.
      'an Outlook message',
      [file('report.doc', 'Email from the head.msg')],
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      'Email from the head.msg',
      '"Email from the head.msg" is an Outlook message, which cannot be taken: save the email as a PDF (print it to PDF) and send that',
    ],
    [
      'an iPhone photo',
      [file('setup.exe', 'IMG_0042.HEIC')],
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      'IMG_0042.HEIC',
      '"IMG_0042.HEIC" is an iPhone photo (HEIC), which cannot be taken: send it as a JPEG, or in a PDF',
    ],
    [
      'a PDF named .zip, which is a misnamed PDF and not a zip file',
      [file('letter.pdf', 'letter.zip')],
      'ATTACHMENT_TYPE_MISMATCH',
      'letter.zip',
      '"letter.zip" is a PDF, not what its name (.zip) says: name it .pdf',
    ],
  ] as const;

  it('takes a saved email (.eml) as the text it is, given back as text', async () => {
    const { taken } = intake();
    const outcome = await taken.accept([file('notes.txt', 'Email from the service.eml')]);
    expect('accepted' in outcome && outcome.accepted.map((each) => each.mediaType)).toEqual([
      'text/plain',
    ]);
  });

  it('names every file it refuses, not only the first, and stores none of the upload', async () => {
    const { taken, stored } = intake();
    const outcome = await taken.accept([
      file('setup.exe'),
      { originalName: 'blank.txt', bytes: new Uint8Array() },
      file('notes.txt'),
    ]);
    expect(
      'refused' in outcome && everyRefusal(outcome).map((refusal) => refusal.fileName),
    ).toEqual(['setup.exe', 'blank.txt']);
    expect(() => stored()).toThrow(/ENOENT/);
  });

  it('one by one, keeps and stores each file that passes and names each it refuses', async () => {
    const { taken, stored } = intake();
    const outcome = await taken.acceptEach([
      file('setup.exe'),
      file('notes.txt'),
      { originalName: 'blank.txt', bytes: new Uint8Array() },
    ]);
    expect(outcome.accepted).toEqual([
      expect.objectContaining({ attachmentId: 'a-1', name: 'notes.txt', mediaType: 'text/plain' }),
    ]);
    expect(outcome.refused.map((refusal) => refusal.fileName)).toEqual(['setup.exe', 'blank.txt']);
    expect(stored()).toBeGreaterThan(0);
  });

  it.each(refusals)(
    'refuses %s, naming it, and stores nothing of the upload',
    async (_, files, code, fileName, message) => {
      const { taken, stored } = intake();
      const outcome = await taken.accept(files);
      expect(outcome).toEqual({
        refused: { reason: expect.any(String), code, fileName, message },
      });
      expect(() => stored()).toThrow(/ENOENT/);
    },
  );
});

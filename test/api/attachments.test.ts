import { AttachmentIntake } from '@sg/attachments';
import { LodgeComplaint } from '@sg/complaint-service';
import { DEFAULT_POLICY } from '@sg/complaints';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { type Server } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { appendedSince } from '../support/appended-since';
import {
  type ComplaintsApp,
  lodgeBody,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';

const FIXTURES = join(__dirname, '..', 'fixtures', 'attachments');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Small, so that a file over the limit is quick to send. */
const MAX_BYTES = 64 * 1024;
const NO_SUCH_COMPLAINT = '00000000-0000-4000-8000-00000000dead';

interface AttachmentView {
  id: string;
  name: string;
  sizeBytes: number;
  mediaType: string;
  addedBy: { id: string; role: string };
  addedAt: string;
  href: string;
}
interface View {
  id: string;
  desiredOutcome: string | null;
  attachments: AttachmentView[];
  version: number;
}

describe('files on a complaint over HTTP', () => {
  let api: ComplaintsApp;
  let server: Server;
  let store: EventStore;

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) },
    });
    server = api.app.getHttpServer() as Server;
    store = api.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(() => api.close());

  const lodge = async (overrides: object = {}) => {
    const lodged = await api.as('head').post('/api/complaints', lodgeBody(overrides)).expect(201);
    return lodged.body as View;
  };

  /** Posts `files` (bytes and the name they are sent under) as `personId`. */
  const upload = (personId: string, complaintId: string, files: [Buffer, string][]) => {
    let call = request(server)
      .post(`/api/complaints/${complaintId}/attachments`)
      .set('X-Acting-Person', personId);
    for (const [bytes, name] of files) call = call.attach('files', bytes, name);
    return call;
  };

  const download = (personId: string, complaintId: string, attachmentId: string) =>
    request(server)
      .get(`/api/complaints/${complaintId}/attachments/${attachmentId}`)
      .set('X-Acting-Person', personId)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });

  const storedFiles = () => {
    const root = join(api.dataDir, 'attachments');
    return existsSync(root)
      ? readdirSync(root, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => join(entry.parentPath, entry.name))
      : [];
  };

  it('the school uploads files; the complaint lists them, and the timeline shows each to everyone', async () => {
    const { id } = await lodge();
    const letter = fixture('letter.pdf');
    const timetable = fixture('timetable.png');
    const answer = await upload('head', id, [
      [letter, 'Letter from the music service.pdf'],
      [timetable, 'C:\\Users\\head\\Pictures\\timetable.png'],
    ]).expect(200);
    const view = answer.body as View;
    expect(answer.headers.etag).toBe(`"${view.version}"`);
    expect(view.attachments).toEqual([
      {
        id: expect.any(String),
        name: 'Letter from the music service.pdf',
        sizeBytes: letter.length,
        mediaType: 'application/pdf',
        addedBy: { id: 'head', role: 'school-staff' },
        addedAt: '2025-04-17T09:00:00.000Z',
        href: `/api/complaints/${id}/attachments/${view.attachments[0].id}`,
      },
      expect.objectContaining({ name: 'timetable.png', mediaType: 'image/png' }),
    ]);

    // Kept outside any web root, by content, readable by the service alone.
    const kept = join(api.dataDir, 'attachments', sha256Of(letter).slice(0, 2));
    const path = join(kept, sha256Of(letter).slice(2, 4), sha256Of(letter));
    expect(readFileSync(path).equals(letter)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);

    for (const reader of ['head', 'hr-manager', 'support']) {
      const timeline = await api.as(reader).get(`/api/complaints/${id}/timeline`).expect(200);
      const added = (timeline.body as { type: string; details: { name: string } }[]).filter(
        (line) => line.type === 'AttachmentAdded',
      );
      expect(added.map((line) => line.details.name)).toEqual([
        'Letter from the music service.pdf',
        'timetable.png',
      ]);
    }
  });

  it('the service working on the complaint is told of the school’s files, once an upload', async () => {
    const { id } = await lodge();
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    await upload('head', id, [
      [fixture('letter.pdf'), 'Minutes.pdf'],
      [fixture('timetable.png'), 'Timetable.png'],
    ]).expect(200);
    await api.clocksSettled();
    const told = api
      .outbox()
      .filter((n) => n.complaintId === id && n.kind === 'files-added-for-service');
    expect(told.map((n) => n.to.email)).toEqual(['hr-manager@example.org']);
    expect(told[0].text).toContain('The school has added Minutes.pdf to the complaint');
  });

  it('anyone who may see the complaint downloads a file: never shown inline, never sniffed, never cached', async () => {
    const { id } = await lodge();
    const letter = fixture('letter.pdf');
    const uploaded = await upload('head', id, [[letter, 'Café menu £5 "final".pdf']]).expect(200);
    const [attachment] = (uploaded.body as View).attachments;
    for (const reader of ['head', 'hr-manager', 'board-1']) {
      const answer = await download(reader, id, attachment.id).expect(200);
      expect((answer.body as Buffer).equals(letter)).toBe(true);
      expect(answer.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(letter.length),
        'content-disposition':
          'attachment; filename="Cafe menu _5 _final_.pdf"; ' +
          "filename*=UTF-8''Caf%C3%A9%20menu%20%C2%A35%20%22final%22.pdf",
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        'content-security-policy': "default-src 'none'; sandbox",
      });
    }
  });

  it('text is served as UTF-8 text, a CSV as CSV', async () => {
    const { id } = await lodge();
    const uploaded = await upload('hr-manager', id, [
      [fixture('notes.txt'), 'notes.txt'],
      [fixture('fees.csv'), 'fees.csv'],
    ]).expect(200);
    const [notes, fees] = (uploaded.body as View).attachments;
    expect(notes.addedBy).toEqual({ id: 'hr-manager', role: 'service-manager' });
    const text = await download('head', id, notes.id).expect(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    const csv = await download('head', id, fees.id).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
  });

  it('to another school’s staff a file is exactly as missing as a complaint that does not exist', async () => {
    const { id } = await lodge();
    const uploaded = await upload('head', id, [[fixture('letter.pdf'), 'letter.pdf']]).expect(200);
    const [attachment] = (uploaded.body as View).attachments;
    for (const stranger of ['other-head', 'music-manager']) {
      const probed = await download(stranger, id, attachment.id);
      const missing = await download(stranger, NO_SUCH_COMPLAINT, attachment.id);
      expect(probed.status).toBe(404);
      expect(JSON.parse((probed.body as Buffer).toString())).toEqual({
        statusCode: 404,
        code: 'COMPLAINT_NOT_FOUND',
        message: 'There is no such complaint',
      });
      expect((probed.body as Buffer).equals(missing.body as Buffer)).toBe(true);
      expect(probed.headers['content-disposition']).toBeUndefined();
    }
    // Someone who sees the complaint is told there is no such file.
    const unknown = await download('head', id, 'no-such-file').expect(404);
    expect(JSON.parse((unknown.body as Buffer).toString())).toMatchObject({
      code: 'ATTACHMENT_NOT_FOUND',
    });
  });

  it('another school’s staff cannot add to the complaint: refused as for no complaint, before a byte is stored', async () => {
    const { id } = await lodge();
    const before = await store.headPosition();
    const stored = storedFiles().length;
    const probed = await upload('other-head', id, [[fixture('notes.txt'), 'notes.txt']]);
    const missing = await upload('other-head', NO_SUCH_COMPLAINT, [
      [fixture('notes.txt'), 'notes.txt'],
    ]);
    expect(probed.status).toBe(404);
    expect(probed.body).toEqual({
      statusCode: 404,
      code: 'COMPLAINT_NOT_FOUND',
      message: 'There is no such complaint',
    });
    expect(probed.text).toBe(missing.text);
    expect(storedFiles()).toHaveLength(stored);
    expect(await appendedSince(store, before)).toEqual([]);
  });

  it.each([
    ['a Windows program', 'setup.exe', 'setup.exe'],
    ['a web page', 'page.html', 'page.html'],
    ['a web page called text', 'page.html', 'page.txt'],
    ['an SVG picture (it can carry script)', 'drawing.svg', 'drawing.svg'],
    ['a Word document carrying macros', 'minutes-with-macros.docx', 'minutes.docx'],
  ])('refuses %s, naming the file, and records nothing', async (_, file, name) => {
    const { id } = await lodge();
    const before = await store.headPosition();
    const stored = storedFiles().length;
    const answer = await upload('head', id, [
      [fixture('notes.txt'), 'notes.txt'],
      [fixture(file), name],
    ]).expect(415);
    expect(answer.body).toMatchObject({
      statusCode: 415,
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      message: expect.stringContaining(`"${name}" is not a kind of file accepted here`),
      errors: [{ field: 'files', messages: [expect.stringContaining(name)] }],
    });
    expect(storedFiles()).toHaveLength(stored);
    expect(await appendedSince(store, before)).toEqual([]);
  });

  it('warns council staff adding files that the school reads them too; the school is not warned of itself', async () => {
    const { id } = await lodge();
    const warning = 'The school can see and download every file on its complaint';
    expect((await api.as('support').get(`/complaints/${id}/files/new`).expect(200)).text).toContain(
      warning,
    );
    expect(
      (await api.as('head').get(`/complaints/${id}/files/new`).expect(200)).text,
    ).not.toContain(warning);
  });

  it('names every file it refuses in one upload, so that all can be put right at once', async () => {
    const { id } = await lodge();
    const answer = await upload('head', id, [
      [fixture('setup.exe'), 'setup.exe'],
      [fixture('notes.txt'), 'notes.txt'],
      [fixture('timetable.png'), 'invoice.pdf'],
    ]).expect(415);
    expect(answer.body).toMatchObject({
      code: 'ATTACHMENT_TYPE_NOT_ALLOWED',
      errors: [
        {
          field: 'files',
          messages: [
            expect.stringContaining('"setup.exe"'),
            expect.stringContaining('"invoice.pdf"'),
          ],
        },
      ],
    });
  });

  it('refuses a PNG disguised as a PDF', async () => {
    const { id } = await lodge();
    const answer = await upload('head', id, [[fixture('timetable.png'), 'invoice.pdf']]).expect(
      415,
    );
    expect(answer.body).toMatchObject({
      code: 'ATTACHMENT_TYPE_MISMATCH',
      message: '"invoice.pdf" is a PNG image, not what its name (.pdf) says: name it .png',
    });
  });

  it('refuses a file over the limit with 413, naming it; one of exactly the limit is taken', async () => {
    const { id } = await lodge();
    const before = await store.headPosition();
    const oversize = Buffer.alloc(MAX_BYTES + 1, 'a');
    const answer = await upload('head', id, [[oversize, 'long notes.txt']]).expect(413);
    expect(answer.body).toMatchObject({
      statusCode: 413,
      code: 'ATTACHMENT_TOO_LARGE',
      message: '"long notes.txt" is larger than the 64 KB allowed',
    });
    // A file of exactly the limit is fine.
    await upload('head', id, [[Buffer.alloc(MAX_BYTES, 'a'), 'notes.txt']]).expect(200);
    expect(await store.headPosition()).not.toEqual(before);
  });

  it('refuses more than ten files at a time, an empty file, and no file at all', async () => {
    const { id } = await lodge();
    const eleven = Array.from({ length: 11 }, (_, index): [Buffer, string] => [
      Buffer.from(`note ${index}`),
      `note-${index}.txt`,
    ]);
    const tooMany = await upload('head', id, eleven).expect(400);
    expect(tooMany.body).toMatchObject({ code: 'TOO_MANY_ATTACHMENTS' });
    const empty = await upload('head', id, [[Buffer.alloc(0), 'blank.txt']]).expect(422);
    expect(empty.body).toMatchObject({ code: 'ATTACHMENT_EMPTY', message: '"blank.txt" is empty' });
    const none = await request(server)
      .post(`/api/complaints/${id}/attachments`)
      .set('X-Acting-Person', 'head')
      .set('Content-Type', 'multipart/form-data; boundary=nothing-here')
      .send('--nothing-here--\r\n')
      .expect(400);
    expect(none.body).toMatchObject({ code: 'ATTACHMENT_REQUIRED' });
  });

  it('reads files only as multipart/form-data, in the field files, as sent', async () => {
    const { id } = await lodge();
    const json = await api.as('head').post(`/api/complaints/${id}/attachments`, {}).expect(415);
    expect(json.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const otherField = await request(server)
      .post(`/api/complaints/${id}/attachments`)
      .set('X-Acting-Person', 'head')
      .attach('file', fixture('notes.txt'), 'notes.txt')
      .expect(400);
    expect(otherField.body).toMatchObject({ code: 'UNEXPECTED_FIELD' });
    const withText = await request(server)
      .post(`/api/complaints/${id}/attachments`)
      .set('X-Acting-Person', 'head')
      .field('comment', 'hello')
      .attach('files', fixture('notes.txt'), 'notes.txt')
      .expect(400);
    expect(withText.body).toMatchObject({ code: 'UNEXPECTED_FIELD' });
    const boundary = 'b0undary';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="notes.txt"\r\n\r\nLessons\r\n--${boundary}--\r\n`,
    );
    const gzipped = await request(server)
      .post(`/api/complaints/${id}/attachments`)
      .set('X-Acting-Person', 'head')
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .set('Content-Encoding', 'gzip')
      .send(gzipSync(body))
      .expect(415);
    expect(gzipped.body).toMatchObject({ code: 'UNSUPPORTED_CONTENT_ENCODING' });
    const broken = await request(server)
      .post(`/api/complaints/${id}/attachments`)
      .set('X-Acting-Person', 'head')
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(body.subarray(0, 60))
      .expect(400);
    expect(broken.body).toMatchObject({ code: 'MALFORMED_BODY' });
    // Multipart goes to no other route of the API.
    await request(server)
      .post(`/api/complaints/${id}/notes`)
      .set('X-Acting-Person', 'support')
      .attach('files', fixture('notes.txt'), 'notes.txt')
      .expect(415);
  });

  it('the same file under the same name again is on the complaint already', async () => {
    const { id } = await lodge();
    await upload('head', id, [[fixture('letter.pdf'), 'letter.pdf']]).expect(200);
    const again = await upload('hr-manager', id, [[fixture('letter.pdf'), 'letter.pdf']]).expect(
      200,
    );
    expect((again.body as View).attachments).toHaveLength(1);
  });

  it('a closed complaint takes no more files, and a stale If-Match is refused before any is stored', async () => {
    const { id } = await lodge();
    const stale = await upload('head', id, [[fixture('notes.txt'), 'stale.txt']])
      .set('If-Match', '"99"')
      .expect(412);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION' });
    await api
      .as('head')
      .post(`/api/complaints/${id}/withdrawal`, { reason: 'Sorted out' })
      .expect(200);
    const stored = storedFiles().length;
    const closed = await upload('head', id, [[fixture('budget.xlsx'), 'budget.xlsx']]).expect(409);
    expect(closed.body).toMatchObject({ code: 'COMPLAINT_CLOSED' });
    expect(storedFiles()).toHaveLength(stored);
  });

  describe('lodging', () => {
    it('records what the school says would put it right', async () => {
      const lodged = await lodge({ desiredOutcome: '  A named adviser for the rest of the year ' });
      expect(lodged.desiredOutcome).toBe('A named adviser for the rest of the year');
      const read = await api.as('hr-manager').get(`/api/complaints/${lodged.id}`).expect(200);
      expect((read.body as View).desiredOutcome).toBe('A named adviser for the rest of the year');
      expect((await lodge()).desiredOutcome).toBeNull();
    });

    it('refuses a desired outcome over 2,000 characters, naming the field', async () => {
      const answer = await api
        .as('head')
        .post('/api/complaints', lodgeBody({ desiredOutcome: 'x'.repeat(2001) }))
        .expect(400);
      expect(JSON.stringify(answer.body)).toContain('desiredOutcome');
    });

    it('the pages lodge with files taken in first: one append, the complaint and its files', async () => {
      const intake = api.app.get(AttachmentIntake);
      const taken = await intake.accept([
        { originalName: 'letter.pdf', bytes: fixture('letter.pdf') },
        { originalName: 'minutes.docx', bytes: fixture('minutes.docx') },
      ]);
      if (!('accepted' in taken)) throw new Error(JSON.stringify(taken));
      const head = await api.directory.actor('head');
      const result = await api.commands.execute(
        new LodgeComplaint(
          {
            complaintId: '5c0ffee0-0000-4000-8000-000000000001',
            actor: head!,
            at: api.clock.now().toISOString(),
            channel: 'web-form',
            schoolUrn: SCHOOL,
            serviceId: 'schools-hr',
            summary: 'Advice came late',
            details: 'Three weeks late.',
            desiredOutcome: 'An apology',
            standards: [],
            contact: { name: 'Jane Head' },
            relatedContractId: null,
            relatedBookingId: null,
            policy: DEFAULT_POLICY,
            attachments: taken.accepted,
          },
          { correlationId: 'lodged-by-the-pages' },
        ),
      );
      expect(result.appended.map((event) => event.type)).toEqual([
        'ComplaintLodged',
        'ClockStarted',
        'AttachmentAdded',
        'AttachmentAdded',
      ]);
      await api.clocksSettled();
      const view = await api
        .as('head')
        .get('/api/complaints/5c0ffee0-0000-4000-8000-000000000001')
        .expect(200);
      expect((view.body as View).attachments.map((file) => file.mediaType)).toEqual([
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ]);
      const docx = (view.body as View).attachments[1];
      const answer = await download('hr-manager', (view.body as View).id, docx.id).expect(200);
      expect((answer.body as Buffer).equals(fixture('minutes.docx'))).toBe(true);
    });
  });

  it('describes both routes in the OpenAPI document', async () => {
    const document = (await request(server).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content: object } }>>;
    };
    expect(
      Object.keys(document.paths['/api/complaints/{id}/attachments'].post.requestBody!.content),
    ).toEqual(['multipart/form-data']);
    expect(document.paths['/api/complaints/{id}/attachments/{attachmentId}'].get).toBeDefined();
  });
});

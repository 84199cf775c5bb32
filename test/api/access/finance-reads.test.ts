import { EVENT_STORE, type EventStore } from '@sg/event-store';
import {
  type ComplaintsApp,
  CONTRACT_FEES,
  lodgeBody,
  startComplaintsApp,
  upholdAndPropose,
} from '../../support/complaints-app';

interface View {
  id: string;
  reference: string;
  clocks: Record<string, { revision: number }>;
}
interface Listed {
  items: { id: string }[];
}

/**
 * Finance pays what the Board approved: it finds and reads those complaints, and not the rest; in
 * those it reads, the council's notes about people are not given it (nor, in the domain's own
 * specs, a Board member's reasons for standing aside), and it cannot find a complaint by a note.
 */
describe('what finance reads', () => {
  let api: ComplaintsApp;
  let paid: string;
  let other: string;

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    const lodge = async (summary: string) => {
      const lodged = await api
        .as('head')
        .post('/api/complaints', lodgeBody({ summary }))
        .expect(201);
      const id = (lodged.body as View).id;
      const referred = await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
      return { id, resolution: (referred.body as View).clocks.resolution.revision };
    };
    const approved = await lodge('Supply teacher never arrived');
    const unpaid = await lodge('Payroll advice was wrong');
    paid = approved.id;
    other = unpaid.id;
    for (const id of [paid, other])
      await api
        .as('hr-manager')
        .post(`/api/complaints/${id}/notes`, { text: 'Officer off sick with depression' })
        .expect(200);
    api.clock.set('2025-05-07T07:00:00.000Z');
    await api.reportResolutionDeadline(paid, approved.resolution);
    const proposalId = await upholdAndPropose(api, paid, {
      failureLevel: 'significant',
      amountPence: CONTRACT_FEES / 4,
    });
    for (const member of ['board-2', 'board-3'])
      await api
        .as(member)
        .post(`/api/complaints/${paid}/reimbursement/approvals`, { proposalId })
        .expect(200);
  });
  afterAll(() => api.close());

  it('lists and opens the complaint it pays, and is told the other does not exist', async () => {
    const listed = await api.as('finance').get('/api/complaints').expect(200);
    expect((listed.body as Listed).items.map((item) => item.id)).toEqual([paid]);
    await api.as('finance').get(`/api/complaints/${paid}`).expect(200);
    const refused = await api.as('finance').get(`/api/complaints/${other}`).expect(404);
    const missing = await api
      .as('finance')
      .get('/api/complaints/00000000-0000-4000-8000-000000000000')
      .expect(404);
    expect(refused.body).toEqual(missing.body);
    // Business Support, which has a part in every complaint, still lists both.
    const all = await api.as('support').get('/api/complaints').expect(200);
    expect((all.body as Listed).items.map((item) => item.id).sort()).toEqual([paid, other].sort());
  });

  it('reads the Board’s decision and approvals, not the council’s notes', async () => {
    const timeline = (await api.as('finance').get(`/api/complaints/${paid}/timeline`).expect(200))
      .body as { type: string; revision: number }[];
    const types = timeline.map((line) => line.type);
    // Numbered among what it reads: no gap in the numbers tells of a note, nor when it was written.
    expect(timeline.map((line) => line.revision)).toEqual(timeline.map((_, index) => index));
    const etag = (await api.as('finance').get(`/api/complaints/${paid}`).expect(200)).headers.etag;
    expect(etag).toBe(`"${timeline.length - 1}"`);
    expect(types).toEqual(
      expect.arrayContaining(['BoardDecisionRecorded', 'ReimbursementApproved']),
    );
    expect(types).not.toContain('InternalNoteAdded');
    expect(JSON.stringify(timeline)).not.toMatch(/depression/);
    const page = await api.as('finance').get(`/complaints/${paid}`).expect(200);
    expect(page.text).toContain('Supply teacher never arrived');
    expect(page.text).not.toMatch(/depression/);
    // The Board reads everything that happened.
    const board = (await api.as('board-1').get(`/api/complaints/${paid}/timeline`).expect(200))
      .body as { type: string }[];
    expect(board.map((line) => line.type)).toContain('InternalNoteAdded');
  });

  it('finds nothing by a note’s words, and the complaint it pays by its own', async () => {
    const byNote = await api.as('finance').get('/api/search?q=depression').expect(200);
    expect((byNote.body as Listed).items).toEqual([]);
    const bySummary = await api.as('finance').get('/api/search?q=supply').expect(200);
    expect((bySummary.body as Listed).items.map((item) => item.id)).toEqual([paid]);
    const support = await api.as('support').get('/api/search?q=depression').expect(200);
    expect((support.body as Listed).items).toHaveLength(2);
  });

  it('is not told of a note by its version, nor refused for one added while it looked', async () => {
    const before = await api.as('finance').get(`/api/complaints/${paid}`).expect(200);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${paid}/notes`, { text: 'Spoke to the officer again' })
      .expect(200);
    const after = await api.as('finance').get(`/api/complaints/${paid}`).expect(200);
    expect(after.headers.etag).toBe(before.headers.etag);
    // Business Support reads the note, so its version moves.
    const support = await api.as('support').get(`/api/complaints/${paid}`).expect(200);
    expect(support.headers.etag).not.toBe(before.headers.etag);
    // What finance sends is answered with its own version, which its next If-Match may name.
    const sent = await api
      .as('finance')
      .post(`/api/complaints/${paid}/messages`, { text: 'Paid today by BACS.' })
      .set('If-Match', String(after.headers.etag))
      .expect(200);
    const read = await api.as('finance').get(`/api/complaints/${paid}`).expect(200);
    expect(sent.headers.etag).toBe(read.headers.etag);
    expect((sent.body as { version: number }).version).toBe(
      Number(String(read.headers.etag).replace(/"/g, '')),
    );
    const again = await api
      .as('finance')
      .post(`/api/complaints/${paid}/messages`, { text: 'Remittance advice sent.' })
      .set('If-Match', String(sent.headers.etag))
      .expect(200);
    // A note that reaches the store between finance's read and its write is not a change to it.
    const store = api.app.get<EventStore>(EVENT_STORE);
    const append = store.appendToStream.bind(store);
    let noteFirst = true;
    jest.spyOn(store, 'appendToStream').mockImplementation(async (...args) => {
      if (noteFirst && args[0] === `complaint-${paid}`) {
        noteFirst = false;
        await api
          .as('hr-manager')
          .post(`/api/complaints/${paid}/notes`, { text: 'Officer back at work' })
          .expect(200);
      }
      return append(...args);
    });
    const raced = await api
      .as('finance')
      .post(`/api/complaints/${paid}/messages`, { text: 'Remittance advice resent.' })
      .set('If-Match', String(again.headers.etag))
      .expect(200);
    jest.restoreAllMocks();
    expect(noteFirst).toBe(false);
    const texts: string[] = [];
    for await (const event of store.readStream(`complaint-${paid}`))
      texts.push(`${event.type} ${(event.data as { text?: string }).text}`);
    expect(texts.slice(-2)).toEqual([
      'InternalNoteAdded Officer back at work',
      'MessageSent Remittance advice resent.',
    ]);
    expect(raced.headers.etag).toBe(
      (await api.as('finance').get(`/api/complaints/${paid}`).expect(200)).headers.etag,
    );
    // Nor may finance write one: it reads none.
    await api
      .as('finance')
      .post(`/api/complaints/${paid}/notes`, { text: 'Paid by BACS' })
      .expect(403);
  });
});

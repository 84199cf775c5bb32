import { type Server } from 'node:http';
import {
  type ComplaintsApp,
  lodgeBody,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';
import { addWithPassword, OFFICER, Browser, fieldIn, TEST_PASSWORD } from '../support/signing-in';

/** Each field of `body` in the reverse order: the same request, written another way. */
const reversed = (body: object) => Object.fromEntries(Object.entries(body).reverse());

/**
 * A key stands for the request it first came with: sent again with it, the first answer; with
 * anything else, a refusal. The events keep what the request asked, so this holds after the node's
 * record of first answers has let the key go (a day) and on a node that never had it.
 */
describe('an idempotency key and the request it first came with', () => {
  let api: ComplaintsApp;
  let officer: Browser;

  beforeAll(async () => {
    api = await startComplaintsApp();
    await addWithPassword(api, OFFICER);
  });
  afterAll(() => api.close());

  const complaintsNow = async () =>
    ((await api.as('support').get('/api/complaints?limit=100')).body as { items: unknown[] }).items
      .length;

  it('over the API, refuses another request under a key once the day that kept its answer is over, and still answers the same one', async () => {
    const body = lodgeBody({ summary: 'Payroll advice came late' });
    const lodged = await api
      .as('head')
      .post('/api/complaints', body)
      .set('Idempotency-Key', 'lodge-kept-1')
      .expect(201);
    const id = (lodged.body as { id: string }).id;
    // The same fields in another order are the same request.
    const reordered = await api
      .as('head')
      .post('/api/complaints', reversed(body))
      .set('Idempotency-Key', 'lodge-kept-1')
      .expect(201);
    expect((reordered.body as { id: string }).id).toBe(id);
    const firstMessage = await api
      .as('head')
      .post(`/api/complaints/${id}/messages`, { text: 'Any news?' })
      .set('Idempotency-Key', 'message-kept-1')
      .expect(200);
    const complaints = await complaintsNow();

    // Two days on, the next keyed request lets the first answers go.
    api.clock.set('2025-04-21T09:00:00.000Z');
    await api
      .as('head')
      .post(`/api/complaints/${id}/messages`, { text: 'Still waiting.' })
      .set('Idempotency-Key', 'message-kept-2')
      .expect(200);

    const otherMessage = await api
      .as('head')
      .post(`/api/complaints/${id}/messages`, { text: 'Something else entirely' })
      .set('Idempotency-Key', 'message-kept-1')
      .expect(422);
    expect(otherMessage.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    const otherLodge = await api
      .as('head')
      .post('/api/complaints', lodgeBody({ summary: 'Another complaint' }))
      .set('Idempotency-Key', 'lodge-kept-1')
      .expect(422);
    expect(otherLodge.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    const sameMessage = await api
      .as('head')
      .post(`/api/complaints/${id}/messages`, { text: 'Any news?' })
      .set('Idempotency-Key', 'message-kept-1')
      .expect(200);
    expect(sameMessage.headers.etag).toBe(firstMessage.headers.etag);
    await api
      .as('head')
      .post('/api/complaints', body)
      .set('Idempotency-Key', 'lodge-kept-1')
      .expect(201);
    expect(await complaintsNow()).toBe(complaints);
    const timeline = (await api.as('support').get(`/api/complaints/${id}/timeline`)).body as {
      type: string;
    }[];
    expect(timeline.filter((entry) => entry.type === 'MessageSent')).toHaveLength(2);
  });

  it('on the pages, a form sent again with other fields (Back, an edit, Send) is refused, then sent as new', async () => {
    // Signed in now: the other test moves the clock on by days.
    officer = new Browser(api.app.getHttpServer() as Server);
    const signedIn = await officer.post('/api/auth/sign-in', {
      email: 'olu.officer@example.org',
      password: TEST_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    const form = await officer.get('/complaints/new/for-a-school');
    const fields = {
      csrfToken: fieldIn(form.text, 'csrfToken')!,
      idempotencyKey: fieldIn(form.text, 'idempotencyKey')!,
      channel: 'phone',
      serviceId: 'schools-hr',
      summary: 'Advice came late',
      details: 'Asked on 20 March, heard on 10 April.',
      contactName: 'Jane Head',
    };
    const first = await officer.postForm('/complaints/new/for-a-school', {
      ...fields,
      schoolUrn: SCHOOL,
    });
    expect(first.status).toBe(303);
    const twice = await officer.postForm('/complaints/new/for-a-school', {
      ...fields,
      schoolUrn: SCHOOL,
    });
    expect(twice.headers.location).toBe(first.headers.location);
    const complaints = await complaintsNow();

    const edited = await officer.postForm('/complaints/new/for-a-school', {
      ...fields,
      schoolUrn: OTHER_SCHOOL,
    });
    expect(edited.status).toBe(400);
    expect(edited.text).toContain('You sent this form already');
    expect(await complaintsNow()).toBe(complaints);
    const newKey = fieldIn(edited.text, 'idempotencyKey');
    expect(newKey).not.toBe(fields.idempotencyKey);
    expect(fieldIn(edited.text, 'schoolUrn')).toBe(OTHER_SCHOOL);

    const sentAgain = await officer.postForm('/complaints/new/for-a-school', {
      ...fields,
      idempotencyKey: newKey!,
      schoolUrn: OTHER_SCHOOL,
    });
    expect(sentAgain.status).toBe(303);
    expect(sentAgain.headers.location).not.toBe(first.headers.location);
    expect(await complaintsNow()).toBe(complaints + 1);

    const id = String(first.headers.location).split('/').pop()!;
    const noteForm = await officer.get(`/complaints/${id}/actions/note`);
    const note = {
      csrfToken: fieldIn(noteForm.text, 'csrfToken')!,
      idempotencyKey: fieldIn(noteForm.text, 'idempotencyKey')!,
      version: fieldIn(noteForm.text, 'version')!,
    };
    expect(
      (await officer.postForm(`/complaints/${id}/actions/note`, { ...note, text: 'Rang the head' }))
        .status,
    ).toBe(303);
    const changed = await officer.postForm(`/complaints/${id}/actions/note`, {
      ...note,
      text: 'Rang the head and the deputy',
    });
    expect(changed.status).toBe(400);
    expect(changed.text).toContain('You sent this form already');
    expect(fieldIn(changed.text, 'idempotencyKey')).not.toBe(note.idempotencyKey);
    const notes = (
      (await api.as('support').get(`/api/complaints/${id}/timeline`)).body as {
        type: string;
      }[]
    ).filter((entry) => entry.type === 'InternalNoteAdded');
    expect(notes).toHaveLength(1);
  });
});

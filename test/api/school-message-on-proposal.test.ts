import {
  type ComplaintsApp,
  lodgedAndReferred,
  startComplaintsApp,
} from '../support/complaints-app';
import { addWithPassword, BURSAR, signedInWithPassword, csrfTokenIn } from '../support/signing-in';

/**
 * The proposal told the school its complaint closes if the council does not hear from it. A
 * message on its page, like a reply by email, is hearing from it: read as its answer.
 */
describe('the school’s message while a proposed resolution waits for its answer', () => {
  let api: ComplaintsApp;
  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    await addWithPassword(api, BURSAR);
  });
  afterAll(() => api.close());

  async function proposed(): Promise<string> {
    api.clock.set('2025-04-17T09:00:00.000Z');
    const id = await lodgedAndReferred(api);
    api.clock.set('2025-04-22T10:00:00.000Z');
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/resolution`, { resolution: 'Advice sent on 22 April.' })
      .expect(200);
    api.clock.set('2025-04-23T10:00:00.000Z');
    return id;
  }
  const status = async (id: string) =>
    (
      (await api.as('hr-manager').get(`/api/complaints/${id}`).expect(200)).body as {
        status: string;
      }
    ).status;

  it('over the API: a question takes the complaint back to the service; "Resolved" closes it', async () => {
    const asked = await proposed();
    await api
      .as('head')
      .post(`/api/complaints/${asked}/messages`, { text: 'Could you call me on Monday?' })
      .expect(200);
    expect(await status(asked)).toBe('with-service');

    const accepted = await proposed();
    await api
      .as('head')
      .post(`/api/complaints/${accepted}/messages`, { text: 'Resolved, thank you.' })
      .expect(200);
    expect(await status(accepted)).toBe('closed');
  });

  it('while the service waits for its answer to a question, the message is that answer: the service’s clock runs again', async () => {
    api.clock.set('2025-04-17T09:00:00.000Z');
    const id = await lodgedAndReferred(api);
    api.clock.set('2025-04-18T10:00:00.000Z');
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/information-requests`, {
        question: 'Which day did the adviser cancel?',
      })
      .expect(200);
    expect(await status(id)).toBe('awaiting-school');
    api.clock.set('2025-04-22T10:00:00.000Z');
    const school = await signedInWithPassword(api, BURSAR.email);
    const form = await school.get(`/complaints/${id}/actions/message`);
    expect(form.text).toContain('A message now is that answer');
    const sent = await school.postForm(`/complaints/${id}/actions/message`, {
      csrfToken: csrfTokenIn(form.text),
      text: 'It was on 3 April at 10am.',
    });
    expect(sent.status).toBe(303);
    const page = await school.get(String(sent.headers.location));
    expect(page.text).toContain('It answers the service’s question');
    expect(await status(id)).toBe('with-service');
  });

  it('a message sent again from the form after Back is not sent twice', async () => {
    api.clock.set('2025-04-17T09:00:00.000Z');
    const id = await lodgedAndReferred(api);
    api.clock.set('2025-04-18T10:00:00.000Z');
    const school = await signedInWithPassword(api, BURSAR.email);
    const text = 'Could you call me on Monday to talk this through?';
    const first = await school.get(`/complaints/${id}/actions/message`);
    expect(
      (
        await school.postForm(`/complaints/${id}/actions/message`, {
          csrfToken: csrfTokenIn(first.text),
          text,
        })
      ).status,
    ).toBe(303);
    // Back: the form is fetched afresh (a new key, the new version), the browser keeps the words.
    api.clock.set('2025-04-18T10:01:00.000Z');
    const again = await school.get(`/complaints/${id}/actions/message`);
    const refused = await school.postForm(`/complaints/${id}/actions/message`, {
      csrfToken: csrfTokenIn(again.text),
      text,
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('You sent this same message at 18 April 2025 at 11am');
    const view = await api.as('hr-manager').get(`/api/complaints/${id}/timeline`).expect(200);
    expect(JSON.stringify(view.body).split(text)).toHaveLength(2);
  });

  it('on its page: the form says so before, and the page says what became of the proposal after', async () => {
    const id = await proposed();
    const school = await signedInWithPassword(api, BURSAR.email);
    const form = await school.get(`/complaints/${id}/actions/message`);
    expect(form.text).toContain('A message now is that answer');
    const sent = await school.postForm(`/complaints/${id}/actions/message`, {
      csrfToken: csrfTokenIn(form.text),
      text: 'I am not sure it is fixed: could you call me on Monday?',
    });
    expect(sent.status).toBe(303);
    const page = await school.get(String(sent.headers.location));
    expect(page.text).toContain('the service takes your complaint back with what you wrote');
    expect(await status(id)).toBe('with-service');
  });
});

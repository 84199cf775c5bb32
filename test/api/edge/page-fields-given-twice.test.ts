import {
  type ComplaintsApp,
  lodgedAndReferred,
  startComplaintsApp,
} from '../../support/complaints-app';
import {
  addWithPassword,
  BURSAR,
  signedInWithPassword,
  csrfTokenIn,
} from '../../support/signing-in';
import { storedEventCount } from './edge-support';

/**
 * No page sends a text field twice, so a form or a query that does is hand-made: refused, as the
 * API refuses it, naming the field, and nothing recorded; never taken as its first value. Found
 * by the adversarial trial: a message posted as text=a&text=b was recorded as "a".
 */
describe('a page’s field given twice', () => {
  let api: ComplaintsApp;
  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    await addWithPassword(api, BURSAR);
  });
  afterAll(() => api.close());

  it('a message whose text is given twice is refused, naming the field', async () => {
    const id = await lodgedAndReferred(api);
    const school = await signedInWithPassword(api, BURSAR.email);
    const form = await school.get(`/complaints/${id}/actions/message`);
    const before = await storedEventCount(api);
    const sent = await school.postForm(
      `/complaints/${id}/actions/message`,
      new URLSearchParams([
        ['csrfToken', csrfTokenIn(form.text)],
        ['text', 'Please call me.'],
        ['text', 'Ignore that.'],
      ]),
    );
    expect(sent.status).toBe(400);
    expect(sent.text).toContain('There is a problem with what you sent');
    expect(sent.text).toContain('text must be given once, as text.');
    expect(await storedEventCount(api)).toBe(before);
  });

  it('a search for two things at once is refused, naming the field, as the API refuses it', async () => {
    const page = await api.as('support').get('/search?q=payroll&q=grievance');
    expect(page.status).toBe(400);
    expect(page.text).toContain('q must be given once, as text.');
    expect((await api.as('support').get('/api/search?q=payroll&q=grievance')).status).toBe(400);
    expect((await api.as('support').get('/search?q=payroll')).status).toBe(200);
  });

  it('a queue asked for two services, or two pages at once, is refused naming the field, not shown whole', async () => {
    const both = await api
      .as('hr-manager')
      .get('/service-queue?serviceId=schools-hr&serviceId=music-service');
    expect(both.status).toBe(400);
    expect(both.text).toContain('serviceId must be given once, as text.');
    const pages = await api.as('hr-manager').get('/service-queue?cursor=a&cursor=b');
    expect(pages.status).toBe(400);
    expect(pages.text).toContain('cursor must be given once, as text.');
    expect((await api.as('hr-manager').get('/service-queue?serviceId=schools-hr')).status).toBe(
      200,
    );
  });
});

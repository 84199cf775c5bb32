import { type ComplaintsApp, lodgeBody, startComplaintsApp } from '../support/complaints-app';
import {
  addWithPassword,
  OFFICER,
  type Browser,
  fieldIn,
  signedInWithPassword,
} from '../support/signing-in';

const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, '’')
    .replace(/\s+/g, ' ');

/**
 * Someone writing in a form while a colleague acts on the complaint first: when what they wrote
 * can no longer be done, they are told what happened since they opened the form, and given back
 * what they wrote to copy (from the trial of the pages as a school and a service).
 */
describe('a form whose complaint moved on while it was being written', () => {
  let api: ComplaintsApp;
  let officer: Browser;

  beforeAll(async () => {
    api = await startComplaintsApp();
    await addWithPassword(api, OFFICER);
    officer = await signedInWithPassword(api, 'olu.officer@example.org');
  });
  afterAll(() => api.close());

  it('says what happened since, and gives back what was written', async () => {
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as { id: string }).id;
    const form = await officer.get(`/complaints/${id}/actions/reject`);
    const fields = {
      csrfToken: fieldIn(form.text, 'csrfToken')!,
      idempotencyKey: fieldIn(form.text, 'idempotencyKey')!,
      version: fieldIn(form.text, 'version')!,
    };
    // A colleague passes it to the service while the officer writes why it is out of scope.
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    const reason = 'This is about a school trip,\nwhich no traded service runs.';
    const refused = await officer.postForm(`/complaints/${id}/actions/reject`, {
      ...fields,
      reason,
    });
    const page = words(refused.text);
    expect(page).toContain('What happened since you opened the form');
    expect(page).toMatch(/Passed to the service: Business Support: support, 17 April 2025/);
    // Only what happened since: the complaint's lodging, before the form was opened, is not listed.
    const since = /What happened since you opened the form<\/h2>\s*<ul[^>]*>([\s\S]*?)<\/ul>/.exec(
      refused.text,
    )![1];
    expect(since.match(/<li>/g)).toHaveLength(1);
    expect(page).toContain('What you wrote, which was not sent');
    expect(refused.text).toContain('This is about a school trip,\nwhich no traded service runs.');
    const view = (await api.as('support').get(`/api/complaints/${id}`).expect(200)).body as {
      status: string;
    };
    expect(view.status).toBe('with-service');
  });
});

import { type CredentialStore, DEMO_TOTP_SECRET, totpCode } from '@sg/auth';
import { PeopleRecords } from '@sg/directory';
import { type Server } from 'node:http';
import { CREDENTIALS } from '../../apps/api/src/auth/auth.tokens';
import { type ComplaintsApp, startComplaintsApp } from '../support/complaints-app';
import { addWithPassword, Browser, TEST_PASSWORD, csrfTokenIn } from '../support/signing-in';

/** The error summary's links, in order: where each error sends the person, and what it says. */
function summaryOf(html: string): { href: string; text: string }[] {
  const summary = html.split('govuk-error-summary__list')[1]?.split('</ul>')[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map(([, href, text]) => ({
    href,
    text: text.replace(/&#39;|&rsquo;/g, '’').trim(),
  }));
}

/**
 * A URN well formed but of no school the council serves is told with the form's other errors,
 * beside the URN field, not only once the rest is put right.
 */
describe('forms that take a school’s URN', () => {
  let api: ComplaintsApp;
  let browser: Browser;

  beforeAll(async () => {
    api = await startComplaintsApp();
    await addWithPassword(api, {
      personId: 'support-officer',
      name: 'Sam Support',
      email: 'sam.support@example.org',
      roles: [{ role: 'business-support' }, { role: 'admin' }],
    });
    // An administrator proves a second factor: an authenticator enrolled as an administrator's is.
    await api.app
      .get<CredentialStore>(CREDENTIALS)
      .enrolSecondFactor('support-officer', DEMO_TOTP_SECRET);
    await new PeopleRecords(api.directory).secondFactorEnrolled('support-officer', {
      actor: { id: 'test', role: 'admin' },
    });
    browser = new Browser(api.app.getHttpServer() as Server);
    const signedIn = await browser.post('/api/auth/sign-in', {
      email: 'sam.support@example.org',
      password: TEST_PASSWORD,
    });
    expect(signedIn.body).toMatchObject({ stage: 'second-factor' });
    const proved = await browser.post('/api/auth/second-factor', {
      code: totpCode(DEMO_TOTP_SECRET, api.clock.now()),
    });
    expect(proved.status).toBe(200);
  });
  afterAll(() => api.close());

  const post = async (path: string, fields: Record<string, string>) => {
    const form = await browser.get(path);
    expect(form.status).toBe(200);
    return browser.postForm(path.replace(/\/new$/, ''), {
      csrfToken: csrfTokenIn(form.text),
      ...fields,
    });
  };

  /** An administrator adds a school's staff member on the page. */
  const addStaffOf = (schoolUrn: string, email: string) =>
    post('/admin/people/new', {
      name: 'Test Person',
      email,
      signIn: 'email-link',
      roles: 'school-staff',
      schoolUrn,
    });

  it('adding a person: an unknown URN beside the URN field, with the bad email address, in one go', async () => {
    const answer = await addStaffOf('999999', 'not an address');
    expect(answer.status).toBe(400);
    const errors = summaryOf(answer.text);
    expect(errors).toContainEqual({
      href: '#schoolUrn',
      text: 'There is no school with URN 999999',
    });
    expect(errors.map((error) => error.href)).toContain('#email');
  });

  it('adding a person: an unknown URN alone is shown beside the URN field, not the email address', async () => {
    const answer = await addStaffOf('999999', 'test.person@brookside.lancs.sch.uk');
    expect(answer.status).toBe(400);
    expect(summaryOf(answer.text)).toEqual([
      { href: '#schoolUrn', text: 'There is no school with URN 999999' },
    ]);
  });

  it('logging a complaint for a school: an unknown URN with the bad contact email, in one go', async () => {
    const answer = await post('/complaints/new/for-a-school', {
      channel: 'phone',
      schoolUrn: '999999',
      serviceId: 'schools-hr',
      summary: 'Advice came late',
      details: 'Asked on 20 March, heard on 10 April.',
      contactName: 'Jane Head',
      contactEmail: 'bad@',
    });
    expect(answer.status).toBe(400);
    const hrefs = summaryOf(answer.text).map((error) => error.href);
    expect(hrefs).toContain('#schoolUrn');
    expect(hrefs.length).toBeGreaterThanOrEqual(2);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'a role posted as %j, a name every object has, is asked for again beside the roles, not a 500',
    async (role) => {
      for (const [path, fields] of [
        [
          '/admin/people/new',
          { name: 'Ann Other', email: 'ann@example.org', signIn: 'password', roles: role },
        ],
        ['/admin/api-tokens/new', { name: 'Reports', roles: role }],
      ] as const) {
        const answer = await post(path, fields);
        expect(answer.status).toBe(400);
        expect(summaryOf(answer.text)).toContainEqual({
          href: '#roles',
          text: 'Select the roles again',
        });
      }
    },
  );

  it('lists the errors in the order of their fields on the page', async () => {
    const token = await post('/admin/api-tokens/new', { name: '', 'expiresAt-day': '31' });
    expect(token.status).toBe(400);
    expect(summaryOf(token.text)).toEqual([
      { href: '#name', text: 'Enter what the token is for' },
      { href: '#roles', text: 'Select at least one role' },
      expect.objectContaining({ href: '#expiresAt-day' }),
    ]);
    const logged = await post('/complaints/new/for-a-school', {
      schoolUrn: '119300',
      channel: 'phone',
      receivedAtDay: '31',
      receivedAtMonth: '2',
      receivedAtYear: '2025',
      summary: '',
      details: '',
      contactName: '',
    });
    expect(logged.status).toBe(400);
    const hrefs = summaryOf(logged.text).map((error) => error.href);
    expect(hrefs).toEqual(['#receivedAt', '#summary', '#details', '#contact-name']);
  });
});

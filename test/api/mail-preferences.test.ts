import { type Server } from 'node:http';
import request from 'supertest';
import { type ComplaintsApp, lodgeBody, startComplaintsApp } from '../support/complaints-app';
import {
  addWithPassword,
  Browser,
  cookiesSet,
  TEST_PASSWORD,
  csrfTokenIn,
} from '../support/signing-in';

/** The session cookie in development, where these tests run. */
const SESSION = 'sg-session';

const LEAD = {
  personId: 'hr-lead',
  name: 'Hal Lead',
  email: 'hal.lead@county.gov.uk',
  roles: [{ role: 'service-manager' as const, serviceIds: ['schools-hr'] }],
};

/** The form's token, and whether a checkbox is ticked, as the page wrote them. */
const isChecked = (html: string, value: string) =>
  new RegExp(`value="${value}" checked`).test(html);

/** "Emails you get": a service manager turns off one kind of mail, and only theirs stops. */
describe('the emails a person gets', () => {
  let api: ComplaintsApp;
  let server: Server;
  let lead: Browser;

  /** Posts the form as a browser does, a checkbox ticked twice sent twice; keeps what it sets. */
  async function postChoices(fields: readonly [string, string][]) {
    const response = await request(server)
      .post('/account/mail')
      .set('Cookie', `${SESSION}=${lead.cookie(SESSION)}`)
      .type('form')
      .send(new URLSearchParams([...fields]).toString());
    for (const [name, value] of Object.entries(cookiesSet(response))) lead.keepCookie(name, value);
    return response;
  }

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    await addWithPassword(api, LEAD);
    server = api.app.getHttpServer() as Server;
    lead = new Browser(server);
    const signedIn = await lead.post('/api/auth/sign-in', {
      email: LEAD.email,
      password: TEST_PASSWORD,
    });
    expect(signedIn.body).toMatchObject({ stage: 'signed-in' });
  });
  afterAll(() => api?.close());

  it('are all on until the person turns some off, and a school’s staff have no such page', async () => {
    const page = await lead.get('/account/mail');
    expect(page.status).toBe(200);
    expect(page.text).toContain('When a complaint, or a request, is referred to my service');
    expect(isChecked(page.text, 'referred')).toBe(true);
    expect(page.text).not.toContain('When a new complaint is lodged');
    expect((await api.as('head').get('/account/mail')).status).toBe(403);
  });

  it('once a kind is turned off, stop that person’s mail of that kind while others still get theirs', async () => {
    const page = await lead.get('/account/mail');
    // Everything offered but "when a complaint is referred to my service".
    const saved = await postChoices([
      ['csrfToken', csrfTokenIn(page.text)],
      ...['assigned', 'school-writes', 'resolution-answered', 'extension', 'outcome'].map(
        (choice): [string, string] => ['emails', choice],
      ),
    ]);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/account/mail');
    const shown = await lead.get('/account/mail');
    expect(shown.text).toContain('Your email choices have been saved');
    expect(isChecked(shown.text, 'referred')).toBe(false);
    expect(isChecked(shown.text, 'school-writes')).toBe(true);

    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    await api
      .as('head')
      .post(`/api/complaints/${id}/messages`, { text: 'Our deputy head can meet on Thursday.' })
      .expect(200);
    await api.clocksSettled();

    const sent = (kind: string) =>
      api
        .outbox()
        .filter((n) => n.complaintId === id && n.kind === kind)
        .map((n) => n.to.email)
        .sort();
    expect(sent('referred-to-service')).toEqual(['hr-manager@example.org']);
    expect(sent('message-for-service')).toEqual([
      'hal.lead@county.gov.uk',
      'hr-manager@example.org',
    ]);
    expect(sent('referred-for-school')).toEqual(['head@brookside.lancs.sch.uk']);
  });

  it('turned off in the evening, stops that kind’s mail already held for the morning', async () => {
    const choose = async (choices: readonly string[]) => {
      const page = await lead.get('/account/mail');
      const saved = await postChoices([
        ['csrfToken', csrfTokenIn(page.text)],
        ...choices.map((choice): [string, string] => ['emails', choice]),
      ]);
      expect(saved.status).toBe(303);
    };
    // Referred at 7pm: the mail to the service waits for 8am. (Signed in again: the evening
    // is long after the session's last use.)
    api.clock.set('2025-04-22T18:00:00.000Z');
    lead = new Browser(server);
    await lead.post('/api/auth/sign-in', { email: LEAD.email, password: TEST_PASSWORD });
    const everything = ['referred', 'assigned', 'school-writes', 'resolution-answered'];
    await choose([...everything, 'extension', 'outcome']);
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    await api.clocksSettled();
    const held = () =>
      api
        .outbox()
        .filter((n) => n.complaintId === id && n.kind === 'referred-to-service')
        .map((n) => [n.to.email, n.sentAt === null && n.withdrawnAt === null]);
    expect(held()).toEqual(
      expect.arrayContaining([
        ['hal.lead@county.gov.uk', true],
        ['hr-manager@example.org', true],
      ]),
    );
    await choose(
      everything.filter((choice) => choice !== 'referred').concat('extension', 'outcome'),
    );
    await api.clocksSettled();
    expect(held()).toEqual(
      expect.arrayContaining([
        ['hal.lead@county.gov.uk', false],
        ['hr-manager@example.org', true],
      ]),
    );
  });

  it('refuses a post without the page’s token, and changes nothing', async () => {
    const refused = await postChoices([
      ['csrfToken', 'forged'],
      ['emails', 'referred'],
    ]);
    expect(refused.status).toBe(403);
    expect(isChecked((await lead.get('/account/mail')).text, 'referred')).toBe(false);
  });

  it('refuses a token as long as the page’s in letters but not in bytes as the forgery it is', async () => {
    const token = csrfTokenIn((await lead.get('/account/mail')).text);
    const refused = await postChoices([
      ['csrfToken', 'é'.repeat(token.length)],
      ['emails', 'referred'],
    ]);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('This form has expired');
    expect(isChecked((await lead.get('/account/mail')).text, 'referred')).toBe(false);
  });
});

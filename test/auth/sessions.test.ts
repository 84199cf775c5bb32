import { totpCode } from '@sg/auth';
import { PeopleRecords } from '@sg/directory';
import { type Server } from 'node:http';
import request from 'supertest';
import { join } from 'node:path';
import { type ComplaintsApp, SCHOOL, startComplaintsApp } from '../support/complaints-app';
import { addWithPassword, Browser, csrfTokenIn, TEST_PASSWORD } from '../support/signing-in';
import { newestSignInLink } from '../support/eml-files';

const PASSWORD = TEST_PASSWORD;
const OFFICER = { email: 'olu.officer@county.gov.uk', password: PASSWORD };

/** People see and end their own sessions, administrators anyone's, and limits end them anyway. */
describe('sessions', () => {
  let api: ComplaintsApp;
  let server: Server;

  const signedIn = async (credentials: { email: string; password: string }) => {
    const browser = new Browser(server);
    expect((await browser.post('/api/auth/sign-in', credentials)).status).toBe(200);
    return browser;
  };

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      env: { NODE_ENV: 'test', DEV_IDENTITY_HEADER: 'disabled' },
    });
    server = api.app.getHttpServer() as Server;
    await addWithPassword(api, {
      personId: 'officer',
      name: 'Olu Officer',
      email: OFFICER.email,
      roles: [{ role: 'business-support' }],
    });
    await addWithPassword(api, {
      personId: 'admin',
      name: 'Adm In',
      email: 'adm.in@county.gov.uk',
      roles: [{ role: 'admin' }],
    });
    const people = new PeopleRecords(api.directory);
    const context = { actor: { id: 'test', role: 'admin' } };
    await people.registerSchoolAddress(
      SCHOOL,
      { kind: 'email', value: 'bursar@brookside.lancs.sch.uk' },
      context,
    );
  });
  afterAll(() => api.close());

  it('lists a person’s sessions, this one marked, and ends another of them', async () => {
    const laptop = await signedIn(OFFICER);
    const phone = await signedIn(OFFICER);
    const listed = (await laptop.get('/api/auth/sessions')).body as {
      key: string;
      current: boolean;
    }[];
    expect(listed.length).toBeGreaterThanOrEqual(2);
    expect(listed.filter((session) => session.current)).toHaveLength(1);
    const other = listed.find((session) => !session.current)!;
    expect((await laptop.delete(`/api/auth/sessions/${other.key}`)).status).toBe(204);
    expect((await phone.get('/api/queues/triage')).status).toBe(401);
    expect((await laptop.get('/api/queues/triage')).status).toBe(200);
    // Someone else's session is not theirs to end, and they learn nothing of it.
    expect((await laptop.delete(`/api/auth/sessions/${'0'.repeat(64)}`)).status).toBe(404);
  });

  it('acts for a signed-in browser only on requests from the app’s own pages, not from another site under the same domain', async () => {
    const officer = await signedIn(OFFICER);
    const refer = (site?: string) => {
      const sending = request(server)
        .post('/api/complaints/6f1c2a9e-0d4b-4c59-9f57-2a1de3b0c001/referral')
        .set('Cookie', officer.cookieHeader());
      return site ? sending.set('Sec-Fetch-Site', site) : sending;
    };
    for (const site of ['cross-site', 'same-site']) {
      const refused = await refer(site);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
    }
    // From its own pages, typed by the person, or from a client that is no browser: acted on (and
    // this complaint does not exist).
    for (const site of ['same-origin', 'none', undefined])
      expect((await refer(site)).status).toBe(404);
    // A browser that says nothing of the site still names the page's origin: scheme, host, port.
    const from = (origin: string) =>
      refer().set('Host', 'complaints.county.example').set('Origin', origin);
    for (const origin of [
      'http://intranet.county.example',
      'https://complaints.county.example',
      'http://complaints.county.example:8080',
      'null',
      'not a url',
    ]) {
      const refused = await from(origin);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
    }
    expect((await from('http://complaints.county.example')).status).toBe(404);
    // One that says the request is its own page's is believed, whatever a proxy did to Host.
    const proxied = refer('same-origin')
      .set('Host', '127.0.0.1:3000')
      .set('Origin', 'https://complaints.county.example');
    expect((await proxied).status).toBe(404);
  });

  it('lets an administrator end every session a person has', async () => {
    const officer = await signedIn(OFFICER);
    const admin = new Browser(server);
    await admin.post('/api/auth/sign-in', { email: 'adm.in@county.gov.uk', password: PASSWORD });
    const enrolment = await admin.post('/api/auth/second-factor/enrolment');
    const secret = (enrolment.body as { secret: string }).secret;
    await admin.post('/api/auth/second-factor/enrolment/confirmation', {
      code: totpCode(secret, api.clock.now()),
    });
    expect((await admin.get('/api/admin/people/officer/sessions')).body).not.toHaveLength(0);
    const ended = await admin.delete('/api/admin/people/officer/sessions');
    expect(ended.status).toBe(200);
    expect((await officer.get('/api/queues/triage')).status).toBe(401);
    expect((await admin.get('/api/admin/people/officer/sessions')).body).toEqual([]);
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    api.clock.set('2025-04-18T08:00:00.000Z');
    const busy = await signedIn(OFFICER);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      api.clock.set(
        new Date(Date.parse('2025-04-18T08:00:00.000Z') + minutes * 60_000).toISOString(),
      );
      expect((await busy.get('/api/queues/triage')).status).toBe(200);
    }
    api.clock.set('2025-04-18T20:00:00.000Z');
    expect((await busy.get('/api/queues/triage')).status).toBe(401);
  });

  it('keeps a page’s session going when asked, and tells a page whose session has ended', async () => {
    api.clock.set('2025-04-21T09:00:00.000Z');
    const writer = await signedIn(OFFICER);
    const page = await writer.get('/complaints/new/for-a-school');
    expect(page.text).toContain('data-seconds-left="1800" data-extendable="yes"');
    const csrfToken = csrfTokenIn(page.text);
    // Nothing else is asked between: only the keep-alive can have moved the session's end on.
    api.clock.set('2025-04-21T09:28:00.000Z');
    const kept = await writer.postForm('/session/keep-alive', { csrfToken });
    expect(kept.status).toBe(200);
    expect(kept.body).toEqual({ secondsLeft: 1800, extendable: true });
    // Half an hour from the first page would have ended it; the keep-alive moved its end on.
    api.clock.set('2025-04-21T09:45:00.000Z');
    expect((await writer.get('/api/queues/triage')).status).toBe(200);
    api.clock.set('2025-04-21T10:16:00.000Z');
    const ended = await writer.postForm('/session/keep-alive', { csrfToken });
    expect(ended.status).toBe(401);
    expect(ended.body).toMatchObject({ code: 'SIGNED_OUT' });
    // Another page's token is no way to keep a session going.
    const other = await signedIn(OFFICER);
    expect((await other.postForm('/session/keep-alive', { csrfToken: 'forged' })).status).toBe(403);
    // A page shown to nobody signed in has no session to warn of.
    expect((await new Browser(server).get('/')).text).not.toContain('data-sg-session-timeout');
  });

  it('signing in by link in a browser signed in as someone else ends that session', async () => {
    api.clock.set('2025-04-19T09:00:00.000Z');
    const browser = await signedIn(OFFICER);
    const before = browser.cookie('__Host-sg-session')!;
    await browser.post('/api/auth/email-link', { email: 'bursar@brookside.lancs.sch.uk' });
    const path = await newestSignInLink(
      join(api.dataDir, 'outbox'),
      'bursar@brookside.lancs.sch.uk',
    );
    const page = await browser.get(path);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)![1];
    expect(
      (await browser.postForm('/auth/email-link', { token: path.split('/').pop()!, formToken }))
        .status,
    ).toBe(303);
    expect((await browser.get('/api/auth/session')).body).toMatchObject({
      person: { roles: [{ role: 'school-staff', schoolUrn: SCHOOL }] },
    });
    const stale = new Browser(server);
    stale.keepCookie('__Host-sg-session', before);
    expect((await stale.get('/api/auth/session')).status).toBe(401);
  });
});

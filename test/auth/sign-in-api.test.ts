import Database from 'better-sqlite3';
import request from 'supertest';
import { type CredentialStore, totpCode } from '@sg/auth';
import { DirectoryWriter, PeopleRecords } from '@sg/directory';
import { type Server } from 'node:http';
import { join } from 'node:path';
import { CREDENTIALS } from '../../apps/api/src/auth/auth.tokens';
import {
  type ComplaintsApp,
  lodgeBody,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';
import { addWithPassword, Browser, TEST_PASSWORD } from '../support/signing-in';
import { newestSignInLink, signInLinksIn } from '../support/eml-files';
import { eventually } from '../support/eventually';

const PASSWORD = TEST_PASSWORD;
const COOKIE = '__Host-sg-session';
const BY_ADMIN = { actor: { id: 'test', role: 'admin' } };

/** Sign-in as council staff and schools use it over the API, outside development (Secure cookies). */
describe('signing in over the API', () => {
  let api: ComplaintsApp;
  let server: Server;
  let credentials: CredentialStore;

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      env: { NODE_ENV: 'test', DEV_IDENTITY_HEADER: 'disabled' },
    });
    server = api.app.getHttpServer() as Server;
    credentials = api.app.get<CredentialStore>(CREDENTIALS);
    await addWithPassword(api, {
      personId: 'chair',
      name: 'Ada Chair',
      email: 'ada.chair@county.gov.uk',
      roles: [{ role: 'board-member', chair: true }],
    });
    await addWithPassword(api, {
      personId: 'officer',
      name: 'Olu Officer',
      email: 'olu.officer@county.gov.uk',
      roles: [{ role: 'business-support' }],
    });
    await new PeopleRecords(api.directory).registerSchoolAddress(
      SCHOOL,
      { kind: 'domain', value: 'brookside.lancs.sch.uk' },
      BY_ADMIN,
    );
  });
  afterAll(() => api.close());

  /** The API's answer to a password sign-in in `browser`. */
  const signIn = (browser: Browser, email: string, password = PASSWORD) =>
    browser.post('/api/auth/sign-in', { email, password });

  /** A new browser, once it has given `email`'s password. */
  async function afterPassword(email: string): Promise<Browser> {
    const browser = new Browser(server);
    await signIn(browser, email);
    return browser;
  }

  /** Presses a sign-in link's button in `browser`, as its page offers it: the answer to that. */
  async function pressLink(browser: Browser, path: string) {
    const page = await browser.get(path);
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    return browser.postForm('/auth/email-link', { token: path.split('/').pop()!, formToken });
  }

  /** The link mailed to `email` once asked for in `browser`: one it did not have before. */
  async function askForLink(browser: Browser, email: string): Promise<string> {
    const outbox = join(api.dataDir, 'outbox');
    // Files are named by the clock, which tests hold still: the new one by what it holds.
    const before = signInLinksIn(outbox, email);
    expect((await browser.post('/api/auth/email-link', { email })).status).toBe(202);
    return newestSignInLink(outbox, email, before);
  }

  /**
   * Adds `person` as staff of a school (Brookside unless said), then asks for their link in a
   * browser of their own: the browser, and the link not yet pressed.
   */
  async function schoolStaffAskingForALink(person: {
    personId: string;
    name: string;
    email: string;
    schoolUrn?: string;
    signIn?: 'email-link';
  }) {
    const { schoolUrn = SCHOOL, ...rest } = person;
    await new PeopleRecords(api.directory).add(
      { ...rest, roles: [{ role: 'school-staff', schoolUrn }] },
      BY_ADMIN,
    );
    const browser = new Browser(server);
    return { browser, link: await askForLink(browser, person.email) };
  }

  /** Enrols a second factor in a browser signing in: the two answers, and the secret enrolled. */
  async function enrolSecondFactor(browser: Browser) {
    const enrolment = await browser.post('/api/auth/second-factor/enrolment');
    const { secret } = enrolment.body as { secret: string };
    const confirmed = await browser.post('/api/auth/second-factor/enrolment/confirmation', {
      code: totpCode(secret, api.clock.now()),
    });
    return { enrolment, secret, confirmed };
  }

  it('ignores the development header outside development', async () => {
    const refused = await new Browser(server).get('/api/queues/triage');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'SIGN_IN_REQUIRED' });
    const named = await api.as('support').get('/api/queues/triage');
    expect(named.status).toBe(401);
  });

  it('signs a Business Support officer in with a password: a Secure, HttpOnly, SameSite=Lax __Host- cookie', async () => {
    const browser = new Browser(server);
    const signedIn = await signIn(browser, 'Olu.Officer@county.gov.uk');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ stage: 'signed-in' });
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[]).find((line) =>
      line.startsWith(COOKIE),
    )!;
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/Domain=/);
    expect((await browser.get('/api/queues/triage')).status).toBe(200);
    expect((await browser.get('/api/auth/session')).body).toMatchObject({
      person: { id: 'officer', roles: [{ role: 'business-support' }] },
    });
    expect((await browser.post('/api/auth/sign-out')).status).toBe(204);
    expect((await browser.get('/api/queues/triage')).status).toBe(401);
  });

  it('answers a wrong password and an unknown address alike', async () => {
    const wrong = await signIn(
      new Browser(server),
      'olu.officer@county.gov.uk',
      'not the password at all',
    );
    const unknown = await signIn(new Browser(server), 'nobody@county.gov.uk');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('makes a Board member enrol a second factor, then asks for a code every time, and rotates the session id at each step', async () => {
    const browser = new Browser(server);
    const first = await signIn(browser, 'ada.chair@county.gov.uk');
    expect(first.body).toEqual({ stage: 'second-factor-enrolment' });
    const pending = browser.cookie(COOKIE);
    expect((await browser.get('/api/queues/board/awaiting-decision')).status).toBe(401);
    const { enrolment, secret, confirmed } = await enrolSecondFactor(browser);
    expect(enrolment.status).toBe(200);
    expect((enrolment.body as { otpauthUri: string }).otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(confirmed.status).toBe(200);
    const recoveryCodes = (confirmed.body as { recoveryCodes: string[] }).recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(browser.cookie(COOKIE)).not.toBe(pending);
    expect((await browser.get('/api/queues/board/awaiting-decision')).status).toBe(200);

    // The next time: password, then a code; a code works once, a recovery code once.
    api.clock.set('2025-04-17T09:05:00.000Z');
    const again = new Browser(server);
    expect((await signIn(again, 'ada.chair@county.gov.uk')).body).toEqual({
      stage: 'second-factor',
    });
    const code = totpCode(secret, api.clock.now());
    expect(
      (
        await again.post('/api/auth/second-factor', {
          code: '000000' === code ? '111111' : '000000',
        })
      ).status,
    ).toBe(401);
    expect((await again.post('/api/auth/second-factor', { code })).body).toEqual({
      stage: 'signed-in',
    });
    const replay = await afterPassword('ada.chair@county.gov.uk');
    expect((await replay.post('/api/auth/second-factor', { code })).status).toBe(401);
    expect(
      (await replay.post('/api/auth/second-factor', { recoveryCode: recoveryCodes[0] })).body,
    ).toEqual({ stage: 'signed-in' });
    const reused = await afterPassword('ada.chair@county.gov.uk');
    expect(
      (await reused.post('/api/auth/second-factor', { recoveryCode: recoveryCodes[0] })).status,
    ).toBe(401);
    expect((await credentials.lockout('chair')).failures).toBeGreaterThan(0);
    expect(
      (await reused.post('/api/auth/second-factor', { recoveryCode: recoveryCodes[1] })).status,
    ).toBe(200);
  });

  it('keeps the secret being enrolled across a reload and a mistyped code, until it is confirmed', async () => {
    await addWithPassword(api, {
      personId: 'finance-lead',
      name: 'Fin Lead',
      email: 'fin.lead@county.gov.uk',
      roles: [{ role: 'finance' }],
    });
    const browser = await afterPassword('fin.lead@county.gov.uk');
    const secretOf = async () =>
      ((await browser.post('/api/auth/second-factor/enrolment')).body as { secret: string }).secret;
    const first = await secretOf();
    expect(await secretOf()).toBe(first);
    const wrong = await browser.post('/api/auth/second-factor/enrolment/confirmation', {
      code: '000000',
    });
    expect(wrong.status).toBe(401);
    expect(await secretOf()).toBe(first);
    const confirmed = await browser.post('/api/auth/second-factor/enrolment/confirmation', {
      code: totpCode(first, api.clock.now()),
    });
    expect(confirmed.status).toBe(200);
  });

  it('locks an account after five wrong passwords, even against the right one, for a minute', async () => {
    api.clock.set('2025-04-17T10:00:00.000Z');
    const browser = new Browser(server);
    // A success first: failures count in a row, and an earlier test left one.
    expect((await signIn(browser, 'olu.officer@county.gov.uk')).status).toBe(200);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(
        (await signIn(browser, 'olu.officer@county.gov.uk', `wrong password ${attempt}`)).status,
      ).toBe(401);
    }
    const locked = await signIn(browser, 'olu.officer@county.gov.uk');
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('60');
    api.clock.set('2025-04-17T10:01:00.000Z');
    expect((await signIn(browser, 'olu.officer@county.gov.uk')).status).toBe(200);
  });

  it('locks an address with no account as it locks an account, so the lockout says nothing about which addresses have one', async () => {
    // A quarter of an hour on: the tries of the test before count in a window of their own.
    api.clock.set('2025-04-17T10:30:00.000Z');
    const browser = new Browser(server);
    const answers = async (email: string) => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 7; attempt += 1)
        statuses.push((await signIn(browser, email, `wrong password ${attempt}`)).status);
      return statuses;
    };
    const known = await answers('olu.officer@county.gov.uk');
    const unknown = await answers('nobody.here@county.gov.uk');
    expect(known).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(unknown).toEqual(known);
    api.clock.set('2025-04-17T10:31:00.000Z');
    expect((await signIn(browser, 'olu.officer@county.gov.uk')).status).toBe(200);
  });

  it('lets a whole county hall sign in from one address at once, and counts only what fails there', async () => {
    api.clock.set('2025-04-19T09:00:00.000Z');
    const staff = Array.from({ length: 12 }, (_, i) => `hall.officer.${i}@county.gov.uk`);
    for (const [i, email] of staff.entries())
      await addWithPassword(api, {
        personId: `hall-${i}`,
        name: `Hall Officer ${i}`,
        email,
        roles: [{ role: 'business-support' }],
      });
    const statuses: number[] = [];
    for (let round = 0; round < 5; round += 1)
      for (const email of staff) statuses.push((await signIn(new Browser(server), email)).status);
    expect(statuses).toEqual(Array.from({ length: 60 }, () => 200));

    // Sixty guesses at once, at sixty addresses: fifty are tried, however they interleave.
    const guesses = await Promise.all(
      Array.from(
        { length: 60 },
        async (_, i) => (await signIn(new Browser(server), `guess.${i}@county.gov.uk`, 'x')).status,
      ),
    );
    expect(guesses.filter((status) => status === 401)).toHaveLength(50);
    expect(guesses.filter((status) => status === 429)).toHaveLength(10);
    // Fifty failures from this address: now even a right password is not tried from it.
    const refused = await signIn(new Browser(server), staff[0]);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    api.clock.set('2025-04-19T09:15:00.000Z');
    expect((await signIn(new Browser(server), staff[0])).status).toBe(200);
  });

  it('signs one person in as often as they like (a laptop, a phone, the laptop again), where ten wrong guesses at the address are all it gets', async () => {
    api.clock.set('2025-04-20T09:00:00.000Z');
    const rights: number[] = [];
    for (let i = 0; i < 12; i += 1)
      rights.push((await signIn(new Browser(server), 'olu.officer@county.gov.uk')).status);
    expect(rights).toEqual(Array.from({ length: 12 }, () => 200));
    // An address with no account: no lockout of a person, only the limit on attempts at it.
    const guesses: number[] = [];
    for (let i = 0; i < 11; i += 1)
      guesses.push(
        (await signIn(new Browser(server), 'no.one@county.gov.uk', `guess ${i}`)).status,
      );
    expect(guesses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(guesses.at(-1)).toBe(429);
  });

  it('ends a session idle for 30 minutes', async () => {
    api.clock.set('2025-04-17T11:00:00.000Z');
    const browser = await afterPassword('olu.officer@county.gov.uk');
    api.clock.set('2025-04-17T11:29:00.000Z');
    expect((await browser.get('/api/queues/triage')).status).toBe(200);
    api.clock.set('2025-04-17T11:58:59.000Z');
    expect((await browser.get('/api/queues/triage')).status).toBe(200);
    api.clock.set('2025-04-17T12:29:00.000Z');
    expect((await browser.get('/api/queues/triage')).status).toBe(401);
  });

  it('signs school staff in by a one-time link to an address at their school, by a button, once', async () => {
    api.clock.set('2025-04-18T09:00:00.000Z');
    const browser = new Browser(server);
    // The stranger asks first: by the time the bursar's link has come, one for them would have.
    const stranger = await browser.post('/api/auth/email-link', {
      email: 'someone@elsewhere.example',
    });
    const asked = await browser.post('/api/auth/email-link', {
      email: 'bursar@brookside.lancs.sch.uk',
    });
    expect(asked.status).toBe(202);
    expect(stranger.body).toEqual(asked.body);
    const outbox = join(api.dataDir, 'outbox');
    const path = await newestSignInLink(outbox, 'bursar@brookside.lancs.sch.uk');
    expect(signInLinksIn(outbox, 'someone@elsewhere.example')).toEqual([]);

    const page = await browser.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<button type="submit"[^>]*>\s*Sign in\s*<\/button>/);
    expect(browser.cookie(COOKIE)).toBeUndefined();
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)![1];
    const token = path.split('/').pop()!;

    const forged = await new Browser(server).postForm('/auth/email-link', { token, formToken });
    expect(forged.status).toBe(403);
    // A page, not a form: a stranger's page could lead someone to press a button signing them in.
    expect(forged.text).toContain('This page has expired');
    expect(forged.text).not.toContain('name="formToken"');
    const signedIn = await browser.postForm('/auth/email-link', { token, formToken });
    expect(signedIn.status).toBe(303);
    expect(browser.cookie(COOKIE)).toBeDefined();
    const session = await browser.get('/api/auth/session');
    expect(session.body).toMatchObject({
      person: { roles: [{ role: 'school-staff', schoolUrn: SCHOOL }] },
    });

    const lodged = await browser.post('/api/complaints', lodgeBody());
    expect(lodged.status).toBe(201);
    expect(
      (await browser.post('/api/complaints', lodgeBody({ schoolUrn: OTHER_SCHOOL }))).status,
    ).toBe(403);

    const again = await new Browser(server).get(path);
    expect(again.status).toBe(410);
    const usedAgain = await browser.postForm('/auth/email-link', { token, formToken });
    expect(usedAgain.status).toBe(410);
    expect(usedAgain.text).toContain('This link has been used or has expired');
  });

  it('counts under the limit of links for an address only those not used: signing in four times in a quarter hour works, asking four times does not', async () => {
    api.clock.set('2025-04-22T09:00:00.000Z');
    const signIn = async (email: string) => {
      const browser = new Browser(server);
      return pressLink(browser, await askForLink(browser, email));
    };
    for (let time = 0; time < 4; time += 1)
      expect((await signIn('head.office@brookside.lancs.sch.uk')).status).toBe(303);

    const asked = [];
    for (let time = 0; time < 4; time += 1)
      asked.push(
        (
          await new Browser(server).post('/api/auth/email-link', {
            email: 'deputy.office@brookside.lancs.sch.uk',
          })
        ).status,
      );
    expect(asked).toEqual([202, 202, 202, 429]);
  });

  it('takes a school away from staff whose address gave it, once the school’s domain is removed, and gives it back with the domain', async () => {
    api.clock.set('2025-04-18T10:00:00.000Z');
    const records = new PeopleRecords(api.directory);
    const domain = { kind: 'domain' as const, value: 'brookside.lancs.sch.uk' };
    const byLink = async (email: string) => {
      const browser = new Browser(server);
      await pressLink(browser, await askForLink(browser, email));
      return browser;
    };
    const clerk = await byLink('clerk@brookside.lancs.sch.uk');
    // Whom an administrator made the school's staff keeps it whatever its addresses.
    await addWithPassword(api, {
      personId: 'governor-brookside',
      name: 'Gwen Governor',
      email: 'gwen@brookside.lancs.sch.uk',
      roles: [{ role: 'school-staff', schoolUrn: SCHOOL }],
    });
    expect((await clerk.get('/api/complaints')).status).toBe(200);

    await records.removeSchoolAddress(SCHOOL, domain, BY_ADMIN);
    // The session they have: its next request already finds no school.
    expect((await clerk.get('/api/auth/session')).body).toMatchObject({ person: { roles: [] } });
    expect((await clerk.get('/api/complaints')).status).toBe(403);
    expect((await api.directory.person('governor-brookside'))?.roles).toEqual([
      { role: 'school-staff', schoolUrn: SCHOOL },
    ]);

    await records.registerSchoolAddress(SCHOOL, domain, BY_ADMIN);
    const back = await byLink('clerk@brookside.lancs.sch.uk');
    expect((await back.get('/api/auth/session')).body).toMatchObject({
      person: { roles: [{ role: 'school-staff', schoolUrn: SCHOOL }] },
    });
  });

  it('sends a school’s link to the address as registered, never to a spelling that only folds to it', async () => {
    const registered = 'kate@brookside-staff.example';
    await new PeopleRecords(api.directory).registerSchoolAddress(
      SCHOOL,
      { kind: 'email', value: registered },
      BY_ADMIN,
    );
    const outbox = join(api.dataDir, 'outbox');
    const before = signInLinksIn(outbox, registered).length;
    // A Kelvin sign (U+212A) lower-cases to the letter k: someone else's mailbox, maybe.
    const asked = await new Browser(server).post('/api/auth/email-link', {
      email: '\u212Aate@brookside-staff.example',
    });
    expect(asked.status).toBe(202);
    await eventually(() => signInLinksIn(outbox, registered).length > before);
  });

  it('lets an administrator make an API token for an integration, which works until revoked', async () => {
    await addWithPassword(api, {
      personId: 'admin',
      name: 'Adm In',
      email: 'adm.in@county.gov.uk',
      roles: [{ role: 'admin' }],
    });
    const admin = await afterPassword('adm.in@county.gov.uk');
    await enrolSecondFactor(admin);

    const refused = await admin.post('/api/admin/api-tokens', {
      name: 'CRM',
      roles: [{ role: 'finance' }],
      expiresAt: '2026-04-18T09:00:00Z',
    });
    expect(refused.status).toBe(422);
    // Roles a token cannot hold are refused as a person's are: the engine's own, malformed ones.
    for (const roles of [
      [{ role: 'system' }],
      [{ role: 'service-manager', serviceId: 'music-service' }],
      [{ role: 'nonsense' }, 5],
    ]) {
      const malformed = await admin.post('/api/admin/api-tokens', {
        name: 'CRM',
        roles,
        expiresAt: '2026-04-18T09:00:00Z',
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({
        errors: [expect.objectContaining({ field: 'roles' })],
      });
    }
    const made = await admin.post('/api/admin/api-tokens', {
      name: 'CRM',
      roles: [{ role: 'business-support' }],
      expiresAt: '2026-04-18T09:00:00Z',
    });
    expect(made.status).toBe(201);
    const { token, tokenId } = made.body as { token: string; tokenId: string };
    const bearer = (path: string) =>
      request(server).get(path).set('Authorization', `Bearer ${token}`);
    expect((await bearer('/api/queues/triage')).status).toBe(200);
    expect((await bearer('/api/queues/board/awaiting-decision')).status).toBe(403);
    expect(JSON.stringify((await admin.get('/api/admin/api-tokens')).body)).not.toContain(token);
    // A token stored with roles no token may hold (before they were checked) does not work.
    const credentials = new Database(join(api.dataDir, 'credentials.sqlite'));
    const setRoles = (roles: object) =>
      credentials
        .prepare('UPDATE api_tokens SET roles_json = ? WHERE token_id = ?')
        .run(JSON.stringify(roles), tokenId);
    try {
      setRoles([{ role: 'system' }]);
      expect((await bearer('/api/queues/triage')).status).toBe(401);
      setRoles([{ role: 'service-manager' }]);
      expect((await bearer('/api/queues/triage')).status).toBe(401);
      setRoles([{ role: 'business-support' }]);
      expect((await bearer('/api/queues/triage')).status).toBe(200);
    } finally {
      credentials.close();
    }
    expect(
      (await admin.post(`/api/admin/api-tokens/${tokenId}/revocation`, { reason: 'CRM retired' }))
        .status,
    ).toBe(204);
    expect((await bearer('/api/queues/triage')).status).toBe(401);
  });

  // Last: a school stands at the council's own domain, as an import from before administrators'
  // domains were checked might have put it.
  it('ends a session a link began once its holder is given a council role, which a link never signs in', async () => {
    const records = new PeopleRecords(api.directory);
    const { browser, link } = await schoolStaffAskingForALink({
      personId: 'deputy',
      name: 'Dee Deputy',
      email: 'dee.deputy@brookside.lancs.sch.uk',
    });
    const signedIn = await pressLink(browser, link);
    expect(signedIn.status).toBe(303);
    expect((await browser.get('/api/auth/session')).status).toBe(200);
    // Made a Board member: the link's session would otherwise carry the Board's role unproven.
    await records.setRoles(
      'deputy',
      [
        { role: 'school-staff', schoolUrn: SCHOOL },
        { role: 'board-member', chair: false },
      ],
      BY_ADMIN,
    );
    expect((await browser.get('/api/queues/board/awaiting-decision')).status).toBe(401);
    expect((await browser.get('/api/auth/session')).status).toBe(401);
  });

  it('ends a password session once its holder is given a role that needs a second factor it never gave, and keeps one that gave it', async () => {
    const records = new PeopleRecords(api.directory);
    await addWithPassword(api, {
      personId: 'clerk',
      name: 'Cal Clerk',
      email: 'cal.clerk@county.gov.uk',
      roles: [{ role: 'business-support' }],
    });
    const clerk = await afterPassword('cal.clerk@county.gov.uk');
    expect((await clerk.get('/api/auth/session')).status).toBe(200);
    await records.setRoles('clerk', [{ role: 'business-support' }, { role: 'admin' }], BY_ADMIN);
    expect((await clerk.get('/api/admin/people')).status).toBe(401);
    expect((await clerk.get('/api/auth/session')).status).toBe(401);
    expect((await signIn(new Browser(server), 'cal.clerk@county.gov.uk')).body).toEqual({
      stage: 'second-factor-enrolment',
    });

    await addWithPassword(api, {
      personId: 'treasurer',
      name: 'Tia Treasurer',
      email: 'tia.treasurer@county.gov.uk',
      roles: [{ role: 'finance' }],
    });
    const treasurer = await afterPassword('tia.treasurer@county.gov.uk');
    expect((await enrolSecondFactor(treasurer)).confirmed.status).toBe(200);
    await records.setRoles('treasurer', [{ role: 'finance' }, { role: 'admin' }], BY_ADMIN);
    expect((await treasurer.get('/api/admin/people')).status).toBe(200);
  });

  it('sends no link to school staff an administrator moved to a password, and a link sent before stops working', async () => {
    const outbox = join(api.dataDir, 'outbox');
    const { browser, link } = await schoolStaffAskingForALink({
      personId: 'head-of-year',
      name: 'Hal Year',
      email: 'hal.year@brookside.lancs.sch.uk',
      signIn: 'email-link',
    });
    await new PeopleRecords(api.directory).changeSignIn('head-of-year', 'password', BY_ADMIN);
    const refused = await pressLink(browser, link);
    expect(refused.status).toBe(410);
    expect(browser.cookie(COOKIE)).toBeUndefined();
    // Asked for again: answered as anyone is, and no link is sent.
    const before = signInLinksIn(outbox, 'hal.year@brookside.lancs.sch.uk');
    expect(
      (
        await new Browser(server).post('/api/auth/email-link', {
          email: 'hal.year@brookside.lancs.sch.uk',
        })
      ).status,
    ).toBe(202);
    await api.clocksSettled();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(signInLinksIn(outbox, 'hal.year@brookside.lancs.sch.uk')).toEqual(before);
  });

  it('never signs a council account in by an email link, even at an address a school registered', async () => {
    const records = new PeopleRecords(api.directory);
    const writer = new DirectoryWriter(api.directory, BY_ADMIN);
    const nursery = {
      urn: '119399',
      name: 'Council Staff Nursery',
      phase: 'nursery',
      type: 'Local authority nursery school',
      localAuthority: 'Lancashire',
      inCounty: true,
      pupils: 40,
      emails: [],
      domains: ['county.gov.uk'],
    } as const;
    await writer.schools([nursery]);
    const outbox = join(api.dataDir, 'outbox');
    const linksTo = (email: string) => signInLinksIn(outbox, email);
    try {
      // The officer asks: the same answer as anyone's, and no link is sent.
      const asked = await new Browser(server).post('/api/auth/email-link', {
        email: 'olu.officer@county.gov.uk',
      });
      expect(asked.status).toBe(202);
      // A school's address asks after: once its link has come, one for the officer would have.
      const before = linksTo('bursar@brookside.lancs.sch.uk').length;
      await new Browser(server).post('/api/auth/email-link', {
        email: 'bursar@brookside.lancs.sch.uk',
      });
      await eventually(() => linksTo('bursar@brookside.lancs.sch.uk').length > before);
      expect(linksTo('olu.officer@county.gov.uk')).toEqual([]);

      // A link sent while its holder was school staff alone stops working once they hold more.
      // (Registered, as an import has them: someone added to sign in with a password gets no link.)
      const { browser, link: path } = await schoolStaffAskingForALink({
        personId: 'governor',
        name: 'Gil Governor',
        email: 'gil.governor@county.gov.uk',
        schoolUrn: OTHER_SCHOOL,
      });
      await records.setRoles(
        'governor',
        [{ role: 'school-staff', schoolUrn: OTHER_SCHOOL }, { role: 'finance' }],
        BY_ADMIN,
      );
      const refused = await pressLink(browser, path);
      expect(refused.status).toBe(410);
      expect(browser.cookie(COOKIE)).toBeUndefined();
    } finally {
      await writer.schools([{ ...nursery, domains: [] }]);
    }
  });
});

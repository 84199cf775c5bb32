/**
 * Issue 12's "done when": NODE_ENV=production with an OpenID provider and Redis serves every role
 * end to end over the API. Everything runs as it would at a council: the test OpenID provider and
 * the compiled API as processes of their own (the API with its worker in-process, sessions and
 * rate limits in Redis under a prefix of this run's own), the directory filled by the CLI, and
 * every person signing in over HTTP as a browser would: council staff through the provider's
 * login and consent pages (the whole authorisation-code flow), school staff by a one-time link.
 */
import IORedis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot, runBuilt, startBuilt, type StartedProcess } from '../support/run-built';
import { signInByEmailLink } from '../support/signing-in-over-http';
import {
  beginProviderSignIn,
  freePort,
  HttpBrowser,
  signInThroughProvider,
  type StartedProvider,
  startOidcProvider,
} from '../support/signing-in-through-provider';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const COOKIE = '__Host-sg-session';
const SCHOOL = '119300';
const OTHER_SCHOOL = '119301';
const CONTRACT = 'C2026-119300-HR';
const HEAD = 'head@brookside.lancs.sch.uk';
const CLIENT = {
  client_id: 'service-guarantee',
  client_secret: 'service-guarantee-production-test-secret',
};

/** Council staff: the login name at the provider, which gives `<login>@council.example`. */
const STAFF = {
  support: { login: 'bea.support', roles: [{ role: 'business-support' }] },
  manager: {
    login: 'sam.manager',
    roles: [{ role: 'service-manager', serviceIds: ['schools-hr'] }],
  },
  chair: { login: 'cal.chair', roles: [{ role: 'board-member', chair: true }] },
  member: { login: 'dee.member', roles: [{ role: 'board-member', chair: false }] },
  finance: { login: 'fin.finance', roles: [{ role: 'finance' }] },
  scrutiny: { login: 'sue.scrutiny', roles: [{ role: 'scrutiny' }] },
} as const;
type StaffKey = keyof typeof STAFF;

const emailOf = (login: string) => `${login}@council.example`;
const fixture = (name: string) => join(repositoryRoot, 'test/fixtures', name);

interface SessionAnswer {
  person: { id: string; name: string; email: string | null; roles: unknown[] };
  session: { key: string; method: string; current: boolean } | null;
}

interface ComplaintView {
  id: string;
  reference: string;
  status: string;
  closure: { outcome: string } | null;
}

interface Page {
  items: { id: string }[];
}

describe('production: the OpenID provider, Redis and every role over the API', () => {
  const prefix = `sg-e2e-${randomBytes(6).toString('hex')}`;
  let dataDir: string;
  let engineUrl: string;
  let env: Record<string, string>;
  let provider: StartedProvider | undefined;
  let api: StartedProcess | undefined;
  let redis: IORedis;

  const admin = new HttpBrowser('admin');
  const staff = Object.fromEntries(
    Object.keys(STAFF).map((key) => [key, new HttpBrowser(key)]),
  ) as Record<StaffKey, HttpBrowser>;
  const head = new HttpBrowser('head');
  const personIds: Partial<Record<StaffKey, string>> = {};
  let complaintId = '';

  /** A call to the engine in `browser`'s session; the body, parsed when it is JSON. */
  async function call(browser: HttpBrowser, path: string, body?: unknown, method?: string) {
    const response = await browser.visit(`${engineUrl}${path}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      json: body,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (a page, or nothing): kept as text.
    }
    return { status: response.status, body: parsed as Record<string, unknown>, response };
  }

  /** The status and the body together, so a failing expectation shows what the engine said. */
  const outcome = async (answer: Promise<{ status: number; body: unknown }>) => {
    const { status, body } = await answer;
    return { status, body };
  };

  const sessionKeys = async () => {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}:session:*`, count: 500 }))
      keys.push(...(batch as string[]));
    return keys;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-production-'));
    const port = await freePort();
    engineUrl = `http://127.0.0.1:${port}`;
    redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
    provider = await startOidcProvider([
      { ...CLIENT, redirect_uris: [`${engineUrl}/auth/identity-provider/callback`] },
    ]);
    env = {
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      EVENT_STORE: 'sqlite',
      DEMO_DATA: 'off',
      WORKER_MODE: 'in-process',
      REDIS_URL,
      DEADLINES_PREFIX: prefix,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.client_id,
      OIDC_CLIENT_SECRET: CLIENT.client_secret,
      PUBLIC_URL: engineUrl,
      PORT: String(port),
      LISTEN_ADDRESS: '127.0.0.1',
      DEV_IDENTITY_HEADER: 'disabled',
    };
    // In production the directory starts empty: the council's schools and contracts come first.
    for (const [command, file] of [
      ['import-schools', 'gias-schools-sample.csv'],
      ['import-contracts', 'contracts-sample.csv'],
    ]) {
      const imported = runBuilt('cli', [command, '--file', fixture(file)], env);
      if (imported.status !== 0) throw new Error(`${command}: ${imported.stderr}`);
    }
    // In production the engine logs JSON lines: the URL ends at the closing quote.
    api = await startBuilt('api', env, /listening on (http:\/\/[^\s"]+)/);
    if (api.url !== engineUrl) throw new Error(`the API listens at ${api.url}, not ${engineUrl}`);
  }, 40_000);

  afterAll(async () => {
    await api?.stop();
    await provider?.stop();
    if (redis) {
      const keys: string[] = [];
      for await (const batch of redis.scanStream({ match: `${prefix}:*`, count: 500 }))
        keys.push(...(batch as string[]));
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it('1. the CLI adds the first administrator, who signs in through the provider (code flow with PKCE)', async () => {
    const added = runBuilt(
      'cli',
      [
        'add-administrator',
        '--name',
        'Ada Admin',
        '--email',
        emailOf('ada.admin'),
        '--sign-in',
        'identity-provider',
      ],
      env,
    );
    expect(added).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/Added Ada Admin <ada\.admin@council\.example> as an admin/),
    });

    // Nobody is signed in yet.
    expect(await outcome(call(admin, '/api/auth/session'))).toMatchObject({
      status: 401,
      body: { code: 'SIGN_IN_REQUIRED' },
    });

    const { began, callback } = await beginProviderSignIn(admin, engineUrl, 'ada.admin');
    const authorisation = new URL(began.headers.get('location')!);
    expect(authorisation.origin).toBe(provider!.issuer);
    expect(Object.fromEntries(authorisation.searchParams)).toMatchObject({
      client_id: CLIENT.client_id,
      response_type: 'code',
      redirect_uri: `${engineUrl}/auth/identity-provider/callback`,
      code_challenge_method: 'S256',
      state: expect.any(String),
      nonce: expect.any(String),
    });
    const pending = admin.cookie(COOKIE);
    expect(pending).toEqual(expect.any(String));
    const cookieLine = began.headers.getSetCookie().find((line) => line.startsWith(COOKIE))!;
    expect(cookieLine).toMatch(/; HttpOnly/);
    expect(cookieLine).toMatch(/; Secure/);
    expect(cookieLine).toMatch(/; SameSite=Lax/);

    const back = await admin.visit(callback);
    expect(back.status).toBe(303);
    // Home, with the work waiting for them, as after signing in any other way.
    expect(back.headers.get('location')).toBe('/home');
    // The session id is rotated at sign-in.
    expect(admin.cookie(COOKIE)).toEqual(expect.any(String));
    expect(admin.cookie(COOKIE)).not.toBe(pending);

    expect(await outcome(call(admin, '/api/auth/session'))).toMatchObject({
      status: 200,
      body: {
        person: { name: 'Ada Admin', email: emailOf('ada.admin'), roles: [{ role: 'admin' }] },
        session: { method: 'identity-provider', current: true },
      },
    });
  }, 20_000);

  it('2. the administrator adds the council staff and a school address; each signs in through the provider', async () => {
    for (const [key, person] of Object.entries(STAFF) as [StaffKey, (typeof STAFF)[StaffKey]][]) {
      const added = await call(admin, '/api/admin/people', {
        name: person.login,
        email: emailOf(person.login),
        signIn: 'identity-provider',
        roles: person.roles,
      });
      expect({ status: added.status, body: added.body }).toMatchObject({
        status: 201,
        body: { email: emailOf(person.login), roles: person.roles, signIn: 'identity-provider' },
      });
      personIds[key] = added.body.id as string;
    }
    expect(
      await outcome(
        call(admin, `/api/admin/schools/${SCHOOL}/addresses`, { kind: 'email', value: HEAD }),
      ),
    ).toMatchObject({ status: 200, body: { urn: SCHOOL, emails: expect.arrayContaining([HEAD]) } });

    for (const [key, person] of Object.entries(STAFF) as [StaffKey, (typeof STAFF)[StaffKey]][]) {
      const back = await signInThroughProvider(staff[key], engineUrl, person.login);
      expect({
        who: key,
        status: back.status,
        body: back.status === 303 ? '' : await back.text(),
      }).toEqual({ who: key, status: 303, body: '' });
      expect(await outcome(call(staff[key], '/api/auth/session'))).toMatchObject({
        status: 200,
        body: {
          person: { id: personIds[key], email: emailOf(person.login), roles: person.roles },
          session: { method: 'identity-provider' },
        },
      });
    }
  }, 30_000);

  it('3. school staff lodge by a one-time link; Business Support refers; the service manager contacts and proposes; the school confirms', async () => {
    const cookies = await signInByEmailLink(engineUrl, HEAD, join(dataDir, 'outbox'));
    for (const pair of cookies.split('; ')) {
      const at = pair.indexOf('=');
      head.setCookie(pair.slice(0, at), pair.slice(at + 1));
    }
    expect(await outcome(call(head, '/api/auth/session'))).toMatchObject({
      status: 200,
      body: {
        person: { email: HEAD, roles: [{ role: 'school-staff', schoolUrn: SCHOOL }] },
        session: { method: 'email-link' },
      },
    });

    const lodgement = {
      channel: 'web-form',
      schoolUrn: SCHOOL,
      serviceId: 'schools-hr',
      summary: 'Advice on a grievance came three weeks late',
      details: 'We asked for advice on 2 November and heard nothing until 23 November.',
      standards: ['listen-and-respond'],
      contact: { name: 'Jane Head', role: 'Headteacher', email: HEAD },
      relatedContractId: CONTRACT,
    };
    // School staff: refused for another school, and refused the council's queues.
    expect(
      await outcome(call(head, '/api/complaints', { ...lodgement, schoolUrn: OTHER_SCHOOL })),
    ).toMatchObject({ status: 403 });
    expect((await call(head, '/api/queues/triage')).status).toBe(403);
    const lodged = await call(head, '/api/complaints', lodgement);
    expect({ status: lodged.status, body: lodged.body }).toMatchObject({
      status: 201,
      body: { status: 'lodged', reference: expect.stringMatching(/^SG-2026-\d{6}$/) },
    });
    complaintId = (lodged.body as unknown as ComplaintView).id;

    // Business Support: its triage queue, the referral; not the administrators' pages.
    const triage = await call(staff.support, '/api/queues/triage');
    expect(triage.status).toBe(200);
    expect((triage.body as unknown as Page).items.map((item) => item.id)).toContain(complaintId);
    expect((await call(staff.support, '/api/admin/people')).status).toBe(403);
    expect(
      await outcome(call(staff.support, `/api/complaints/${complaintId}/referral`, {})),
    ).toMatchObject({ status: 200, body: { status: 'with-service' } });

    // The service manager: their queue, contact, a proposed resolution; not Business Support's work.
    const queue = await call(staff.manager, '/api/queues/service');
    expect(queue.status).toBe(200);
    expect((queue.body as unknown as Page).items.map((item) => item.id)).toContain(complaintId);
    expect(
      await outcome(
        call(staff.manager, `/api/complaints/${complaintId}/rejection`, { reason: 'x' }),
      ),
    ).toMatchObject({ status: 403 });
    expect((await call(staff.manager, '/api/queues/triage')).status).toBe(403);
    expect(
      await outcome(
        call(staff.manager, `/api/complaints/${complaintId}/contacts`, {
          contactedAt: new Date().toISOString(),
          method: 'phone',
          note: 'Apologised; the advice is on its way today.',
        }),
      ),
    ).toMatchObject({ status: 200, body: { status: 'with-service' } });
    expect(
      await outcome(
        call(staff.manager, `/api/complaints/${complaintId}/resolution`, {
          resolution: 'Advice given, and a named adviser for the rest of the year.',
        }),
      ),
    ).toMatchObject({ status: 200, body: { status: 'resolution-proposed' } });

    // The Board and finance: their queues and an internal note, and no more.
    const note = (text: string) => ({ text });
    expect((await call(staff.chair, '/api/queues/board/awaiting-decision')).status).toBe(200);
    expect(
      await outcome(
        call(staff.chair, `/api/complaints/${complaintId}/notes`, note('Seen by the chair.')),
      ),
    ).toMatchObject({ status: 200 });
    expect(
      await outcome(call(staff.chair, `/api/complaints/${complaintId}/referral`, {})),
    ).toMatchObject({ status: 403 });
    expect((await call(staff.member, '/api/queues/board/awaiting-approval')).status).toBe(200);
    expect((await call(staff.member, '/api/admin/people')).status).toBe(403);
    expect((await call(staff.finance, '/api/queues/board/awaiting-payment')).status).toBe(200);
    expect((await call(staff.finance, '/api/queues/board/awaiting-decision')).status).toBe(403);
    // Finance writes no notes (it reads none), and has a part only in what it pays.
    expect(
      await outcome(
        call(staff.finance, `/api/complaints/${complaintId}/notes`, note('No payment due.')),
      ),
    ).toMatchObject({ status: 403 });
    expect((await call(staff.finance, `/api/complaints/${complaintId}`)).status).toBe(404);
    expect((await call(staff.finance, '/finance/payments')).status).toBe(200);

    // Scrutiny: the report per service, and not a single complaint.
    const report = await call(staff.scrutiny, '/api/reports/services?period=2026-Q4');
    expect(report.status).toBe(200);
    expect(JSON.stringify(report.body)).toContain('schools-hr');
    expect((await call(staff.scrutiny, '/api/complaints')).status).toBe(403);
    expect((await call(staff.scrutiny, `/api/complaints/${complaintId}`)).status).toBe(404);

    // The administrator: the people; not the complaints' queues.
    const people = await call(admin, '/api/admin/people');
    expect(people.status).toBe(200);
    expect((people.body as unknown as { email: string }[]).map((p) => p.email)).toEqual(
      expect.arrayContaining([
        emailOf('ada.admin'),
        HEAD,
        ...Object.values(STAFF).map((s) => emailOf(s.login)),
      ]),
    );
    expect((await call(admin, '/api/queues/triage')).status).toBe(403);

    // The school sees its complaint, not the internal notes, and confirms the resolution.
    const seen = await call(head, `/api/complaints/${complaintId}/timeline`);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toContain('Seen by the chair.');
    expect(
      await outcome(call(head, `/api/complaints/${complaintId}/resolution/confirmation`, {})),
    ).toMatchObject({ status: 200, body: { status: 'closed', closure: { outcome: 'resolved' } } });
  }, 30_000);

  it('4. sessions live in Redis and end at sign-out; health details and the API description are for signed-in staff only', async () => {
    const keys = await sessionKeys();
    // The administrator, six council staff and the school's head.
    expect(keys.length).toBeGreaterThanOrEqual(8);
    const adminSession = (await call(admin, '/api/auth/session')).body as unknown as SessionAnswer;
    expect(keys).toContain(`${prefix}:session:${adminSession.session!.key}`);
    // Stored by a digest of the cookie's id, never the id itself.
    expect(keys.join(' ')).not.toContain(admin.cookie(COOKIE)!);

    const anonymous = new HttpBrowser('anonymous');
    expect(await outcome(call(anonymous, '/health'))).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
    expect(await outcome(call(head, '/health'))).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await outcome(call(admin, '/health'))).toMatchObject({
      status: 200,
      body: {
        status: 'ok',
        version: expect.any(String),
        eventStore: { kind: 'sqlite', reachable: true },
        worker: { mode: 'in-process' },
        reactions: expect.any(Array),
      },
    });

    // OpenAPI: for the council's signed-in staff, not for the internet nor for schools.
    for (const path of ['/api/docs', '/api/docs-json']) {
      expect({ path, status: (await call(anonymous, path)).status }).toEqual({ path, status: 404 });
      expect({ path, status: (await call(head, path)).status }).toEqual({ path, status: 404 });
    }
    expect((await call(admin, '/api/docs')).status).toBe(200);
    const openApi = await call(staff.support, '/api/docs-json');
    expect(openApi.status).toBe(200);
    expect(openApi.body).toMatchObject({ openapi: expect.any(String), paths: expect.any(Object) });

    // Signing out ends the session in Redis, and the cookie no longer works.
    const scrutinyKey = (
      (await call(staff.scrutiny, '/api/auth/session')).body as unknown as SessionAnswer
    ).session!.key;
    expect(await redis.exists(`${prefix}:session:${scrutinyKey}`)).toBe(1);
    const scrutinyCookie = staff.scrutiny.cookie(COOKIE)!;
    expect((await call(staff.scrutiny, '/api/auth/sign-out', {})).status).toBe(204);
    expect(await redis.exists(`${prefix}:session:${scrutinyKey}`)).toBe(0);
    staff.scrutiny.setCookie(COOKIE, scrutinyCookie);
    expect(
      await outcome(call(staff.scrutiny, '/api/reports/services?period=2026-Q4')),
    ).toMatchObject({ status: 401, body: { code: 'SIGN_IN_REQUIRED' } });
  }, 20_000);

  it('5a. refuses a callback whose state was tampered with, and signs nobody in', async () => {
    const browser = new HttpBrowser('tampered');
    const { callback } = await beginProviderSignIn(browser, engineUrl, STAFF.support.login);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', randomBytes(32).toString('base64url'));
    const refused = await browser.visit(tampered);
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 401,
      body: { code: 'IDENTITY_PROVIDER_REFUSED' },
    });
    expect((await call(browser, '/api/auth/session')).status).toBe(401);
    // The pending sign-in was spent: the genuine callback, replayed after it, works no more. A
    // browser asking for a page is told so too, not sent to sign in again with the spent code.
    const replayed = await browser.visit(callback, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('location')).toBeNull();
    expect((await call(browser, '/api/auth/session')).status).toBe(401);
  }, 15_000);

  it('5b. someone the directory does not know signs in at the provider and is answered 403 NO_ACCOUNT', async () => {
    const stranger = new HttpBrowser('stranger');
    const refused = await signInThroughProvider(stranger, engineUrl, 'nobody.known');
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 403,
      body: { code: 'NO_ACCOUNT' },
    });
    expect((await call(stranger, '/api/auth/session')).status).toBe(401);
    // A browser, which is what the provider sends back, is told on a page, not in JSON.
    const person = new HttpBrowser('stranger-in-a-browser');
    const { callback } = await beginProviderSignIn(person, engineUrl, 'nobody.known');
    const page = await person.visit(callback, { headers: { accept: 'text/html,*/*;q=0.8' } });
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('You could not be signed in');
    expect(html).toContain('You do not have an account for this service.');
    expect((await call(person, '/api/auth/session')).status).toBe(401);
  }, 20_000);

  it('5c. someone at the provider with the address of a person who signs in by password does not become them', async () => {
    const added = await call(admin, '/api/admin/people', {
      name: 'Pat Password',
      email: emailOf('pat.password'),
      signIn: 'password',
      roles: [{ role: 'business-support' }],
    });
    expect(added.status).toBe(201);
    const taker = new HttpBrowser('taker');
    const refused = await signInThroughProvider(taker, engineUrl, 'pat.password');
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 403,
      body: { code: 'NO_ACCOUNT' },
    });
    expect((await call(taker, '/api/auth/session')).status).toBe(401);
  }, 15_000);

  it('5d. a disabled person’s session stops working at once, and they cannot sign in again', async () => {
    expect((await call(staff.member, '/api/queues/board/awaiting-decision')).status).toBe(200);
    expect(
      await outcome(
        call(admin, `/api/admin/people/${personIds.member}/disabling`, {
          reason: 'Left the Board',
        }),
      ),
    ).toMatchObject({ status: 200, body: { disabled: true } });
    expect(await outcome(call(staff.member, '/api/queues/board/awaiting-decision'))).toMatchObject({
      status: 401,
      body: { code: 'SIGN_IN_REQUIRED' },
    });
    expect(await redis.smembers(`${prefix}:sessions-of:${personIds.member}`)).toEqual([]);

    const again = await signInThroughProvider(
      new HttpBrowser('member again'),
      engineUrl,
      STAFF.member.login,
    );
    expect({ status: again.status, body: await again.json() }).toMatchObject({
      status: 403,
      body: { code: 'NO_ACCOUNT' },
    });
    // Everyone else carries on.
    expect((await call(staff.chair, '/api/queues/board/awaiting-decision')).status).toBe(200);
  }, 15_000);

  it('5e. moved to a password, a person the provider signed in is signed out and the provider no longer signs them in; moved back, it does again', async () => {
    const scrutiny = new HttpBrowser('scrutiny');
    expect((await signInThroughProvider(scrutiny, engineUrl, STAFF.scrutiny.login)).status).toBe(
      303,
    );
    expect((await call(scrutiny, '/api/reports/services?period=FY2025-26')).status).toBe(200);
    const moved = await outcome(
      call(admin, `/api/admin/people/${personIds.scrutiny}/sign-in-method`, {
        signIn: 'password',
      }),
    );
    // The link to choose a password goes to their own address, never into the answer.
    expect(moved).toMatchObject({
      status: 200,
      body: {
        signIn: 'password',
        passwordSet: false,
        passwordLink: { sentTo: emailOf(STAFF.scrutiny.login) },
      },
    });
    expect(JSON.stringify(moved.body)).not.toContain('/auth/password/');
    expect(await outcome(call(scrutiny, '/api/reports/services?period=FY2025-26'))).toMatchObject({
      status: 401,
      body: { code: 'SIGN_IN_REQUIRED' },
    });
    const refused = await signInThroughProvider(
      new HttpBrowser('scrutiny at the provider'),
      engineUrl,
      STAFF.scrutiny.login,
    );
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 403,
      body: { code: 'NO_ACCOUNT' },
    });

    expect(
      await outcome(
        call(admin, `/api/admin/people/${personIds.scrutiny}/sign-in-method`, {
          signIn: 'identity-provider',
        }),
      ),
    ).toMatchObject({ status: 200, body: { signIn: 'identity-provider' } });
    const back = new HttpBrowser('scrutiny back');
    expect((await signInThroughProvider(back, engineUrl, STAFF.scrutiny.login)).status).toBe(303);
    expect((await call(back, '/api/reports/services?period=FY2025-26')).status).toBe(200);
  }, 15_000);

  it('logged no error while it served all of that', () => {
    expect(api!.output()).toMatch(/"level":"info"/);
    expect(api!.output()).not.toMatch(/"level":"(error|fatal)"/);
  });
});

import { DirectoryWriter, PeopleRecords } from '@sg/directory';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { readFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import {
  type ComplaintsApp,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
} from '../../support/complaints-app';
import { emlFilesIn, newestSignInLink, signInLinksIn } from '../../support/eml-files';
import {
  addWithPassword,
  Browser,
  signedInWithPassword,
  TEST_PASSWORD,
} from '../../support/signing-in';

const TOKEN = {
  name: 'Finance system',
  expiresAt: '2026-01-01T00:00:00Z',
  roles: [{ role: 'business-support' }],
};

/** What administrators may do to people, tokens and schools' addresses, and how a retry lands. */
describe('administration', () => {
  let api: ComplaintsApp;
  let server: Server;
  const as = (personId: string, key?: string) => {
    const headers = { 'X-Acting-Person': personId, ...(key && { 'Idempotency-Key': key }) };
    return {
      get: (path: string) => request(server).get(path).set(headers),
      post: (path: string, body: object) => request(server).post(path).set(headers).send(body),
      put: (path: string, body: object) => request(server).put(path).set(headers).send(body),
    };
  };
  const post = (path: string, key: string, body: object) => as('admin', key).post(path, body);
  const get = (path: string) => as('admin').get(path);

  beforeAll(async () => {
    api = await startComplaintsApp();
    server = api.app.getHttpServer() as Server;
    const writer = new DirectoryWriter(api.directory, { actor: { id: 'test', role: 'system' } });
    for (const personId of ['admin', 'admin-a', 'admin-b'])
      await writer.person({
        personId,
        name: personId,
        email: `${personId}@county.gov.uk`,
        roles: [{ role: 'admin' }],
      });
  });
  afterAll(() => api.close());

  it('will not take someone off the Board when the Board left could not reach its quorum, and then will', async () => {
    // Three members, and two approvals besides the proposer's needed: one fewer could not approve.
    const refused = await as('admin').put('/api/admin/people/board-3/roles', {
      roles: [{ role: 'business-support' }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'BOARD_QUORUM_UNREACHABLE' });
    expect((refused.body as { message: string }).message).toContain(
      'Add another Board member first',
    );
    const unchanged = (await get('/api/admin/people/board-3')).body as {
      roles: { role: string }[];
    };
    expect(unchanged.roles.map((grant) => grant.role)).toEqual(['board-member']);

    const writer = new DirectoryWriter(api.directory, { actor: { id: 'test', role: 'system' } });
    await writer.person({
      personId: 'board-4',
      name: 'Board member 4',
      email: 'board-4@county.gov.uk',
      roles: [{ role: 'board-member', chair: false }],
    });
    const moved = await as('admin').put('/api/admin/people/board-3/roles', {
      roles: [{ role: 'business-support' }],
    });
    expect(moved.status).toBe(200);
  });

  describe('administrators keep their own administration', () => {
    const person = async (personId: string) =>
      (await as('admin-b').get(`/api/admin/people/${personId}`)).body as {
        disabled: boolean;
        roles: { role: string }[];
      };

    it('refuses to disable one’s own account, and changes nothing', async () => {
      const refused = await as('admin-a').post('/api/admin/people/admin-a/disabling', {
        reason: 'Leaving the council',
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'OWN_ACCOUNT' });
      expect((await person('admin-a')).disabled).toBe(false);
      expect((await as('admin-a').get('/api/admin/people')).status).toBe(200);
    });

    it('refuses to take away one’s own administrator role, and changes nothing', async () => {
      const refused = await as('admin-a').put('/api/admin/people/admin-a/roles', {
        roles: [{ role: 'finance' }],
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'OWN_ADMINISTRATION' });
      expect((await person('admin-a')).roles).toEqual([{ role: 'admin' }]);
    });

    it('refuses an administrator any role they give themselves: another must grant it', async () => {
      for (const roles of [
        [{ role: 'admin' }, { role: 'finance' }],
        [{ role: 'admin' }, { role: 'board-member', chair: false }],
      ]) {
        const refused = await as('admin-a').put('/api/admin/people/admin-a/roles', { roles });
        expect(refused.status).toBe(422);
        expect(refused.body).toMatchObject({ code: 'OWN_ROLES' });
      }
      expect((await person('admin-a')).roles).toEqual([{ role: 'admin' }]);
      const granted = await as('admin-b').put('/api/admin/people/admin-a/roles', {
        roles: [{ role: 'admin' }, { role: 'finance' }],
      });
      expect(granted.status).toBe(200);
      expect((await person('admin-a')).roles).toEqual([{ role: 'admin' }, { role: 'finance' }]);
    });

    it('keeps one chair of the Board (board-1 chairs it)', async () => {
      const chair = { role: 'board-member', chair: true };
      const second = await as('admin-b').post('/api/admin/people', {
        name: 'Chair Two',
        email: 'chair.two@county.gov.uk',
        signIn: 'identity-provider',
        roles: [chair],
      });
      expect(second.status).toBe(422);
      expect(second.body).toMatchObject({ code: 'CHAIR_TAKEN' });
      const promoted = await as('admin-b').put('/api/admin/people/admin-a/roles', {
        roles: [{ role: 'admin' }, { role: 'finance' }, chair],
      });
      expect(promoted.body).toMatchObject({ code: 'CHAIR_TAKEN' });
      expect((await person('admin-a')).roles).toEqual([{ role: 'admin' }, { role: 'finance' }]);
    });

    it('lets another administrator take the role away and disable the account', async () => {
      expect(
        (
          await as('admin-b').put('/api/admin/people/admin-a/roles', {
            roles: [{ role: 'finance' }],
          })
        ).status,
      ).toBe(200);
      expect(
        (await as('admin-b').post('/api/admin/people/admin-a/disabling', { reason: 'Left' }))
          .status,
      ).toBe(200);
      expect(await person('admin-a')).toMatchObject({
        disabled: true,
        roles: [{ role: 'finance' }],
      });
    });
  });

  describe('changing how someone signs in', () => {
    const EMAIL = 'olu.officer@county.gov.uk';
    const signInWith = (password: string) =>
      new Browser(server).post('/api/auth/sign-in', { email: EMAIL, password });
    const move = (signIn: unknown, by = 'admin') =>
      as(by).post('/api/admin/people/olu/sign-in-method', { signIn });

    beforeAll(() =>
      addWithPassword(api, {
        personId: 'olu',
        name: 'Olu Officer',
        email: EMAIL,
        roles: [{ role: 'business-support' }],
      }),
    );

    it('moves a password account to the identity provider: signed out at once, the password no longer a key', async () => {
      const olu = await signedInWithPassword(api, EMAIL);
      expect((await olu.get('/api/auth/session')).status).toBe(200);
      const moved = await move('identity-provider');
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        signIn: 'identity-provider',
        passwordSet: false,
        secondFactorEnrolled: false,
      });
      expect(moved.body).not.toHaveProperty('passwordLink');
      expect((await olu.get('/api/auth/session')).status).toBe(401);
      // Answered as a wrong password is, so the answer says nothing of how they sign in now.
      const refused = await signInWith(TEST_PASSWORD);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      // The same way again changes nothing.
      expect((await move('identity-provider')).status).toBe(200);
    });

    it('moves them back to a password they choose by a link mailed to them alone; the old one stays behind', async () => {
      const outbox = join(api.dataDir, 'outbox');
      const before = signInLinksIn(outbox, EMAIL, 'password');
      const moved = await move('password');
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        signIn: 'password',
        passwordSet: false,
        passwordLink: { sentTo: EMAIL, expiresAt: expect.any(String) },
      });
      expect(JSON.stringify(moved.body)).not.toContain('/auth/password/');
      expect((await signInWith(TEST_PASSWORD)).status).toBe(401);
      const link = await newestSignInLink(outbox, EMAIL, before, 'password');
      const chosen = await new Browser(server).post('/api/auth/password', {
        token: link.split('/').at(-1),
        password: 'copper kettle meadow lantern',
      });
      expect(chosen.status).toBeLessThan(300);
      expect((await signInWith(TEST_PASSWORD)).status).toBe(401);
      expect((await signInWith('copper kettle meadow lantern')).status).toBe(200);
    });

    it('lets a password link mailed before a move away from passwords choose nothing', async () => {
      const outbox = join(api.dataDir, 'outbox');
      const before = signInLinksIn(outbox, EMAIL, 'password');
      expect((await as('admin').post('/api/admin/people/olu/password-link', {})).status).toBe(200);
      const link = await newestSignInLink(outbox, EMAIL, before, 'password');
      expect((await move('identity-provider')).status).toBe(200);
      const used = await new Browser(server).post('/api/auth/password', {
        token: link.split('/').at(-1),
        password: 'orchard lantern copper tide',
      });
      expect(used.status).toBe(410);
      expect(used.body).toMatchObject({ code: 'LINK_NOT_VALID' });
      expect((await get('/api/admin/people/olu')).body).toMatchObject({
        signIn: 'identity-provider',
        passwordSet: false,
      });
      expect((await move('password')).status).toBe(200);
    });

    it('lets only the newest password link choose a password, and none once one is chosen: an older link gone astray cannot take the account over', async () => {
      expect((await move('password')).status).toBe(200);
      const outbox = join(api.dataDir, 'outbox');
      const mailLink = async () => {
        const before = signInLinksIn(outbox, EMAIL, 'password');
        expect((await as('admin').post('/api/admin/people/olu/password-link', {})).status).toBe(
          200,
        );
        return (await newestSignInLink(outbox, EMAIL, before, 'password')).split('/').at(-1)!;
      };
      const choose = (token: string, password: string) =>
        new Browser(server).post('/api/auth/password', { token, password });
      const astray = await mailLink();
      const newest = await mailLink();
      // The page of a link that can choose nothing says so before anyone types a password.
      const page = await new Browser(server).get(`/auth/password/${astray}`);
      expect(page.status).toBe(410);
      expect(page.text).toContain('only the newest one you were sent works');
      expect((await new Browser(server).get(`/auth/password/${newest}`)).status).toBe(200);
      expect((await choose(astray, 'orchard lantern copper tide')).status).toBe(410);
      expect((await choose(newest, 'copper kettle meadow lantern')).status).toBeLessThan(300);
      expect((await signInWith('copper kettle meadow lantern')).status).toBe(200);
      expect((await choose(newest, 'lantern meadow copper kettle')).status).toBe(410);
      expect((await signInWith('copper kettle meadow lantern')).status).toBe(200);
    });

    it('ends a session begun by a way taken away while it was begun, at its next request', async () => {
      await addWithPassword(api, {
        personId: 'ray',
        name: 'Ray Race',
        email: 'ray.race@county.gov.uk',
        roles: [{ role: 'business-support' }],
      });
      const ray = await signedInWithPassword(api, 'ray.race@county.gov.uk');
      expect((await ray.get('/api/auth/session')).status).toBe(200);
      // Recorded as the sign-in finished, before any session of theirs was there to end.
      await new PeopleRecords(api.directory).changeSignIn('ray', 'identity-provider', {
        actor: { id: 'admin', role: 'admin' },
      });
      expect((await ray.get('/api/queues/triage')).status).toBe(401);
      expect((await ray.get('/api/auth/session')).status).toBe(401);
    });

    it('refuses, naming why, and changes nothing: one’s own way, a link for a council role, a way there is not', async () => {
      const person = async () => (await get('/api/admin/people/olu')).body as object;
      const unchanged = await person();
      const own = await as('admin').post('/api/admin/people/admin/sign-in-method', {
        signIn: 'password',
      });
      expect(own.status).toBe(422);
      expect(own.body).toMatchObject({ code: 'OWN_ACCOUNT' });
      const link = await move('email-link');
      expect(link.status).toBe(422);
      expect(link.body).toMatchObject({ code: 'SIGN_IN_NOT_FOR_ROLES' });
      for (const signIn of ['carrier-pigeon', null, 7]) {
        const wrong = await move(signIn);
        expect(wrong.status).toBe(400);
        expect(wrong.body).toMatchObject({
          errors: [expect.objectContaining({ field: 'signIn' })],
        });
      }
      const nobody = await as('admin').post('/api/admin/people/nobody-here/sign-in-method', {
        signIn: 'password',
      });
      expect(nobody.status).toBe(404);
      expect(await person()).toEqual(unchanged);
    });
  });

  describe('with an Idempotency-Key', () => {
    const tokensNamed = async (name: string) =>
      ((await get('/api/admin/api-tokens')).body as { name: string }[]).filter(
        (token) => token.name === name,
      );

    it('makes one token; a retry is told it was done and never sees the token again', async () => {
      const first = await post('/api/admin/api-tokens', 'token-1', TOKEN);
      expect(first.status).toBe(201);
      const made = first.body as { tokenId: string; token: string };
      expect(made.token).toEqual(expect.any(String));

      const retried = await post('/api/admin/api-tokens', 'token-1', TOKEN);
      expect(retried.status).toBe(409);
      expect(retried.body).toMatchObject({ code: 'ALREADY_DONE', done: { tokenId: made.tokenId } });
      expect(JSON.stringify(retried.body)).not.toContain(made.token);
      expect(await tokensNamed(TOKEN.name)).toHaveLength(1);
    });

    it('refuses a token that would work for more than two years, and makes none', async () => {
      const before = (await get('/api/admin/api-tokens')).body as unknown[];
      const refused = await post('/api/admin/api-tokens', 'token-for-ever', {
        ...TOKEN,
        expiresAt: '9999-12-31T00:00:00Z',
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'EXPIRY_TOO_FAR' });
      expect((await get('/api/admin/api-tokens')).body).toEqual(before);
    });

    it('makes one token when the same request is sent three times at once', async () => {
      const body = { ...TOKEN, name: 'Sent twice' };
      const answers = await Promise.all(
        [1, 2, 3].map(() => post('/api/admin/api-tokens', 'token-2', body)),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
      expect(await tokensNamed('Sent twice')).toHaveLength(1);
    });

    it('adds one person, and answers a retry with the first answer when it holds no secret', async () => {
      const person = {
        name: 'Nia Newstarter',
        email: 'nia.newstarter@county.gov.uk',
        signIn: 'identity-provider',
        roles: [{ role: 'finance' }],
      };
      const first = await post('/api/admin/people', 'person-1', person);
      expect(first.status).toBe(201);
      const retried = await post('/api/admin/people', 'person-1', person);
      expect(retried.status).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(retried.body).toEqual(first.body);
      const people = (await get('/api/admin/people')).body as { email: string }[];
      expect(people.filter((p) => p.email === person.email)).toHaveLength(1);
    });

    it('mails a new person’s and a forgotten password’s link to the person alone: the answer never holds it, or an administrator could become them', async () => {
      const added = await post('/api/admin/people', 'person-pw', {
        name: 'Fay Finance',
        email: 'fay.finance@county.gov.uk',
        signIn: 'password',
        roles: [{ role: 'finance' }],
      });
      expect(added.status).toBe(201);
      // Added, as reset, the person is mailed the link: an administrator holding it could choose
      // the password of a Board member they made up, and so give themselves the Board's role.
      expect(added.body).toMatchObject({
        passwordLink: { sentTo: 'fay.finance@county.gov.uk', expiresAt: expect.any(String) },
      });
      expect(JSON.stringify(added.body)).not.toContain('/auth/password/');
      const personId = (added.body as { id: string }).id;
      const outbox = join(api.dataDir, 'outbox');
      // By name, not by count: files are named by the clock, held still here, then at random, so
      // a new one need not sort after the old.
      const mailedBefore = new Set(emlFilesIn(outbox));
      const reset = await as('admin').post(`/api/admin/people/${personId}/password-link`, {});
      expect(reset.status).toBe(200);
      expect(reset.body).toEqual({
        passwordLink: { sentTo: 'fay.finance@county.gov.uk', expiresAt: expect.any(String) },
      });
      expect(JSON.stringify(reset.body)).not.toContain('/auth/password/');
      let mailed: string[] = [];
      for (let waited = 0; mailed.length === 0 && waited < 5_000; waited += 50) {
        mailed = emlFilesIn(outbox)
          .filter((name) => !mailedBefore.has(name))
          .map((name) => readFileSync(join(outbox, name), 'utf8').replace(/=\r?\n/g, ''))
          .filter((mail) => mail.includes('fay.finance@county.gov.uk'));
        if (mailed.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(mailed.join('')).toMatch(/\/auth\/password\/[A-Za-z0-9_-]+/);
    });

    it('registers a school’s domain once, and refuses the key for a different request', async () => {
      const path = `/api/admin/schools/${SCHOOL}/addresses`;
      const domain = { kind: 'domain', value: 'brookside.lancs.sch.uk' };
      const first = await post(path, 'address-1', domain);
      expect(first.status).toBeLessThan(300);
      const retried = await post(path, 'address-1', domain);
      expect(retried.status).toBe(first.status);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      const other = await post(path, 'address-1', { kind: 'domain', value: 'elsewhere.sch.uk' });
      expect(other.status).toBe(422);
      expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect((await get(path)).body).toMatchObject({ domains: ['brookside.lancs.sch.uk'] });
    });

    it('removes an address the school has once; one it does not have is not found, and nothing is recorded', async () => {
      const path = `/api/admin/schools/${SCHOOL}/addresses`;
      const office = { kind: 'email', value: 'office@brookside.lancs.sch.uk' };
      expect((await post(path, 'address-office', office)).status).toBe(200);
      expect((await post(`${path}/removal`, 'removal-office-1', office)).status).toBe(200);
      // What earlier tests set off (their mail going) is done before looking.
      await api.clocksSettled();
      const head = async () =>
        String((await api.app.get<EventStore>(EVENT_STORE).headPosition())?.commit);
      const before = await head();
      for (const [key, address] of [
        ['removal-office-2', office],
        ['removal-never', { kind: 'domain', value: 'never-registered.example' }],
      ] as const) {
        const refused = await post(`${path}/removal`, key, address);
        expect(refused.status).toBe(404);
        expect(refused.body).toMatchObject({ code: 'SCHOOL_ADDRESS_NOT_FOUND' });
      }
      expect(await head()).toBe(before);
    });

    it('says which other schools a domain also reaches (a federation’s shared one), whose new mail then waits for Business Support', async () => {
      const shared = { kind: 'domain', value: 'hillbrook-federation.lancs.sch.uk' };
      const first = await post(`/api/admin/schools/${SCHOOL}/addresses`, 'shared-1', shared);
      expect(first.body).toMatchObject({ alsoReaches: [] });
      const second = await post(`/api/admin/schools/${OTHER_SCHOOL}/addresses`, 'shared-2', shared);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({
        domains: ['hillbrook-federation.lancs.sch.uk'],
        alsoReaches: [{ urn: SCHOOL, name: 'Brookside Primary School' }],
      });
    });
  });

  describe('refuses what would mean nothing, naming the field, and changes nothing', () => {
    const storedEvents = async () =>
      (await api.app.get<EventStore>(EVENT_STORE).headPosition())?.commit;

    it.each([
      [
        'a token named only with spaces',
        '/api/admin/api-tokens',
        { ...TOKEN, name: '   ' },
        'name',
      ],
      ['a token with no roles', '/api/admin/api-tokens', { ...TOKEN, roles: [] }, 'roles'],
      [
        'a disabling whose reason is a line break',
        '/api/admin/people/admin-b/disabling',
        { reason: '\n' },
        'reason',
      ],
      [
        'roles managing no such service',
        '/api/admin/people/admin-b/roles',
        { roles: [{ role: 'admin' }, { role: 'service-manager', serviceIds: ['no-such'] }] },
        'roles',
      ],
      [
        'a role given twice, the second silently replacing the first',
        '/api/admin/people/admin-b/roles',
        {
          roles: [
            { role: 'admin' },
            { role: 'service-manager', serviceIds: ['schools-hr'] },
            { role: 'service-manager', serviceIds: ['music-service'] },
          ],
        },
        'roles',
      ],
      ...[
        '1.5',
        'brookside.lancs.sch.uk.',
        '-brookside.sch.uk',
        'brookside-.sch.uk',
        'lancs..sch.uk',
      ].map((value): [string, string, object, string] => [
        `${value} as a school's domain, which is none`,
        `/api/admin/schools/${SCHOOL}/addresses`,
        { kind: 'domain', value },
        'value',
      ]),
      [
        'a service named twice',
        '/api/admin/people/admin-b/roles',
        {
          roles: [
            { role: 'admin' },
            { role: 'service-manager', serviceIds: ['schools-hr', 'schools-hr'] },
          ],
        },
        'roles',
      ],
    ])('%s: 400', async (_, path, body, field) => {
      const before = await storedEvents();
      const send = path.endsWith('/roles') ? as('admin').put : as('admin').post;
      const refused = await send(path, body);
      expect(refused.status).toBe(400);
      expect((refused.body as { errors: { field: string }[] }).errors).toContainEqual(
        expect.objectContaining({ field }),
      );
      expect(await storedEvents()).toBe(before);
    });

    it.each([
      [
        'a token for a school the directory does not hold',
        () =>
          as('admin').post('/api/admin/api-tokens', {
            ...TOKEN,
            roles: [{ role: 'school-staff', schoolUrn: '999999' }],
          }),
        'UNKNOWN_SCHOOL',
      ],
      [
        'a person added as staff of no such school',
        () =>
          as('admin').post('/api/admin/people', {
            name: 'Pat Nowhere',
            email: 'pat.nowhere@county.gov.uk',
            signIn: 'identity-provider',
            roles: [{ role: 'school-staff', schoolUrn: '999999' }],
          }),
        'UNKNOWN_SCHOOL',
      ],
      [
        'a council role for someone who would sign in by an email link, which council roles never do',
        () =>
          as('admin').post('/api/admin/people', {
            name: 'Ned Newstarter',
            email: 'ned.newstarter@county.gov.uk',
            signIn: 'email-link',
            roles: [{ role: 'admin' }],
          }),
        'SIGN_IN_NOT_FOR_ROLES',
      ],
      ...['gmail.com', 'lancs.sch.uk', 'example.org'].map((value) => [
        `${value} as a school's domain, where anyone, every school or council staff have addresses`,
        () => as('admin').post(`/api/admin/schools/${SCHOOL}/addresses`, { kind: 'domain', value }),
        'SHARED_DOMAIN',
      ]),
    ] as [string, () => Promise<{ status: number; body: unknown }>, string][])(
      '%s: 422',
      async (_, send, code) => {
        const before = await storedEvents();
        const refused = await send();
        expect(refused.status).toBe(422);
        expect(refused.body).toMatchObject({ code });
        expect(await storedEvents()).toBe(before);
      },
    );

    it('refuses a council role for someone who signs in by an email link, which never signs a council role in', async () => {
      const invited = await as('admin').post('/api/admin/people', {
        name: 'Sam Schoolstaff',
        email: 'sam@brookside.lancs.sch.uk',
        signIn: 'email-link',
        roles: [{ role: 'school-staff', schoolUrn: SCHOOL }],
      });
      expect(invited.status).toBe(201);
      const { id } = invited.body as { id: string };
      const before = await storedEvents();
      const refused = await as('admin').put(`/api/admin/people/${id}/roles`, {
        roles: [{ role: 'finance' }],
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'SIGN_IN_NOT_FOR_ROLES' });
      expect(await storedEvents()).toBe(before);
    });

    it('records nothing when the roles given are those held, however their fields are written', async () => {
      const roles = [
        { role: 'admin' },
        { role: 'service-manager', serviceIds: ['schools-hr', 'music-service'] },
      ];
      expect((await as('admin').put('/api/admin/people/admin-b/roles', { roles })).status).toBe(
        200,
      );
      const before = await storedEvents();
      const reordered = [
        { serviceIds: ['music-service', 'schools-hr'], role: 'service-manager' },
        { role: 'admin' },
      ];
      expect(
        (await as('admin').put('/api/admin/people/admin-b/roles', { roles: reordered })).status,
      ).toBe(200);
      expect(await storedEvents()).toBe(before);
    });

    it('still grants a role over a school and a service the directory holds', async () => {
      const granted = await as('admin').put('/api/admin/people/admin-b/roles', {
        roles: [
          { role: 'admin' },
          { role: 'school-staff', schoolUrn: SCHOOL },
          { role: 'service-manager', serviceIds: ['schools-hr'] },
        ],
      });
      expect(granted.status).toBe(200);
    });
  });
});

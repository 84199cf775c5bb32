import { type Server } from 'node:http';
import request from 'supertest';
import { type ComplaintsApp, startComplaintsApp } from '../support/complaints-app';
import { addWithPassword, cookiesSet, TEST_PASSWORD } from '../support/signing-in';

const OFFICER = { email: 'olu.officer@county.gov.uk', password: TEST_PASSWORD };
const SCHOOL_LAPTOP = '203.0.113.7';

/**
 * Behind a reverse proxy every request connects from the proxy: TRUST_PROXY says which proxies'
 * X-Forwarded-For is believed, so the limits per client address count schools, not the proxy.
 */
describe.each([
  ['with TRUST_PROXY=loopback', { TRUST_PROXY: 'loopback' }, SCHOOL_LAPTOP],
  ['without TRUST_PROXY', {}, null],
])('the client address %s', (_, env, believed) => {
  let api: ComplaintsApp;

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      env: { NODE_ENV: 'test', DEV_IDENTITY_HEADER: 'disabled', ...env },
    });
    await addWithPassword(api, {
      personId: 'officer',
      name: 'Olu Officer',
      email: OFFICER.email,
      roles: [{ role: 'business-support' }],
    });
  });
  afterAll(() => api.close());

  it(
    believed
      ? 'is the one the proxy forwarded for'
      : 'is the one that connected, whatever a header says',
    async () => {
      const server = api.app.getHttpServer() as Server;
      const signedIn = await request(server)
        .post('/api/auth/sign-in')
        .set('X-Forwarded-For', SCHOOL_LAPTOP)
        .send(OFFICER)
        .expect(200);
      const cookie = Object.entries(cookiesSet(signedIn))
        .map(([name, value]) => `${name}=${value}`)
        .join('; ');
      const sessions = (
        await request(server).get('/api/auth/sessions').set('Cookie', cookie).expect(200)
      ).body as { current: boolean; ip: string }[];
      const ip = sessions.find((session) => session.current)!.ip;
      if (believed) expect(ip).toBe(believed);
      else expect(ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    },
  );
});

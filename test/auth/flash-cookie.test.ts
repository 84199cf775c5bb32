import { type Server } from 'node:http';
import request from 'supertest';
import { type ComplaintsApp, startComplaintsApp } from '../support/complaints-app';

/**
 * The confirmation a page shows after a form (POST-redirect-GET) is carried in a cookie: where
 * cookies are Secure, a `__Host-` one, which no other host under the council's domain can set.
 */
describe('the confirmation carried across a redirect', () => {
  let api: ComplaintsApp;
  let server: Server;

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      env: { NODE_ENV: 'test', DEV_IDENTITY_HEADER: 'disabled' },
    });
    server = api.app.getHttpServer() as Server;
  });
  afterAll(() => api.close());

  const WORDS = 'Your account is suspended: ring 0800 000 0000';
  const signInPageWith = (cookie: string) =>
    request(server)
      .get('/sign-in')
      .set('Cookie', `${cookie}=${encodeURIComponent(WORDS)}`);

  it('shows only what its own __Host- cookie carries, never a cookie another host could have set', async () => {
    const planted = await signInPageWith('sg-flash');
    expect(planted.status).toBe(200);
    expect(planted.text).not.toContain(WORDS);
    const own = await signInPageWith('__Host-sg-flash');
    expect(own.text).toContain(WORDS);
    expect(own.headers['set-cookie']).toContainEqual(
      expect.stringMatching(/^__Host-sg-flash=;.*Secure/),
    );
  });
});

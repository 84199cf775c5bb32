import { type Server } from 'node:http';
import request from 'supertest';
import { type ComplaintsApp, startComplaintsApp } from '../support/complaints-app';

/** Pages outside development (Secure cookies), as a browser signed out uses them. */
let api: ComplaintsApp;
let server: Server;

beforeAll(async () => {
  api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
    env: { NODE_ENV: 'test', DEV_IDENTITY_HEADER: 'disabled' },
  });
  server = api.app.getHttpServer() as Server;
});
afterAll(() => api.close());

/** A form sent once its session has ended: back to the form after signing in, and told why. */
describe('a form sent after the session ended', () => {
  const FORM = '/complaints/6f1c2a9e-0d4b-4c59-9f57-2a1de3b0c001/actions/note';

  it('is sent to sign in, then back to the page the form was on, and the sign-in page says it was not sent', async () => {
    const sent = await request(server)
      .post(FORM)
      .set('Host', 'sg.example')
      .set('Referer', `http://sg.example${FORM}?from=queue`)
      .type('form')
      .send({ text: 'Rang the school', csrfToken: 'stale' });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(
      `/sign-in?next=${encodeURIComponent(`${FORM}?from=queue`)}&unsent=1`,
    );
    const signIn = await request(server).get(sent.headers.location);
    expect(signIn.status).toBe(200);
    expect(signIn.text).toContain('You were signed out, so what you sent was not saved.');
    expect(signIn.text).toContain(`name="next" value="${FORM}?from=queue"`);
  });

  it('never takes another site’s page as the way back', async () => {
    const sent = await request(server)
      .post(FORM)
      .set('Host', 'sg.example')
      .set('Referer', 'https://elsewhere.example/phish')
      .type('form')
      .send({ text: 'Rang the school' });
    expect(sent.headers.location).toBe('/sign-in?unsent=1');
  });

  it('is brought back to a page it asked for, with no word of anything unsent', async () => {
    const asked = await request(server).get(FORM);
    expect(asked.headers.location).toBe(`/sign-in?next=${encodeURIComponent(FORM)}`);
    const signIn = await request(server).get(asked.headers.location);
    expect(signIn.text).not.toContain('You were signed out');
  });
});

/**
 * The confirmation a page shows after a form (POST-redirect-GET) is carried in a cookie: where
 * cookies are Secure, a `__Host-` one, which no other host under the council's domain can set.
 */
describe('the confirmation carried across a redirect', () => {
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

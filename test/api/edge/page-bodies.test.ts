import { type Server } from 'node:http';
import request from 'supertest';
import { startComplaintsApp, type ComplaintsApp } from '../../support/complaints-app';
import { storedEventCount } from './edge-support';

/**
 * The sign-in link's pages post forms, and only forms are read outside the API. A post that sends
 * no form (no body at all, or a body of another type, which nothing there reads) reaches the page
 * as an empty form: refused as a form without its token, never a TypeError answered 500.
 * Found by the OpenAPI fuzz test (test/api/fuzz), which fuzzes the pages the document leaves out.
 */
describe('a page posted no form', () => {
  let api: ComplaintsApp;
  let server: Server;
  beforeAll(async () => {
    api = await startComplaintsApp();
    server = api.app.getHttpServer() as Server;
  });
  afterAll(() => api.close());

  it.each([
    ['/auth/email-link', 410, 'This link has been used or has expired'],
    ['/auth/password', 403, 'This page had been open too long'],
  ])(
    'POST %s with no body: %d, a page saying what to do, nothing recorded',
    async (path, status, says) => {
      const before = await storedEventCount(api);
      const response = await request(server).post(path);
      expect(response.status).toBe(status);
      expect(response.type).toBe('text/html');
      expect(response.text).toContain(says);
      expect(await storedEventCount(api)).toBe(before);
    },
  );

  it.each([
    ['application/json', '{"token":"x","formToken":"x"}'],
    ['application/json', '0'],
    ['text/plain', 'token=x'],
  ])(
    'POST /auth/email-link with %s %s: the page for a link that does not work',
    async (type, body) => {
      const response = await request(server)
        .post('/auth/email-link')
        .set('Content-Type', type)
        .set('Cookie', 'sg-form=x')
        .send(body);
      expect(response.status).toBe(410);
      expect(response.text).toContain('This link has been used or has expired');
    },
  );

  it('still reads the form it was posted', async () => {
    const response = await request(server)
      .post('/auth/password')
      .type('form')
      .send({ token: 'not-a-token', password: 'x' });
    expect(response.status).toBe(403);
    expect(response.text).toContain('This page had been open too long');
  });
});

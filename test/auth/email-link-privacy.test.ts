import { Logger } from '@nestjs/common';
import { PeopleRecords } from '@sg/directory';
import { type Server } from 'node:http';
import request from 'supertest';
import { type ComplaintsApp, SCHOOL, startComplaintsApp } from '../support/complaints-app';
import { eventuallyPasses } from '../support/eventually';

/**
 * Asking for a sign-in link answers alike for any address, even when the mail server is down: a
 * registered address must not be told apart by an error, or by the time the mail takes.
 */
describe('asking for a sign-in link with the mail server down', () => {
  let api: ComplaintsApp;

  beforeAll(async () => {
    // Port 9 (discard) has nothing listening here: every message is refused.
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      env: { SMTP_URL: 'smtp://127.0.0.1:9' },
    });
    await new PeopleRecords(api.directory).registerSchoolAddress(
      SCHOOL,
      { kind: 'email', value: 'bursar@brookside.example' },
      { actor: { id: 'test', role: 'admin' } },
    );
  });
  afterAll(() => api?.close());

  it('answers a registered address as it answers any other', async () => {
    const server = api.app.getHttpServer() as Server;
    const ask = (email: string) => request(server).post('/api/auth/email-link').send({ email });
    const registered = await ask('bursar@brookside.example');
    const unknown = await ask('nobody@elsewhere.example');
    expect(registered.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(registered.body).toEqual(unknown.body);
  });

  it('tells the operator the link could not be sent, without the address or a name', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn');
    try {
      const server = api.app.getHttpServer() as Server;
      await request(server)
        .post('/api/auth/email-link')
        .send({ email: 'bursar@brookside.example' })
        .expect(202);
      await eventuallyPasses(() =>
        expect(warned.mock.calls.map(([message]) => String(message))).toContainEqual(
          expect.stringMatching(
            /^a school's sign-in link could not be sent \(.+\); see the sign-in log$/,
          ),
        ),
      );
      const said = warned.mock.calls.map(([message]) => String(message)).join('\n');
      expect(said).not.toMatch(/bursar|brookside/i);
    } finally {
      warned.mockRestore();
    }
  });
});

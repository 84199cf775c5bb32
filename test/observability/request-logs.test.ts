import { Logger } from '@nestjs/common';
import { VirtualTimerHost } from '@sg/deadlines';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { notificationStream } from '@sg/notifications';
import { type Server } from 'node:http';
import request from 'supertest';
import {
  lodgeBody,
  SCHOOL,
  startComplaintsApp,
  type ComplaintsApp,
} from '../support/complaints-app';
import { eventually } from '../support/eventually';
import { addWithPassword, Browser, TEST_PASSWORD } from '../support/signing-in';
import { captureJsonLogs, type CapturedLogs, type LogLine } from './log-capture';

const CONTACT = {
  name: 'Jane Headteacher',
  role: 'Headteacher',
  email: 'jane.head@brookside.lancs.sch.uk',
};
const NOW = '2025-04-17T09:00:00.000Z';
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

describe('the logs of requests', () => {
  let api: ComplaintsApp;
  let logs: CapturedLogs;

  beforeAll(async () => {
    // Mail goes in working hours by the timer host's clock, which is set to the app's.
    api = await startComplaintsApp(NOW, { timerHost: new VirtualTimerHost(NOW) });
    logs = captureJsonLogs(api.app);
  });
  afterAll(() => api.close());

  const server = () => api.app.getHttpServer() as Server;
  const requestLine = async (requestId: string): Promise<LogLine> => {
    // The line is written when the answer has gone, which the client may see first.
    await eventually(() =>
      logs.lines().some((line) => line.requestId === requestId && line.context === 'Http'),
    );
    return logs.lines().find((line) => line.requestId === requestId && line.context === 'Http')!;
  };

  it('gives each request an id, the caller’s if well-formed, echoed in the answer and logged with the correlation id', async () => {
    const lodged = await api
      .as('head')
      .post('/api/complaints', lodgeBody({ contact: CONTACT }))
      .set('X-Request-Id', 'lodge-request-1')
      .set('X-Correlation-Id', 'lodge-correlation-1')
      .expect(201);
    expect(lodged.headers['x-request-id']).toBe('lodge-request-1');
    expect(await requestLine('lodge-request-1')).toMatchObject({
      level: 'info',
      context: 'Http',
      requestId: 'lodge-request-1',
      correlationId: 'lodge-correlation-1',
      method: 'POST',
      path: '/api/complaints',
      status: 201,
      durationMs: expect.any(Number),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const generated = await request(server())
      .get('/health/live')
      .set('X-Request-Id', 'not well formed!')
      .expect(200);
    const id: string = generated.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await requestLine(id)).toMatchObject({
      level: 'debug',
      path: '/health/live',
      status: 200,
    });
  });

  it('logs a mounted handler’s path whole, and a missing asset as the 404 it is, quietly', async () => {
    await request(server())
      .get('/assets/govuk-frontend.min.css')
      .set('X-Request-Id', 'asset-request-1')
      .expect(200);
    expect(await requestLine('asset-request-1')).toMatchObject({
      level: 'debug',
      path: '/assets/govuk-frontend.min.css',
      status: 200,
    });
    for (const [missing, requestId] of [
      ['/assets/fonts/nothing.woff2', 'asset-request-2'],
      ['/assets/images/nothing.png', 'asset-request-3'],
    ]) {
      await request(server()).get(missing).set('X-Request-Id', requestId).expect(404);
      expect(await requestLine(requestId)).toMatchObject({
        level: 'debug',
        path: missing,
        status: 404,
      });
    }
    expect(logs.lines().filter((line) => line.level === 'error')).toEqual([]);
  });

  it('carries a page submission’s X-Correlation-Id into its events, as the API does', async () => {
    await addWithPassword(api, {
      personId: 'support-signed-in',
      name: 'Sam Support',
      email: 'sam.support@example.org',
      roles: [{ role: 'business-support' }],
    });
    const browser = new Browser(server());
    await browser.post('/api/auth/sign-in', {
      email: 'sam.support@example.org',
      password: TEST_PASSWORD,
    });
    const form = await browser.get('/complaints/new/for-a-school');
    const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(form.text)![1];
    const logged = await browser.postForm(
      '/complaints/new/for-a-school',
      {
        csrfToken,
        schoolUrn: SCHOOL,
        channel: 'phone',
        summary: 'Advice came late',
        details: 'Asked in March, heard in April.',
        contactName: 'Jane Head',
      },
      { 'X-Request-Id': 'page-request-1', 'X-Correlation-Id': 'page-correlation-1' },
    );
    expect(logged.status).toBe(303);
    const id = String(logged.headers.location).split('/').pop()!;
    const store = api.app.get<EventStore>(EVENT_STORE);
    const events = [];
    for await (const event of store.readStream(`complaint-${id}`)) events.push(event);
    expect(events[0].metadata.correlationId).toBe('page-correlation-1');
    expect((await requestLine('page-request-1')).correlationId).toBe('page-correlation-1');
  });

  it('carries a request’s correlation id to the mail its events call for: the line saying it went, and the event recording it', async () => {
    const lodged = await api
      .as('head')
      .post('/api/complaints', lodgeBody({ contact: CONTACT }))
      .set('X-Correlation-Id', 'lodge-correlation-3')
      .expect(201);
    const complaintId = (lodged.body as { id: string }).id;
    await api.clocksSettled();
    const sent = api.outbox().filter((n) => n.complaintId === complaintId && n.sentAt !== null);
    expect(sent.map((n) => n.kind)).toContain('acknowledgement-for-school');
    const store = api.app.get<EventStore>(EVENT_STORE);
    for (const notification of sent) {
      const recorded = [];
      for await (const event of store.readStream(notificationStream(notification.id)))
        recorded.push(event);
      expect(recorded.map((event) => [event.type, event.metadata])).toEqual([
        [
          'NotificationSent',
          expect.objectContaining({
            correlationId: 'lodge-correlation-3',
            causationId: notification.id,
          }),
        ],
      ]);
      expect(
        logs
          .lines()
          .find(
            (line) => line.context === 'Notifications' && line.notificationId === notification.id,
          ),
      ).toMatchObject({
        level: 'info',
        correlationId: 'lodge-correlation-3',
        complaintId,
        kind: notification.kind,
      });
    }
  });

  it('logs the correlation id the command carried into its events when the caller sent none', async () => {
    const lodged = await api
      .as('head')
      .post('/api/complaints', lodgeBody({ contact: CONTACT }))
      .set('X-Request-Id', 'lodge-request-2')
      .expect(201);
    const store = api.app.get<EventStore>(EVENT_STORE);
    const events = [];
    for await (const event of store.readStream(`complaint-${(lodged.body as { id: string }).id}`))
      events.push(event);
    const correlationId = events[0].metadata.correlationId;
    expect(correlationId).toEqual(expect.any(String));
    expect((await requestLine('lodge-request-2')).correlationId).toBe(correlationId);
  });

  it('writes no name, email address, password or cookie that came with a request', async () => {
    await request(server())
      .post('/api/auth/sign-in')
      .set('Cookie', 'sg_session=abcdefabcdefabcdefabcdefabcdefabcdefabcdefa')
      .set('X-Request-Id', 'sign-in-1')
      .send({ email: 'jane.head@brookside.lancs.sch.uk', password: 'Correct-Horse-Battery-9' })
      .expect(401);
    await request(server())
      .get('/api/search?q=Jane%20Headteacher%20jane.head%40brookside.lancs.sch.uk')
      .set('X-Acting-Person', 'support')
      .set('X-Request-Id', 'search-1')
      .expect(200);
    await request(server())
      .get(`/auth/email-link/${'A'.repeat(43)}`)
      .set('X-Request-Id', 'link-1');
    expect((await requestLine('sign-in-1')).status).toBe(401);
    expect((await requestLine('search-1')).path).toBe('/api/search');
    expect((await requestLine('link-1')).path).toBe('/auth/email-link/[secret]');
    const everything = logs.raw.join('');
    expect(everything).not.toMatch(EMAIL);
    for (const secret of ['Jane', 'Headteacher', 'Correct-Horse', 'abcdefabcdef', 'A'.repeat(43)])
      expect(everything).not.toContain(secret);
  });

  it('takes email addresses out of messages and censors personal fields given beside them', () => {
    const before = logs.raw.length;
    new Logger('Notifications').warn(
      'notification n-1 to jane.head@brookside.lancs.sch.uk failed, retrying: 550 <jane.head@brookside.lancs.sch.uk> unknown',
      {
        complaintId: 'c-1',
        contact: { name: 'Jane Headteacher', email: 'jane.head@brookside.lancs.sch.uk' },
      },
    );
    new Logger('Reactions').error(
      new Error('could not write to Jane <jane.head@brookside.lancs.sch.uk>'),
      { correlationId: 'corr-7', eventId: 'e-1' },
    );
    const [warning, error] = logs.lines().slice(before);
    expect(warning).toMatchObject({
      level: 'warn',
      context: 'Notifications',
      msg: 'notification n-1 to [email] failed, retrying: 550 <[email]> unknown',
      complaintId: 'c-1',
      contact: '[redacted]',
    });
    expect(error).toMatchObject({
      level: 'error',
      context: 'Reactions',
      correlationId: 'corr-7',
      eventId: 'e-1',
      msg: 'could not write to Jane <[email]>',
      err: { type: 'Error', message: 'could not write to Jane <[email]>' },
    });
    expect(logs.raw.slice(before).join('')).not.toMatch(EMAIL);
  });
});

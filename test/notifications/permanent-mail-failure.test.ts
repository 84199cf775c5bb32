import Database from 'better-sqlite3';
import { VirtualTimerHost } from '@sg/deadlines';
import { SmtpMailTransport } from '@sg/mail';
import { type Notification, NotificationDispatcher, NotificationStore } from '@sg/notifications';
import { eventually } from '../support/eventually';
import { BUSY, GONE, startSmtpServer } from './support/refusing-smtp-server';

const HERE = 'chair@county.example';

const notification = (id: string, email: string): Notification => ({
  id,
  complaintId: 'c-1',
  kind: 'escalated-to-board',
  to: { name: id, email },
  subject: `SG-2025-000042: escalated (${id})`,
  text: 'Complaint SG-2025-000042 has been escalated to the Board.',
  html: '<p>Complaint SG-2025-000042 has been escalated to the Board.</p>',
  raisedAt: '2025-05-09T23:00:00.000Z',
  sendAfter: '2025-05-12T07:00:00.000Z',
});

describe('a mail the server refuses', () => {
  let store: NotificationStore;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let transport: SmtpMailTransport;

  beforeEach(async () => {
    store = new NotificationStore(new Database(':memory:'));
    smtp = await startSmtpServer();
    transport = new SmtpMailTransport(smtp.url);
  });
  afterEach(async () => {
    transport.close();
    await smtp.close();
    store.close();
  });

  const row = (id: string) => store.outbox().find((n) => n.id === id)!;

  it('for good (5xx) is marked failed with its error and never tried again; put off (4xx), it is retried later', async () => {
    const host = new VirtualTimerHost('2025-05-12T07:00:00.000Z');
    store.write(
      {
        notifications: [
          notification('gone', GONE),
          notification('busy', BUSY),
          notification('here', HERE),
        ],
      },
      { commit: 1n, prepare: 1n },
    );
    const errors: string[] = [];
    const dispatcher = new NotificationDispatcher(store, transport, host, {
      from: 'sg@county.example',
      logger: { log: () => undefined, warn: (message) => errors.push(message) },
    });
    dispatcher.start();
    await eventually(() => store.outbox().every((n) => n.attempts === 1));

    expect(row('here')).toMatchObject({ sentAt: '2025-05-12T07:00:00.000Z', failedAt: null });
    expect(row('gone')).toMatchObject({
      sentAt: null,
      failedAt: '2025-05-12T07:00:00.000Z',
      lastError: expect.stringContaining('550'),
    });
    expect(row('busy')).toMatchObject({
      sentAt: null,
      failedAt: null,
      lastError: expect.stringContaining('451'),
    });
    expect(errors.find((e) => e.includes(GONE))).toMatch(/failed for good, not retrying/);
    expect(errors.find((e) => e.includes(BUSY))).toMatch(/retrying at 2025-05-12T07:01:00.000Z/);

    await host.advanceTo('2025-05-12T09:00:00.000Z');
    await eventually(() => row('busy').attempts >= 2);
    await dispatcher.stop();
    expect(smtp.recipients.filter((r) => r === GONE)).toHaveLength(1);
    expect(row('gone').attempts).toBe(1);
  });

  it('to an address that cannot be one is failed for good without troubling the server', async () => {
    const host = new VirtualTimerHost('2025-05-12T07:00:00.000Z');
    store.write(
      { notifications: [notification('typo', 'chair at county.example')] },
      { commit: 1n, prepare: 1n },
    );
    const dispatcher = new NotificationDispatcher(store, transport, host, {
      from: 'sg@county.example',
    });
    dispatcher.start();
    await eventually(() => row('typo').attempts === 1);
    await dispatcher.stop();
    expect(row('typo')).toMatchObject({
      failedAt: '2025-05-12T07:00:00.000Z',
      lastError: 'invalid recipient address "chair at county.example"',
    });
    expect(smtp.recipients).toEqual([]);
    expect(store.nextDue()).toBeNull();
  });
});

describe('an outbox file made before permanent failures were told apart, and before HTML', () => {
  it('is opened as it is, its waiting mail still due, as plain text alone', () => {
    const db = new Database(':memory:');
    db.exec(`
      CREATE TABLE outbox (
        id TEXT PRIMARY KEY, complaint_id TEXT NOT NULL, kind TEXT NOT NULL,
        to_name TEXT NOT NULL, to_email TEXT NOT NULL, subject TEXT NOT NULL, text TEXT NOT NULL,
        raised_at TEXT NOT NULL, send_after TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, last_error TEXT, sent_at TEXT);
      CREATE INDEX outbox_waiting ON outbox (next_attempt_at) WHERE sent_at IS NULL;
      INSERT INTO outbox (id, complaint_id, kind, to_name, to_email, subject, text, raised_at, send_after, next_attempt_at)
        VALUES ('old', 'c-1', 'escalated-to-board', 'Chair', 'chair@county.example', 's', 't',
          '2025-05-09T23:00:00.000Z', '2025-05-12T07:00:00.000Z', '2025-05-12T07:00:00.000Z');
    `);
    const store = new NotificationStore(db);
    expect(
      store.due(new Date('2025-05-12T07:00:00.000Z'), 10).map((n) => [n.id, n.text, n.html]),
    ).toEqual([['old', 't', '']]);
    store.markFailedForGood('old', new Date('2025-05-12T07:00:00.000Z'), '550 gone');
    expect(store.nextDue()).toBeNull();
    store.close();
  });
});

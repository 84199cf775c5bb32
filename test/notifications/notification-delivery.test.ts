import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualTimerHost } from '@sg/deadlines';
import { WorkingDayCalendar } from '@sg/working-days';
import {
  complaintIdFromMessageIds,
  complaintThreadId,
  EmlFileMailTransport,
  type MailTransport,
  type OutgoingMail,
  outgoingMessageId,
} from '@sg/mail';
import { simpleParser } from 'mailparser';
import { type RoleGrant } from '@sg/complaints';
import { type Notification, NotificationDispatcher, NotificationStore } from '@sg/notifications';

const notification = (id: string, sendAfter: string): Notification => ({
  id,
  complaintId: 'c-1',
  kind: 'escalated-to-board',
  to: { name: 'Board Chair', email: 'chair@county.example' },
  subject: `SG-2025-000042: escalated (${id}) – £120 at stake`,
  text: 'Complaint SG-2025-000042 has been escalated to the Board.',
  html: '<p>Complaint SG-2025-000042 has been escalated to the Board.</p>',
  raisedAt: '2025-05-09T23:00:00.000Z',
  sendAfter,
});

/** Takes mail, or refuses the first `failures` messages as an SMTP server that is down would. */
class RecordingTransport implements MailTransport {
  readonly sent: OutgoingMail[] = [];
  constructor(private failures = 0) {}
  send(mail: OutgoingMail): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:25'));
    }
    this.sent.push(mail);
    return Promise.resolve();
  }
  close(): void {}
}

describe('notification delivery', () => {
  let store: NotificationStore;
  let host: VirtualTimerHost;
  const position = (n: number) => ({ commit: BigInt(n), prepare: BigInt(n) });

  beforeEach(() => {
    store = new NotificationStore(new Database(':memory:'));
    host = new VirtualTimerHost('2025-05-09T23:00:00.000Z');
  });
  afterEach(() => store.close());

  it('holds each message until its time, then sends it once, earliest first and, held to the same time, in the order they were raised', async () => {
    store.write(
      {
        notifications: [
          {
            ...notification('a', '2025-05-12T07:00:00.000Z'),
            raisedAt: '2025-05-10T10:00:00.000Z',
          },
          notification('b', '2025-05-12T07:00:00.000Z'),
          notification('c', '2025-05-13T07:00:00.000Z'),
        ],
      },
      position(1),
    );
    // The same event handled again (after a crash) queues nothing new.
    store.write({ notifications: [notification('a', '2025-05-12T07:00:00.000Z')] }, position(1));
    const transport = new RecordingTransport();
    const dispatcher = new NotificationDispatcher(store, transport, host, {
      from: 'sg@county.example',
    });
    dispatcher.start();
    await host.advanceTo('2025-05-12T06:59:59.999Z');
    expect(transport.sent).toEqual([]);
    await host.advanceTo('2025-05-12T07:00:00.000Z');
    // b's event came first (Friday night), a's on Saturday: both wait for Monday morning.
    expect(transport.sent.map((mail) => [mail.messageId, mail.date.toISOString()])).toEqual([
      ['b', '2025-05-12T07:00:00.000Z'],
      ['a', '2025-05-12T07:00:00.000Z'],
    ]);
    await host.advanceTo('2025-05-14T00:00:00.000Z');
    expect(transport.sent.map((mail) => mail.messageId)).toEqual(['b', 'a', 'c']);
    expect(store.outbox().map((n) => n.sentAt)).toEqual([
      '2025-05-12T07:00:00.000Z',
      '2025-05-12T07:00:00.000Z',
      '2025-05-13T07:00:00.000Z',
    ]);
    await dispatcher.stop();
  });

  it('knows which messages of a complaint went to whom, whatever the address’s case: the Board is told a request no longer stands only if it was sent', async () => {
    store.write(
      {
        notifications: [
          notification('sent', '2025-05-12T07:00:00.000Z'),
          {
            ...notification('held', '2025-05-14T07:00:00.000Z'),
            to: { name: 'B', email: 'b@county.example' },
          },
        ],
      },
      position(1),
    );
    const dispatcher = new NotificationDispatcher(store, new RecordingTransport(), host, {
      from: 'sg@county.example',
    });
    dispatcher.start();
    await host.advanceTo('2025-05-12T08:00:00.000Z');
    await dispatcher.stop();
    expect(store.wasSent('c-1', ['escalated-to-board'], 'Chair@County.example')).toBe(true);
    expect(store.wasSent('c-1', ['escalated-to-board'], 'b@county.example')).toBe(false);
    expect(store.wasSent('c-1', ['triage-warning'], 'chair@county.example')).toBe(false);
    expect(store.wasSent('c-2', ['escalated-to-board'], 'chair@county.example')).toBe(false);
  });

  it('knows which Board members are on a school’s staff, whom its complaints do not ask to act', () => {
    let n = 0;
    const write = (changes: Parameters<NotificationStore['write']>[0]) =>
      store.write(changes, position((n += 1)));
    const person = (personId: string, ...grants: RoleGrant[]) => {
      write({ person: { personId, name: personId, email: `${personId}@example.org` } });
      for (const grant of grants) write({ grant: { personId, grant } });
    };
    person(
      'governor',
      { role: 'board-member', chair: false },
      { role: 'school-staff', schoolUrn: '119300' },
    );
    person('member', { role: 'board-member', chair: true });
    person('head', { role: 'school-staff', schoolUrn: '119300' });
    expect(store.boardMembersAtSchool('119300')).toEqual(['governor']);
    expect(store.boardMembersAtSchool('119301')).toEqual([]);
  });

  it('does not send a message of its batch withdrawn while the ones before it went', async () => {
    store.write(
      {
        notifications: [
          notification('first', '2025-05-12T07:00:00.000Z'),
          {
            ...notification('proposal', '2025-05-12T07:00:00.000Z'),
            kind: 'resolution-proposed-for-school',
            clockRevision: 1,
          },
        ],
      },
      position(1),
    );
    const sent: string[] = [];
    const transport: MailTransport = {
      send: (mail) => {
        sent.push(mail.messageId);
        // The school disputes on its page while the first message is going.
        store.write(
          {
            withdraw: {
              complaintId: 'c-1',
              kinds: ['resolution-proposed-for-school'],
              upToRevision: 1,
              at: '2025-05-12T07:00:01.000Z',
            },
          },
          position(2),
        );
        return Promise.resolve();
      },
      close: () => undefined,
    };
    const dispatcher = new NotificationDispatcher(store, transport, host, {
      from: 'sg@county.example',
    });
    dispatcher.start();
    await host.advanceTo('2025-05-12T08:00:00.000Z');
    await dispatcher.stop();
    expect(sent).toEqual(['first']);
    expect(store.outbox().find((mail) => mail.id === 'proposal')).toMatchObject({
      sentAt: null,
      withdrawnAt: '2025-05-12T07:00:01.000Z',
    });
  });

  it('checks the working hours again at the hand-over, which the Date header records', async () => {
    const calendar = new WorkingDayCalendar();
    // Monday 12 May 2025, 17:59 in London: a minute of the working day left.
    host = new VirtualTimerHost('2025-05-12T16:59:00.000Z');
    store.write({ notifications: [notification('late', '2025-05-12T16:59:00.000Z')] }, position(1));
    // Looking up the shared delivery record takes two minutes of the clock the first time, as a
    // slow Redis or a busy machine under TIME_SCALE may: past 18:00 by the hand-over.
    let behind = 0;
    let lookups = 0;
    const clock = {
      now: () => host.now() + behind,
      setTimeout: (callback: () => void, ms: number) => host.setTimeout(callback, ms),
      clearTimeout: (handle: unknown) => host.clearTimeout(handle),
    };
    const transport = new RecordingTransport();
    const dispatcher = new NotificationDispatcher(store, transport, clock, {
      from: 'sg@county.example',
      nextWorkingMoment: (at) => calendar.nextWorkingMoment(at),
      deliveries: {
        outcome: () => {
          lookups += 1;
          if (lookups === 1) behind = 2 * 60_000;
          return Promise.resolve(null);
        },
        sent: () => Promise.resolve(),
        failedForGood: () => Promise.resolve(),
      },
    });
    dispatcher.start();
    await host.advanceTo('2025-05-12T17:30:00.000Z');
    expect(transport.sent).toEqual([]);
    await host.advanceTo('2025-05-13T09:00:00.000Z');
    await dispatcher.stop();
    expect(transport.sent.map((mail) => mail.date.toISOString())).toEqual([
      '2025-05-13T07:00:00.000Z',
    ]);
  });

  it('keeps a message the transport refused and tries again later, backing off', async () => {
    store.write({ notifications: [notification('a', '2025-05-12T07:00:00.000Z')] }, position(1));
    const transport = new RecordingTransport(2);
    const errors: string[] = [];
    const dispatcher = new NotificationDispatcher(store, transport, host, {
      from: 'sg@county.example',
      logger: { log: () => undefined, warn: (message) => errors.push(message) },
    });
    dispatcher.start();
    await host.advanceTo('2025-05-12T07:00:00.000Z');
    expect(errors[0]).toContain('ECONNREFUSED');
    expect(errors[0]).toContain('retrying at 2025-05-12T07:01:00.000Z');
    await host.advanceTo('2025-05-12T07:01:00.000Z');
    expect(errors[1]).toContain('retrying at 2025-05-12T07:03:00.000Z');
    expect(transport.sent).toEqual([]);
    await host.advanceTo('2025-05-12T07:03:00.000Z');
    expect(transport.sent.map((mail) => mail.messageId)).toEqual(['a']);
    expect(store.outbox()[0]).toMatchObject({ attempts: 3, sentAt: '2025-05-12T07:03:00.000Z' });
    await dispatcher.stop();
  });
});

describe('EmlFileMailTransport', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'sg-mail-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const complaintId = '0b9c6f4e-2a51-4c3e-9d7a-5e2f10c0a001';
  const mail: OutgoingMail = {
    messageId: '6c1f0e1a-5c1b-5d1e-8f00-000000000001',
    complaintId,
    from: 'Service Guarantee <sg@county.example>',
    replyTo: 'Complaints <complaints@county.example>',
    to: { name: 'Jane Head', email: 'head@brookside.example' },
    subject: 'Your complaint SG-2025-000042 – £120 reimbursed',
    text: 'Dear Jane Head,\n\nThe Board has decided.',
    html: '<p>Dear Jane Head,</p><p>The Board has decided.</p>',
    date: new Date('2025-05-12T07:00:00.000Z'),
  };

  async function sentOnce(outgoing: OutgoingMail): Promise<string> {
    const transport = new EmlFileMailTransport(folder);
    await transport.send(outgoing);
    await transport.send(outgoing);
    transport.close();
    const files = readdirSync(folder);
    expect(files).toEqual([`2025-05-12T07-00-00-000Z-${outgoing.messageId}.eml`]);
    return readFileSync(join(folder, files[0]), 'utf8');
  }

  it('writes one complete RFC 5322 message per mail, the same file when sent again', async () => {
    const eml = await sentOnce(mail);
    expect(eml).toMatch(/^From: Service Guarantee <sg@county\.example>\r$/m);
    expect(eml).toMatch(/^To: Jane Head <head@brookside\.example>\r$/m);
    expect(eml).toMatch(/^Date: Mon, 12 May 2025 07:00:00 \+0000\r$/m);
    // A subject with £ and – is encoded, as RFC 2047 requires, not sent as raw bytes.
    expect(eml).toMatch(/^Subject: =\?UTF-8\?Q\?/m);
    const parsed = await simpleParser(eml);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.text?.trim()).toBe(mail.text);
    expect(parsed.html).toBe(mail.html);
  });

  it('threads every message about a complaint under it, names it in its Message-ID, and takes replies', async () => {
    const parsed = await simpleParser(await sentOnce(mail));
    expect(parsed.messageId).toBe(outgoingMessageId(mail.messageId, complaintId));
    expect(parsed.inReplyTo).toBe(complaintThreadId(complaintId));
    expect(parsed.references).toBe(complaintThreadId(complaintId));
    expect(parsed.replyTo?.value).toEqual([
      { name: 'Complaints', address: 'complaints@county.example' },
    ]);
    // What a reply carries back (In-Reply-To, then References) leads to the complaint.
    expect(complaintIdFromMessageIds([parsed.messageId!])).toBe(complaintId);
  });

  it('tells auto-responders not to answer, so no out-of-office reply loops back', async () => {
    const parsed = await simpleParser(await sentOnce(mail));
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
  });

  it('writes mail about no complaint (a sign-in link) as plain text under its own id', async () => {
    const eml = await sentOnce({
      messageId: mail.messageId,
      from: mail.from,
      to: mail.to,
      subject: 'Sign in to Service Guarantee',
      text: 'Use this link to sign in.',
      date: mail.date,
    });
    const parsed = await simpleParser(eml);
    expect(parsed.messageId).toBe(`<${mail.messageId}@service-guarantee.local>`);
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.html).toBe(false);
    expect(eml).not.toMatch(/multipart/i);
  });
});

describe('the dispatcher', () => {
  it('sends each notification with its complaint, both its parts, and replies going to the mailbox', async () => {
    const store = new NotificationStore(new Database(':memory:'));
    const host = new VirtualTimerHost('2025-05-12T07:00:00.000Z');
    store.write(
      { notifications: [notification('a', '2025-05-12T07:00:00.000Z')] },
      { commit: 1n, prepare: 1n },
    );
    const transport = new RecordingTransport();
    const dispatcher = new NotificationDispatcher(store, transport, host, {
      from: 'sg@county.example',
      replyTo: 'complaints@county.example',
    });
    dispatcher.start();
    await host.advanceTo('2025-05-12T07:00:00.000Z');
    await dispatcher.stop();
    store.close();
    expect(transport.sent).toEqual([
      expect.objectContaining({
        messageId: 'a',
        complaintId: 'c-1',
        replyTo: 'complaints@county.example',
        text: 'Complaint SG-2025-000042 has been escalated to the Board.',
        html: '<p>Complaint SG-2025-000042 has been escalated to the Board.</p>',
      }),
    ]);
  });
});

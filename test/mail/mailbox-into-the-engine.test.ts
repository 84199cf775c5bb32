import { PeopleRecords } from '@sg/directory';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import {
  ImapMailboxPoller,
  type InboundMailSink,
  type IntakeOutcome,
  type MailEnvelope,
  MailIntake,
} from '@sg/mail';
import { type ComplaintsApp, SCHOOL, startComplaintsApp } from '../support/complaints-app';
import { type RunningDovecot, startDovecot } from '../support/dovecot';
import { RecordingLogger } from './sources/recording-logger';
import { RECEIVED_FROM_SCHOOL, schoolDns } from './support/school-domain';
import { append, messageIdsIn } from './sources/test-mailbox';

jest.setTimeout(120_000);

const BY_TEST = { actor: { id: 'test', role: 'admin' } };
const DONE = ['Service Guarantee', 'Taken in'];

const complaintMail = (n: number) =>
  Buffer.from(
    // As the mailbox's server keeps it: the envelope sender, then the hop it came from.
    `Return-Path: <head${n}@brookside.lancs.sch.uk>\r\n` +
      `Received: ${RECEIVED_FROM_SCHOOL}\r\n` +
      `From: Head ${n} <head${n}@brookside.lancs.sch.uk>\r\n` +
      'To: complaints@county.gov.uk\r\n' +
      `Message-ID: <mailbox-${n}@brookside.lancs.sch.uk>\r\n` +
      `Subject: Complaint number ${n}\r\n` +
      '\r\n' +
      `What went wrong, number ${n}.\r\n`,
  );

/** The engine's intake, but the process "dies" once: after recording the third message, before the move. */
class CrashOnceAfterRecording implements InboundMailSink {
  private crashed = false;
  constructor(private readonly intake: MailIntake) {}

  async accept(raw: Buffer, envelope: MailEnvelope): Promise<IntakeOutcome> {
    const outcome = await this.intake.accept(raw, envelope);
    if (!this.crashed && raw.includes('mailbox-3@')) {
      this.crashed = true;
      throw new Error('the process died before the mailbox heard back');
    }
    return outcome;
  }
}

/**
 * The shared mailbox (Debian's Dovecot, on loopback) read into the real engine: every message
 * becomes exactly one complaint, even though the reader stopped halfway through and read the
 * mailbox again.
 */
describe('a shared mailbox taken into the engine', () => {
  let api: ComplaintsApp;
  let dovecot: RunningDovecot;

  beforeAll(async () => {
    dovecot = await startDovecot();
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', { dns: schoolDns });
    await new PeopleRecords(api.directory).registerSchoolAddress(
      SCHOOL,
      { kind: 'domain', value: 'brookside.lancs.sch.uk' },
      BY_TEST,
    );
  });
  afterAll(async () => {
    await api.close();
    await dovecot.stop();
  });

  it('takes each message in exactly once across a crash mid-batch', async () => {
    await append(dovecot, [1, 2, 3, 4, 5].map(complaintMail));
    const sink = new CrashOnceAfterRecording(api.app.get(MailIntake));
    const first = new ImapMailboxPoller(
      { url: dovecot.url(), doneFolder: DONE.join('/'), pollSeconds: 60 },
      sink,
      new RecordingLogger(),
    );
    // The batch stops at the third message: it was recorded, but never moved.
    expect(await first.pollOnce()).toEqual({ taken: 2 });
    await first.stop();
    const second = new ImapMailboxPoller(
      { url: dovecot.url(), doneFolder: DONE.join('/'), pollSeconds: 60 },
      sink,
      new RecordingLogger(),
    );
    expect(await second.pollOnce()).toEqual({ taken: 3 });
    await second.stop();

    expect(await messageIdsIn(dovecot, ['INBOX'])).toEqual([]);
    expect(await messageIdsIn(dovecot, DONE)).toHaveLength(5);
    const lodged: string[] = [];
    for await (const event of api.app.get<EventStore>(EVENT_STORE).readAll())
      if (event.type === 'ComplaintLodged')
        lodged.push((event.data as { summary: string }).summary);
    expect(lodged.sort()).toEqual([1, 2, 3, 4, 5].map((n) => `Complaint number ${n}`));
  });
});

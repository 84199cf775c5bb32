import { ATTACHMENT_STORE, type AttachmentStore } from '@sg/attachments';
import { ComplaintRepository, ExecuteComplaintCommand } from '@sg/complaint-service';
import { type ClockTiming, DEADLINE_WORKER, type OpenComplaint } from '@sg/complaints';
import { PeopleRecords } from '@sg/directory';
import {
  envelope,
  EVENT_STORE,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@sg/event-store';
import {
  inboundMailStream,
  legacyMailIdOf,
  mailIdOf,
  MailIntake,
  outgoingMessageId,
} from '@sg/mail';
import { DeliveryRecord } from '@sg/notifications';
import { InboundMailQueries, ReadModelProjector } from '@sg/read-models';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import {
  type ComplaintsApp,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';
import { FROM_COUNCIL, FROM_SCHOOL_RELAY, schoolDns } from './support/school-domain';

const TOKEN = 'inbound-mail-token-0123456789abcdefghijkl';
const BY_TEST = { actor: { id: 'test', role: 'admin' } };

interface Mail {
  readonly from?: string;
  readonly subject?: string;
  readonly body?: string;
  readonly messageId?: string;
  readonly headers?: string[];
  readonly contentType?: string;
}

const mail = (m: Mail = {}): Buffer =>
  Buffer.from(
    [
      `From: ${m.from ?? 'Asha Head <head@brookside.lancs.sch.uk>'}`,
      'To: complaints@county.gov.uk',
      `Subject: ${m.subject ?? 'Violin lessons cancelled'}`,
      `Message-ID: ${m.messageId ?? `<${randomUUID()}@brookside.lancs.sch.uk>`}`,
      'Date: Thu, 17 Apr 2025 09:30:00 +0100',
      'MIME-Version: 1.0',
      ...(m.headers ?? []),
      `Content-Type: ${m.contentType ?? 'text/plain; charset=utf-8'}`,
      '',
      m.body ?? 'Four weeks of violin lessons were cancelled without notice.',
      '',
    ].join('\r\n'),
  );

describe('mail intake: what each message becomes', () => {
  let api: ComplaintsApp;
  let intake: MailIntake;
  let store: EventStore;
  let complaints: ComplaintRepository;

  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      dns: schoolDns,
      env: { INBOUND_MAIL_TOKEN: TOKEN },
    });
    await new PeopleRecords(api.directory).registerSchoolAddress(
      SCHOOL,
      { kind: 'domain', value: 'brookside.lancs.sch.uk' },
      BY_TEST,
    );
    intake = api.app.get(MailIntake);
    store = api.app.get<EventStore>(EVENT_STORE);
    complaints = new ComplaintRepository(store);
  });
  afterAll(() => api.close());

  const lastPositionOf = async (prefix: string) => {
    let last: Position | null = null;
    for await (const event of store.readAll())
      if (event.stream.startsWith(prefix)) last = event.position;
    return last!;
  };

  const filedComplaint = async (mailId: string) => {
    const { state } = await intake.load(mailId);
    return state;
  };

  /** A complaint the school emailed, referred to the music service, which then did `step`. */
  const lodgedAndReferred = async (step: { path: string; body: object }) => {
    const lodged = await intake.accept(mail(), FROM_SCHOOL_RELAY);
    const complaintId = (await filedComplaint(lodged.mailId)).complaintId!;
    await api
      .as('support')
      .post(`/api/complaints/${complaintId}/referral`, { serviceId: 'music-service' })
      .expect(200);
    await api
      .as('music-manager')
      .post(`/api/complaints/${complaintId}/${step.path}`, step.body)
      .expect(200);
    return complaintId;
  };
  /** A complaint the school emailed, referred to the music service, which asked a question. */
  const lodgedAndAsked = () =>
    lodgedAndReferred({ path: 'information-requests', body: { question: 'Which dates?' } });

  it('a new message from a school lodges a complaint on the email channel, with its files', async () => {
    const raw = Buffer.from(
      [
        'From: Asha Head <head@brookside.lancs.sch.uk>',
        'To: complaints@county.gov.uk',
        'Subject: Violin lessons cancelled',
        `Message-ID: <${randomUUID()}@brookside.lancs.sch.uk>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Four weeks of lessons were cancelled. We want them rescheduled.',
        '--b1',
        'Content-Type: application/pdf; name="letter.pdf"',
        'Content-Disposition: attachment; filename="letter.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64'),
        '--b1',
        'Content-Type: application/octet-stream; name="setup.exe"',
        'Content-Disposition: attachment; filename="setup.exe"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('MZ\x90\x00\x03\x00\x00\x00').toString('base64'),
        '--b1--',
        '',
      ].join('\r\n'),
    );
    const outcome = await intake.accept(raw, FROM_SCHOOL_RELAY);
    expect(outcome.status).toBe('recorded');
    const mailState = await filedComplaint(outcome.mailId);
    expect(mailState.status).toBe('filed');
    expect(mailState.received?.authentication).toMatchObject({ spf: 'pass', dmarc: 'pass' });
    expect(mailState.received?.refusedFiles.map((file) => file.name)).toEqual(['setup.exe']);
    // The whole message is kept, by its digest.
    expect(
      existsSync(join(api.dataDir, 'attachments', mailState.received!.rawSha256.slice(0, 2))),
    ).toBe(true);
    const { state } = await complaints.load(mailState.complaintId!);
    expect(state).toMatchObject({
      exists: true,
      channel: 'email',
      schoolUrn: SCHOOL,
      summary: 'Violin lessons cancelled',
      status: 'lodged',
      contact: { name: 'Asha Head', email: 'head@brookside.lancs.sch.uk' },
    });
    expect(state.exists && state.attachments.map((file) => file.name)).toEqual(['letter.pdf']);
    // The program it refused is named on the complaint, for its page and the acknowledgement.
    const { history } = await complaints.load(mailState.complaintId!);
    expect((history[0].data as { filesNotKept: { name: string }[] }).filesNotKept).toEqual([
      { name: 'setup.exe', reason: expect.any(String) as unknown },
    ]);
    await api.clocksSettled();
    const page = await api.as('head').get(`/complaints/${mailState.complaintId}`).expect(200);
    expect(page.text).toContain('Files sent that were not kept');
    expect(page.text).toContain('setup.exe');
  });

  it('names a complaint by its subject without the marks that say nothing of it ("Complaint:", "Fwd:")', async () => {
    for (const [subject, summary] of [
      ['Complaint: Schools HR advice not received', 'Schools HR advice not received'],
      ['FW: Complaint - late invoice', 'late invoice'],
      ['Complaint', 'Complaint'],
      ['Re-enrolment charges wrong', 'Re-enrolment charges wrong'],
    ]) {
      const outcome = await intake.accept(mail({ subject }), FROM_SCHOOL_RELAY);
      const { complaintId } = await filedComplaint(outcome.mailId);
      expect((await complaints.load(complaintId!)).state).toMatchObject({ summary });
    }
  });

  it('cuts a subject too long for a summary with an ellipsis, and keeps it whole in the details', async () => {
    const subject = `Complaint: ${'The music lessons were not delivered as booked. '.repeat(6).trim()}`;
    const outcome = await intake.accept(
      mail({ subject, body: 'Please call me.' }),
      FROM_SCHOOL_RELAY,
    );
    const { state, history } = await complaints.load(
      (await filedComplaint(outcome.mailId)).complaintId!,
    );
    expect(state).toMatchObject({ summary: expect.stringMatching(/^The music lessons .*…$/) });
    expect(state.exists && state.summary).toHaveLength(200);
    expect(history[0]).toMatchObject({
      type: 'ComplaintLodged',
      data: { details: `Please call me.\n\n(The email’s subject: ${subject})` },
    });
  });

  it("the original email is kept with its complaint, for the council's staff only", async () => {
    const raw = mail({ subject: 'Kept whole', body: 'Keep this exactly as it came.' });
    const outcome = await intake.accept(raw, FROM_SCHOOL_RELAY);
    const complaintId = (await filedComplaint(outcome.mailId)).complaintId!;
    await api.clocksSettled();
    const position = await lastPositionOf('inbound-mail-');
    expect(await api.app.get(ReadModelProjector).inboundMailCaughtUp(position, 10_000)).toBe(true);
    const page = await api.as('support').get(`/complaints/${complaintId}`).expect(200);
    expect(page.text).toContain(`/complaints/${complaintId}/emails/${outcome.mailId}`);
    const original = await api
      .as('support')
      .get(`/complaints/${complaintId}/emails/${outcome.mailId}`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(original.headers['content-type']).toBe('message/rfc822');
    expect(original.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.compare(original.body as Buffer, raw)).toBe(0);
    // The school sees its complaint, but not the council's copy of the mail.
    await api.as('head').get(`/complaints/${complaintId}/emails/${outcome.mailId}`).expect(404);
    const schoolPage = await api.as('head').get(`/complaints/${complaintId}`).expect(200);
    expect(schoolPage.text).not.toContain('/emails/');
  });

  it('the same Message-ID delivered again records nothing twice', async () => {
    const raw = mail({ messageId: '<same-one@brookside.lancs.sch.uk>' });
    const first = await intake.accept(raw, FROM_SCHOOL_RELAY);
    const [again, atOnce] = await Promise.all([
      intake.accept(raw, FROM_SCHOOL_RELAY),
      intake.accept(raw, { ...FROM_SCHOOL_RELAY, source: 'imap' }),
    ]);
    expect(first.status).toBe('recorded');
    expect([again.status, atOnce.status]).toEqual(['duplicate', 'duplicate']);
    expect(new Set([first.mailId, again.mailId, atOnce.mailId]).size).toBe(1);
    const events: string[] = [];
    for await (const event of store.readStream(`inbound-mail-${first.mailId}`))
      events.push(event.type);
    expect(events).toEqual(['InboundMailReceived', 'InboundMailFiled']);
  });

  it('a message without a Message-ID is named by its bytes: the same bytes again are the same message', async () => {
    const withoutMessageId = (body: string) =>
      Buffer.from(
        mail({ body })
          .toString('utf8')
          .replace(/^Message-ID: .*\r\n/m, ''),
      );
    const raw = withoutMessageId('Our invoice was sent to the wrong school.');
    const first = await intake.accept(raw, FROM_SCHOOL_RELAY);
    const again = await intake.accept(Buffer.from(raw), FROM_SCHOOL_RELAY);
    const other = await intake.accept(
      withoutMessageId('Our invoice was sent to the wrong school twice.'),
      FROM_SCHOOL_RELAY,
    );
    expect([first.status, again.status, other.status]).toEqual([
      'recorded',
      'duplicate',
      'recorded',
    ]);
    expect(again.mailId).toBe(first.mailId);
    expect(other.mailId).not.toBe(first.mailId);
    const digest = createHash('sha256').update(raw).digest('hex');
    expect(first.mailId).toBe(mailIdOf(null, null, digest));
  });

  it('a message whose complaint was lodged before the process died, offered again, is recorded once and lodges once', async () => {
    const raw = mail({ subject: 'Lodged, then the lights went out' });
    const appendToStream = store.appendToStream.bind(store);
    const dies = jest
      .spyOn(store, 'appendToStream')
      .mockImplementation((stream, events, options) =>
        stream.startsWith('inbound-mail-')
          ? Promise.reject(new Error('the process died before the message was recorded'))
          : appendToStream(stream, events, options),
      );
    try {
      await expect(intake.accept(raw, FROM_SCHOOL_RELAY)).rejects.toThrow('the process died');
    } finally {
      dies.mockRestore();
    }
    const lodgedAs = async () => {
      const lodged: string[] = [];
      for await (const event of store.readAll())
        if (
          event.type === 'ComplaintLodged' &&
          (event.data as { summary: string }).summary === 'Lodged, then the lights went out'
        )
          lodged.push(event.stream);
      return lodged;
    };
    const [stream] = await lodgedAs();
    const again = await intake.accept(raw, FROM_SCHOOL_RELAY);
    expect(again.status).toBe('recorded');
    expect(await lodgedAs()).toEqual([stream]);
    expect(`complaint-${(await filedComplaint(again.mailId)).complaintId}`).toBe(stream);
    const events: string[] = [];
    for await (const event of store.readStream(`inbound-mail-${again.mailId}`))
      events.push(event.type);
    expect(events).toEqual(['InboundMailReceived', 'InboundMailFiled']);
    expect(await intake.accept(raw, FROM_SCHOOL_RELAY)).toEqual({
      status: 'duplicate',
      mailId: again.mailId,
    });
  });

  it('a message whose original could not be kept is not recorded: offered again, it is recorded once and lodges once', async () => {
    const raw = mail({ subject: 'Kept on the second try' });
    const originals = api.app.get<AttachmentStore>(ATTACHMENT_STORE);
    const full = jest
      .spyOn(originals, 'put')
      .mockRejectedValueOnce(new Error('no space left on device'));
    try {
      await expect(intake.accept(raw, FROM_SCHOOL_RELAY)).rejects.toThrow('no space left');
    } finally {
      full.mockRestore();
    }
    const again = await intake.accept(raw, FROM_SCHOOL_RELAY);
    expect(again.status).toBe('recorded');
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(`inbound-mail-${again.mailId}`)) events.push(event);
    expect(events.map((event) => event.type)).toEqual(['InboundMailReceived', 'InboundMailFiled']);
    const { rawSha256 } = events[0].data as { rawSha256: string };
    const kept = await originals.open(rawSha256);
    kept?.stream.destroy();
    expect(kept?.sizeBytes).toBe(raw.length);
    let lodged = 0;
    for await (const event of store.readAll())
      if (
        event.type === 'ComplaintLodged' &&
        (event.data as { summary: string }).summary === 'Kept on the second try'
      )
        lodged += 1;
    expect(lodged).toBe(1);
  });

  it('a message from someone else under a Message-ID already taken is a message of its own', async () => {
    const messageId = '<taken-once@brookside.lancs.sch.uk>';
    const school = await intake.accept(mail({ messageId }), FROM_SCHOOL_RELAY);
    const other = await intake.accept(
      mail({ messageId, from: 'Someone <someone@elsewhere.example>' }),
      { ...FROM_SCHOOL_RELAY, mailFrom: 'someone@elsewhere.example' },
    );
    expect(school.status).toBe('recorded');
    expect(other).toMatchObject({ status: 'recorded' });
    expect(other.mailId).not.toBe(school.mailId);
    expect(await intake.accept(mail({ messageId }), FROM_SCHOOL_RELAY)).toEqual({
      status: 'duplicate',
      mailId: school.mailId,
    });
  });

  it('a forged copy taken first under a Message-ID does not get the school’s real message dropped', async () => {
    const messageId = `<${randomUUID()}@brookside.lancs.sch.uk>`;
    // Sent from an address brookside.lancs.sch.uk's SPF does not allow, with no DKIM signature.
    const forgedRelay = { ...FROM_SCHOOL_RELAY, remoteAddress: '198.51.100.66' };
    const forged = await intake.accept(
      mail({ messageId, body: 'Ignore our earlier email.' }),
      forgedRelay,
    );
    const real = await intake.accept(mail({ messageId }), FROM_SCHOOL_RELAY);
    expect(real).toMatchObject({ status: 'recorded' });
    expect(real.mailId).not.toBe(forged.mailId);
    expect(await filedComplaint(forged.mailId)).toMatchObject({ status: 'awaiting-match' });
    const filed = await filedComplaint(real.mailId);
    expect(filed.status).toBe('filed');
    const { history } = await complaints.load(filed.complaintId!);
    expect(history[0].data).toMatchObject({
      channel: 'email',
      details: 'Four weeks of violin lessons were cancelled without notice.',
    });
    // Each is still one message: offered again, either records nothing twice.
    expect(await intake.accept(mail({ messageId }), FROM_SCHOOL_RELAY)).toEqual({
      status: 'duplicate',
      mailId: real.mailId,
    });
    expect(
      await intake.accept(mail({ messageId, body: 'Ignore our earlier email.' }), forgedRelay),
    ).toEqual({ status: 'duplicate', mailId: forged.mailId });
  });

  it('a message taken in before its sender was part of its name is still taken once', async () => {
    const messageId = '<before-the-upgrade@brookside.lancs.sch.uk>';
    const earlier = legacyMailIdOf(messageId);
    // As the intake recorded it then: under the Message-ID alone, and filed.
    const first = await intake.accept(
      mail({ messageId: '<a-template@brookside.lancs.sch.uk>' }),
      FROM_SCHOOL_RELAY,
    );
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(`inbound-mail-${first.mailId}`)) events.push(event);
    await store.appendToStream(
      `inbound-mail-${earlier}`,
      events.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data:
          event.type === 'InboundMailReceived'
            ? { ...(event.data as object), mailId: earlier, messageId }
            : event.data,
        metadata: event.metadata,
      })),
      { expectedRevision: 'no_stream' },
    );
    expect(await intake.accept(mail({ messageId }), FROM_SCHOOL_RELAY)).toEqual({
      status: 'duplicate',
      mailId: earlier,
    });
    // Someone else under that id is a message of their own, as ever.
    const other = await intake.accept(
      mail({ messageId, from: 'Someone <someone@elsewhere.example>' }),
      { ...FROM_SCHOOL_RELAY, mailFrom: 'someone@elsewhere.example' },
    );
    expect(other.status).toBe('recorded');
    expect(other.mailId).not.toBe(earlier);
  });

  /** The mail of `kind` planned about `complaintId`, recorded as sent. */
  const sentMail = async (complaintId: string, kind: string) => {
    await api.clocksSettled();
    const planned = api.outbox().find((n) => n.complaintId === complaintId && n.kind === kind)!;
    // The outbox's record that it went (this app's sender keeps to real working hours).
    await new DeliveryRecord(store).sent(planned, api.clock.now());
    return outgoingMessageId(planned.id, complaintId);
  };

  /** The school's reply to our mail of Message-ID `ours`. */
  const replyThreadedTo = (ours: string, m: Mail) =>
    intake.accept(
      mail({
        subject: 'Re: about your complaint',
        headers: [`In-Reply-To: ${ours}`, `References: ${ours}`],
        ...m,
      }),
      FROM_SCHOOL_RELAY,
    );
  /** The school's reply to the mail of `kind` sent about `complaintId`. */
  const replyToMail = async (complaintId: string, kind: string, m: Mail) =>
    replyThreadedTo(await sentMail(complaintId, kind), m);
  /** The school's reply to one of our mails about `complaintId`, whichever. */
  const replyToOurs = (complaintId: string, m: Mail) =>
    replyThreadedTo(outgoingMessageId(randomUUID(), complaintId), m);
  /** The school's reply to the service's question on `complaintId`. */
  const replyToQuestion = (complaintId: string, m: Mail) =>
    replyToMail(complaintId, 'question-for-school', m);

  it('takes a reply to the reminder before the school’s window closes as its answer', async () => {
    const complaintId = await lodgedAndAsked();
    const reminder = {
      id: randomUUID(),
      complaintId,
      kind: 'school-reply-warning' as const,
      to: { name: 'Asha Head', email: 'head@brookside.lancs.sch.uk' },
      subject: 'Reminder',
      text: 'You can reply to this email.',
      html: '',
      raisedAt: api.clock.now().toISOString(),
      sendAfter: api.clock.now().toISOString(),
    };
    await new DeliveryRecord(store).sent(reminder, api.clock.now());
    const reply = await replyThreadedTo(outgoingMessageId(reminder.id, complaintId), {
      body: 'The dates were 3, 10 and 17 March.',
    });
    expect((await filedComplaint(reply.mailId)).status).toBe('filed');
    const { state } = await complaints.load(complaintId);
    expect(state.exists && state.status).toBe('with-service');
  });

  it('takes as the answer to the service’s question only a reply to the mail that asked it: a chaser, or thanks for the acknowledgement, is a message', async () => {
    const complaintId = await lodgedAndAsked();
    const { state } = await complaints.load(complaintId);
    const reference = state.exists ? state.reference : '';
    const chaser = await intake.accept(
      mail({ subject: `Any update on ${reference}?`, body: 'Is there any news?' }),
      FROM_SCHOOL_RELAY,
    );
    const thanks = await replyToMail(complaintId, 'acknowledgement-for-school', {
      body: 'Thanks for letting me know.',
    });
    for (const reply of [chaser, thanks])
      expect((await filedComplaint(reply.mailId)).status).toBe('filed');
    const after = await complaints.load(complaintId);
    expect(after.state.exists && after.state.status).toBe('awaiting-school');
    expect(after.history.map((event) => event.type)).not.toContain('InformationReceived');
    expect(
      after.history.filter((event) => event.type === 'MessageSent').map((event) => event.data),
    ).toMatchObject([{ text: 'Is there any news?' }, { text: 'Thanks for letting me know.' }]);
  });

  it('a reply threads into its complaint by our Message-ID and answers the question asked', async () => {
    const complaintId = await lodgedAndAsked();
    const reply = await replyToQuestion(complaintId, {
      body: '3, 10 and 17 March.\r\n\r\nOn Tue, 22 Apr 2025 at 10:01, Music Service <music@county.gov.uk> wrote:\r\n> Which dates?',
    });
    expect((await filedComplaint(reply.mailId)).status).toBe('filed');
    const { state, history } = await complaints.load(complaintId);
    expect(state.exists && state.status).toBe('with-service');
    const received = history.find((event) => event.type === 'InformationReceived');
    expect(received?.data).toMatchObject({ summary: '3, 10 and 17 March.' });
    // One id leads from the message to what it did, as from a request to its events.
    const recorded = [];
    for await (const event of store.readStream(`complaint-${complaintId}`)) recorded.push(event);
    expect(
      recorded.find((event) => event.type === 'InformationReceived')?.metadata.correlationId,
    ).toBe(reply.mailId);
  });

  it('files a reply refused are named on the complaint, and the school is told, as for files refused with its complaint', async () => {
    const complaintId = await lodgedAndAsked();
    const reply = await replyToQuestion(complaintId, {
      contentType: 'multipart/mixed; boundary="b1"',
      body: [
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'The dates are in the letter.',
        '--b1',
        'Content-Type: application/pdf; name="adviser-letter.pdf"',
        'Content-Disposition: attachment; filename="adviser-letter.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64'),
        '--b1',
        'Content-Type: application/octet-stream; name="tool.exe"',
        'Content-Disposition: attachment; filename="tool.exe"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('MZ\x90\x00\x03\x00\x00\x00').toString('base64'),
        '--b1--',
      ].join('\r\n'),
    });
    expect((await filedComplaint(reply.mailId)).status).toBe('filed');
    const { state, history } = await complaints.load(complaintId);
    expect(state.exists && state.attachments.map((file) => file.name)).toContain(
      'adviser-letter.pdf',
    );
    expect(history.find((event) => event.type === 'FilesNotKept')?.data).toMatchObject({
      files: [{ name: 'tool.exe', reason: expect.any(String) as unknown }],
    });
    expect(history.find((event) => event.type === 'InformationReceived')?.data).toMatchObject({
      summary: 'The dates are in the letter.',
    });
    await api.clocksSettled();
    const page = await api.as('head').get(`/complaints/${complaintId}`).expect(200);
    expect(page.text).toContain('Files sent that were not kept');
    expect(page.text).toContain('tool.exe');
    const told = api
      .outbox()
      .filter((n) => n.complaintId === complaintId && n.kind === 'files-not-kept-for-school');
    expect(told.map((n) => n.to.email)).toEqual(['head@brookside.lancs.sch.uk']);
    expect(told[0].text).toContain('- tool.exe: ');
  });

  it('a council officer’s answer to the engine’s mail about a complaint is their note on it, for the council only', async () => {
    const complaintId = await lodgedAndAsked();
    const by = { actor: { id: 'test', role: 'admin' as const } };
    const people = new PeopleRecords(api.directory);
    await people.add(
      {
        personId: 'harry-lord',
        name: 'Harry Lord',
        email: 'harry.lord@county.gov.uk',
        roles: [{ role: 'service-manager', serviceIds: ['music-service'] }],
      },
      by,
    );
    const ours = outgoingMessageId(randomUUID(), complaintId);
    const update = await intake.accept(
      mail({
        from: 'Harry Lord <harry.lord@county.gov.uk>',
        subject: 'Re: referred to your service',
        headers: [`In-Reply-To: ${ours}`, `References: ${ours}`],
        body: 'I agreed with the head to send written advice by Friday.',
      }),
      FROM_COUNCIL,
    );
    expect((await filedComplaint(update.mailId)).status).toBe('filed');
    const { history } = await complaints.load(complaintId);
    expect(history.find((event) => event.type === 'InternalNoteAdded')?.data).toMatchObject({
      text: 'I agreed with the head to send written advice by Friday.',
      by: { id: 'harry-lord', role: 'service-manager' },
    });
    const asSchool = (
      await api.as('head').get(`/api/complaints/${complaintId}/timeline`).expect(200)
    ).body as { type: string }[];
    expect(asSchool.map((line) => line.type)).not.toContain('InternalNoteAdded');
    // An officer who does not read this complaint's notes (another service's) waits, saying why.
    await people.add(
      {
        personId: 'hr-officer',
        name: 'Hana Officer',
        email: 'hana.officer@county.gov.uk',
        roles: [{ role: 'service-manager', serviceIds: ['schools-hr'] }],
      },
      by,
    );
    const other = await intake.accept(
      mail({
        from: 'Hana Officer <hana.officer@county.gov.uk>',
        subject: 'Re: referred to your service',
        headers: [`In-Reply-To: ${ours}`, `References: ${ours}`],
        body: 'Is this one ours?',
      }),
      { ...FROM_COUNCIL, mailFrom: 'hana.officer@county.gov.uk' },
    );
    const waiting = await filedComplaint(other.mailId);
    expect(waiting.status).toBe('awaiting-match');
    const notes = (await complaints.load(complaintId)).history.filter(
      (event) => event.type === 'InternalNoteAdded',
    );
    expect(notes).toHaveLength(1);
    // What they send with it stays with their email, for the council: not on the files the school
    // reads and downloads.
    const withFindings = await intake.accept(
      mail({
        from: 'Harry Lord <harry.lord@county.gov.uk>',
        subject: 'Re: referred to your service',
        headers: [`In-Reply-To: ${ours}`, `References: ${ours}`],
        contentType: 'multipart/mixed; boundary="b1"',
        body: [
          '--b1',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Our findings are attached.',
          '--b1',
          'Content-Type: application/pdf; name="hr-investigation.pdf"',
          'Content-Disposition: attachment; filename="hr-investigation.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64'),
          '--b1--',
        ].join('\r\n'),
      }),
      FROM_COUNCIL,
    );
    expect((await filedComplaint(withFindings.mailId)).status).toBe('filed');
    const noted = (await complaints.load(complaintId)).history.filter(
      (event) => event.type === 'InternalNoteAdded',
    );
    expect(JSON.stringify(noted.at(-1)?.data)).toContain(
      "Our findings are attached.\\n\\n(Files with this email, kept with it for the council's staff only: hr-investigation.pdf)",
    );
    const seenBySchool = (await api.as('head').get(`/api/complaints/${complaintId}`).expect(200))
      .body as { attachments: { name: string }[] };
    expect(seenBySchool.attachments.map((file) => file.name)).not.toContain('hr-investigation.pdf');
    await api
      .as('head')
      .get(`/complaints/${complaintId}/emails/${withFindings.mailId}`)
      .expect(404);
    await api
      .as('support')
      .get(`/complaints/${complaintId}/emails/${withFindings.mailId}`)
      .expect(200);
  });

  it('a bounce of the service’s question tells the service and Business Support the school was not asked', async () => {
    const complaintId = await lodgedAndAsked();
    const question = await sentMail(complaintId, 'question-for-school');
    const bounce = Buffer.from(
      [
        'From: Mail Delivery System <MAILER-DAEMON@brookside.lancs.sch.uk>',
        'To: complaints@county.gov.uk',
        'Subject: Undelivered Mail Returned to Sender',
        'Auto-Submitted: auto-replied',
        `Message-ID: <${randomUUID()}@brookside.lancs.sch.uk>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b0"',
        '',
        '--b0',
        'Content-Type: text/plain',
        '',
        '550 5.1.1 User unknown',
        '--b0',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.brookside.lancs.sch.uk',
        '',
        'Final-Recipient: rfc822; head@brookside.lancs.sch.uk',
        'Action: failed',
        'Status: 5.1.1',
        '',
        '--b0',
        'Content-Type: text/rfc822-headers',
        '',
        'From: complaints@county.gov.uk',
        `Message-ID: ${question}`,
        '',
        '--b0--',
        '',
      ].join('\r\n'),
    );
    await intake.accept(bounce, { ...FROM_SCHOOL_RELAY, mailFrom: '' });
    const { history } = await complaints.load(complaintId);
    expect(history.find((event) => event.type === 'QuestionMailReturned')?.data).toMatchObject({
      status: '5.1.1',
    });
    await api.clocksSettled();
    const told = api
      .outbox()
      .filter((n) => n.complaintId === complaintId && n.kind === 'question-returned-for-staff');
    expect(told.map((n) => n.to.email)).toEqual(
      expect.arrayContaining(['music-manager@example.org']),
    );
    expect(told[0].text).toContain('the address does not exist');
  });

  it('a reply that says nothing (its subject names the complaint, its body is empty) waits for Business Support and answers no question', async () => {
    const complaintId = await lodgedAndAsked();
    const { state: asked } = await complaints.load(complaintId);
    const reference = asked.exists ? asked.reference : '';
    const empty = await intake.accept(
      mail({ subject: `Re: Your complaint ${reference}: the service has a question`, body: '' }),
      FROM_SCHOOL_RELAY,
    );
    expect(await filedComplaint(empty.mailId)).toMatchObject({
      status: 'awaiting-match',
      complaintId,
    });
    const { state, history } = await complaints.load(complaintId);
    expect(state.exists && state.status).toBe('awaiting-school');
    expect(history.some((event) => event.type === 'InformationReceived')).toBe(false);
  });

  it.each([
    [
      'is blank above our proposal',
      'On Tue, 22 Apr 2025 at 10:01, Music Service <music@county.gov.uk> wrote:\r\n> Reply with "resolved", or with "not resolved" and why.',
    ],
    [
      'has its answer in the subject alone',
      'Sent from my iPhone\r\n\r\n> Reply with "resolved", or with "not resolved" and why.',
    ],
  ])(
    'a reply to the proposal that %s says nothing of its own: it waits for Business Support, disputing nothing',
    async (_, body) => {
      const { complaintId } = await proposedAndSent();
      const reply = await replyToOurs(complaintId, {
        subject: 'RE: the music service proposes a resolution - RESOLVED',
        body,
      });
      expect(await filedComplaint(reply.mailId)).toMatchObject({
        status: 'awaiting-match',
        complaintId,
      });
      const { state, history } = await complaints.load(complaintId);
      expect(state.exists && state.status).toBe('resolution-proposed');
      expect(history.some((event) => event.type === 'ResolutionDisputed')).toBe(false);
    },
  );

  it('a reply that quotes only the reference in its subject is filed on that complaint', async () => {
    const lodged = await intake.accept(mail(), FROM_SCHOOL_RELAY);
    const complaintId = (await filedComplaint(lodged.mailId)).complaintId!;
    const { state } = await complaints.load(complaintId);
    const reference = state.exists ? state.reference : '';
    await api.clocksSettled();
    const reply = await intake.accept(
      mail({ subject: `RE: FW: ${reference.toLowerCase()} more detail`, body: 'One more thing.' }),
      FROM_SCHOOL_RELAY,
    );
    expect(await filedComplaint(reply.mailId)).toMatchObject({ status: 'filed', complaintId });
    const { history } = await complaints.load(complaintId);
    expect(history.some((event) => event.type === 'MessageSent')).toBe(true);
  });

  it('an email naming two complaints, by its thread and its subject or twice in its subject, waits for Business Support; a reference retyped with spaces is filed', async () => {
    const referenceOf = async (complaintId: string) => {
      const { state } = await complaints.load(complaintId);
      return state.exists ? state.reference : '';
    };
    const first = (await filedComplaint((await intake.accept(mail(), FROM_SCHOOL_RELAY)).mailId))
      .complaintId!;
    const second = (
      await filedComplaint(
        (await intake.accept(mail({ subject: 'Supply teacher never came' }), FROM_SCHOOL_RELAY))
          .mailId,
      )
    ).complaintId!;
    const [firstReference, secondReference] = [await referenceOf(first), await referenceOf(second)];
    await api.clocksSettled();
    const waitingWhy = async (mailId: string) => {
      const { history } = await intake.load(mailId);
      return history.at(-1)?.data as { reason?: string };
    };
    // Answering our mail about the first, it says in its subject that it is about the second.
    const crossed = await replyToOurs(first, {
      subject: `Re: ${secondReference} supply teacher - update`,
      body: 'The agency has still sent nobody.',
    });
    expect(await filedComplaint(crossed.mailId)).toMatchObject({
      status: 'awaiting-match',
      complaintId: null,
    });
    expect(await waitingWhy(crossed.mailId)).toMatchObject({ reason: 'names-several-complaints' });
    const both = await intake.accept(
      mail({ subject: `${firstReference} and ${secondReference} both still open`, body: 'Both.' }),
      FROM_SCHOOL_RELAY,
    );
    expect(await waitingWhy(both.mailId)).toMatchObject({ reason: 'names-several-complaints' });
    // Answering our mail about the first and quoting its reference is about the first alone.
    const same = await replyToOurs(first, {
      subject: `Re: ${firstReference} more`,
      body: 'One more thing.',
    });
    expect(await filedComplaint(same.mailId)).toMatchObject({
      status: 'filed',
      complaintId: first,
    });
    const spaced = await intake.accept(
      mail({ subject: `Ref ${secondReference.replaceAll('-', ' ')} invoice`, body: 'Invoice.' }),
      FROM_SCHOOL_RELAY,
    );
    expect(await filedComplaint(spaced.mailId)).toMatchObject({
      status: 'filed',
      complaintId: second,
    });
    for (const id of [first, second]) {
      const { history } = await complaints.load(id);
      expect(history.filter((event) => event.type === 'MessageSent')).toHaveLength(1);
    }
  });

  it.each([
    [
      'an out-of-office reply',
      { headers: ['Auto-Submitted: auto-replied'], subject: 'Automatic reply: Your complaint' },
    ],
    ['list mail', { headers: ['Precedence: bulk', 'List-Id: <news.brookside.lancs.sch.uk>'] }],
    [
      'a delivery-status report',
      {
        contentType: 'multipart/report; report-type=delivery-status; boundary="x"',
        body: '--x\r\nContent-Type: text/plain\r\n\r\nUndeliverable\r\n--x--',
      },
    ],
  ])('%s is recorded and ignored: no complaint, nobody written to', async (_, shape) => {
    const before = api.outbox().length;
    const outcome = await intake.accept(mail(shape), FROM_SCHOOL_RELAY);
    const state = await filedComplaint(outcome.mailId);
    expect(state.status).toBe('ignored');
    expect(state.complaintId).toBeNull();
    await api.clocksSettled();
    expect(api.outbox().length).toBe(before);
  });

  it('a person’s email taken for a machine’s is put back in the queue by Business Support, once', async () => {
    const outcome = await intake.accept(
      mail({
        headers: ['Auto-Submitted: auto-replied'],
        subject: 'Still no adviser: we want to complain',
      }),
      FROM_SCHOOL_RELAY,
    );
    expect((await intake.load(outcome.mailId)).state.status).toBe('ignored');
    const by = { id: 'support', role: 'business-support' } as const;
    await intake.putBack(outcome.mailId, by);
    const { state, history } = await intake.load(outcome.mailId);
    expect(state).toMatchObject({ status: 'awaiting-match', matchedSchoolUrn: null });
    expect(history.at(-1)).toMatchObject({ type: 'InboundMailPutBack', data: { by } });
    await expect(intake.putBack(outcome.mailId, by)).rejects.toMatchObject({
      code: 'MAIL_NOT_SET_ASIDE',
    });
    expect((await intake.load(outcome.mailId)).history).toHaveLength(history.length);
    // Matched to its school, it is lodged as the person said, not taken for a machine's again.
    await intake.match(outcome.mailId, SCHOOL, by);
    const filed = await filedComplaint(outcome.mailId);
    expect(filed.status).toBe('filed');
    expect((await complaints.load(filed.complaintId!)).state).toMatchObject({
      summary: 'Still no adviser: we want to complain',
      channel: 'email',
    });
  });

  it('a bounce with the empty return path is ignored, and is never put back in the queue: it encloses the council’s own mail, sign-in links and all', async () => {
    const outcome = await intake.accept(
      mail({ from: 'MAILER-DAEMON <mailer-daemon@brookside.lancs.sch.uk>' }),
      {
        ...FROM_SCHOOL_RELAY,
        mailFrom: null,
      },
    );
    expect((await filedComplaint(outcome.mailId)).status).toBe('ignored');
    const { history } = await intake.load(outcome.mailId);
    const by = { id: 'support', role: 'business-support' } as const;
    await expect(intake.putBack(outcome.mailId, by)).rejects.toMatchObject({
      code: 'MAIL_IS_A_BOUNCE',
    });
    expect((await intake.load(outcome.mailId)).history).toHaveLength(history.length);
    // One put back before bounces were refused, still waiting, is neither lodged nor filed.
    await store.appendToStream(
      inboundMailStream(outcome.mailId),
      [
        envelope(
          { type: 'InboundMailPutBack', data: { by, at: '2025-04-22T10:00:00.000Z' } },
          { schemaVersion: 1, correlationId: outcome.mailId, actor: by },
        ),
      ],
      { expectedRevision: BigInt(history.length - 1) },
    );
    await expect(intake.match(outcome.mailId, SCHOOL, by)).rejects.toMatchObject({
      code: 'MAIL_IS_A_BOUNCE',
    });
    expect((await intake.load(outcome.mailId)).state.status).toBe('awaiting-match');
  });

  it('an unknown sender waits for Business Support, and so does one that fails DMARC for a school domain', async () => {
    const stranger = await intake.accept(mail({ from: 'Someone <someone@elsewhere.example>' }), {
      ...FROM_SCHOOL_RELAY,
      mailFrom: 'someone@elsewhere.example',
    });
    expect(await filedComplaint(stranger.mailId)).toMatchObject({ status: 'awaiting-match' });
    // Sent from an address brookside.lancs.sch.uk's SPF does not allow, with no DKIM signature.
    const forged = await intake.accept(mail(), {
      ...FROM_SCHOOL_RELAY,
      remoteAddress: '198.51.100.66',
    });
    const state = await filedComplaint(forged.mailId);
    expect(state.status).toBe('awaiting-match');
    expect(state.received?.authentication.dmarc).toBe('fail');
    const position = await lastPositionOf('inbound-mail-');
    expect(await api.app.get(ReadModelProjector).inboundMailCaughtUp(position, 10_000)).toBe(true);
    const queue = api.app.get(InboundMailQueries).awaitingMatch();
    expect(queue.map((row) => [row.mailId, row.reason])).toEqual(
      expect.arrayContaining([
        [stranger.mailId, 'unknown-sender'],
        [forged.mailId, 'failed-authentication'],
      ]),
    );
  });

  it('a message from two senders proves neither: the school is not taken to have sent it', async () => {
    for (const from of [
      'Asha Head <head@brookside.lancs.sch.uk>, Mal <mal@evil.example>',
      'Asha Head <head@brookside.lancs.sch.uk>\r\nFrom: Mal <mal@evil.example>',
    ]) {
      const outcome = await intake.accept(mail({ from }), FROM_SCHOOL_RELAY);
      const state = await filedComplaint(outcome.mailId);
      expect(state.status).toBe('awaiting-match');
      expect(state.complaintId).toBeNull();
    }
  });

  it('a message from a school domain that publishes no DMARC policy is not filed by itself', async () => {
    await new PeopleRecords(api.directory).registerSchoolAddress(
      SCHOOL,
      { kind: 'domain', value: 'nopolicy.lancs.sch.uk' },
      BY_TEST,
    );
    const outcome = await intake.accept(mail({ from: 'Head <head@nopolicy.lancs.sch.uk>' }), {
      ...FROM_SCHOOL_RELAY,
      mailFrom: 'head@nopolicy.lancs.sch.uk',
    });
    const state = await filedComplaint(outcome.mailId);
    expect(state.status).toBe('awaiting-match');
    expect(state.received?.authentication.dmarc).toBe('none');
  });

  it('a message the parser cannot read is still recorded, whole, for a person to look at', async () => {
    const parts = Array.from(
      { length: 3_000 },
      (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`,
    ).join('');
    const outcome = await intake.accept(
      mail({ contentType: 'multipart/mixed; boundary="b"', body: `${parts}--b--` }),
      FROM_SCHOOL_RELAY,
    );
    const state = await filedComplaint(outcome.mailId);
    expect(state).toMatchObject({ status: 'awaiting-match', complaintId: null });
    expect(state.received).toMatchObject({ unreadable: true });
    // Offered again, it is the same message: recorded once.
    expect(
      (
        await intake.accept(
          mail({
            contentType: 'multipart/mixed; boundary="b"',
            body: `${parts}--b--`,
            messageId: state.received!.messageId!,
          }),
          FROM_SCHOOL_RELAY,
        )
      ).status,
    ).toBe('duplicate');
  });

  it('a reply that is thousands of quoted lines is read in one pass and kept', async () => {
    const body = `${'> quoted\r\n'.repeat(50_000)}My answer is below the quote.`;
    const outcome = await intake.accept(mail({ body }), FROM_SCHOOL_RELAY);
    const text = (await filedComplaint(outcome.mailId)).received!.text;
    expect(text.endsWith('[The rest of this email is in the original.]')).toBe(true);
  });

  it('an email that names no sender is lodged only with the school contact Business Support gives', async () => {
    const raw = Buffer.from(
      mail()
        .toString()
        .replace(/^From: .*\r\n/m, ''),
    );
    const { mailId } = await intake.accept(raw, {
      ...FROM_SCHOOL_RELAY,
      mailFrom: 'scanner@brookside.lancs.sch.uk',
    });
    expect((await filedComplaint(mailId)).status).toBe('awaiting-match');
    const support = { id: 'support', role: 'business-support' };
    await expect(intake.match(mailId, SCHOOL, support)).rejects.toMatchObject({
      code: 'SCHOOL_CONTACT_NEEDED',
    });
    // Nobody's words: not added to a complaint as the school's.
    const earlier = await intake.accept(mail(), FROM_SCHOOL_RELAY);
    const { reference } = (
      await complaints.load((await filedComplaint(earlier.mailId)).complaintId!)
    ).state as { reference: string };
    await expect(intake.attachTo(mailId, reference, support)).rejects.toMatchObject({
      code: 'NOT_THE_SCHOOLS_WORDS',
      message: expect.stringContaining('does not say who sent it') as unknown,
    });
    // Refused, it recorded nothing: it still waits, matched to no school.
    expect((await intake.load(mailId)).history.map((event) => event.type)).toEqual([
      'InboundMailReceived',
      'InboundMailAwaitingMatch',
    ]);
    await intake.match(mailId, SCHOOL, support, { name: 'Asha Head', email: null });
    const filed = await filedComplaint(mailId);
    expect(filed.status).toBe('filed');
    const { state } = await complaints.load(filed.complaintId!);
    expect(state).toMatchObject({ schoolUrn: SCHOOL, contact: { name: 'Asha Head' } });
    expect(state.exists && state.contact.email).toBeUndefined();
  });

  it.each([
    [
      'a disabled officer',
      'gone.officer@county.gov.uk',
      [{ role: 'service-manager' as const, serviceIds: ['music-service'] }],
      true,
      null,
    ],
    [
      'staff of another school who also manage a service',
      'both.hats@county.gov.uk',
      [
        { role: 'school-staff' as const, schoolUrn: OTHER_SCHOOL },
        { role: 'service-manager' as const, serviceIds: ['music-service'] },
      ],
      false,
      'service-manager',
    ],
    [
      'a scrutiny councillor',
      'cllr.scrutiny@county.gov.uk',
      [{ role: 'scrutiny' as const }],
      false,
      null,
    ],
  ])(
    'an email from %s is lodged for a school only with the contact Business Support names, never as them writing for the school',
    async (_, email, roles, disabled, loggedAs) => {
      const personId = email.split('@')[0].replace('.', '-');
      const records = new PeopleRecords(api.directory);
      await records.add({ personId, name: personId, email, roles }, BY_TEST);
      if (disabled) await records.disable(personId, 'Left the council.', BY_TEST);
      const { mailId } = await intake.accept(
        mail({ from: `Sender <${email}>`, messageId: `<${randomUUID()}@county.gov.uk>` }),
        { ...FROM_SCHOOL_RELAY, mailFrom: email },
      );
      expect((await filedComplaint(mailId)).status).toBe('awaiting-match');
      const support = { id: 'support', role: 'business-support' };
      await expect(intake.match(mailId, SCHOOL, support)).rejects.toMatchObject({
        code: 'SCHOOL_CONTACT_NEEDED',
      });
      await intake.match(mailId, SCHOOL, support, {
        name: 'Asha Head',
        email: 'asha@brookside.lancs.sch.uk',
      });
      const { history } = await complaints.load((await filedComplaint(mailId)).complaintId!);
      const lodged = history[0].data as { by: { id: string; role: string }; contact: object };
      expect(lodged.contact).toEqual({ name: 'Asha Head', email: 'asha@brookside.lancs.sch.uk' });
      if (loggedAs) expect(lodged.by).toEqual({ id: personId, role: loggedAs });
      else expect(lodged.by).toMatchObject({ role: 'school-staff' });
      expect(lodged.by.id === personId && lodged.by.role === 'school-staff').toBe(false);
    },
  );

  it('a match the complaint refuses leaves the email waiting again, for no school, saying why', async () => {
    const lodged = await intake.accept(mail(), FROM_SCHOOL_RELAY);
    const complaintId = (await filedComplaint(lodged.mailId)).complaintId!;
    const { reference } = (await complaints.load(complaintId)).state as { reference: string };
    await api
      .as('head')
      .post(`/api/complaints/${complaintId}/withdrawal`)
      .send({ reason: 'Sorted out' })
      .expect(200);
    const { mailId } = await intake.accept(
      mail({ from: 'Someone <someone@elsewhere.example>', subject: 'More about it' }),
      { ...FROM_SCHOOL_RELAY, mailFrom: 'someone@elsewhere.example' },
    );
    const support = { id: 'support', role: 'business-support' };
    const refused = await intake
      .attachTo(mailId, reference, support)
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'COMPLAINT_CLOSED' });
    const { state, history } = await intake.load(mailId);
    expect(state).toMatchObject({ status: 'awaiting-match', matchedSchoolUrn: null });
    expect(history.map((event) => event.type)).toEqual([
      'InboundMailReceived',
      'InboundMailAwaitingMatch',
      'InboundMailMatched',
      'InboundMailAwaitingMatch',
    ]);
    expect(history.at(-1)!.data).toMatchObject({
      reason: 'refused-by-complaint',
      complaintId,
      // What Business Support may do about it, not the engine's words.
      refusal:
        'the complaint is closed: lodge the email as a new complaint if it raises something new, or set it aside',
    });
    await intake.match(mailId, SCHOOL, support, { name: 'Asha Head', email: null });
    expect((await filedComplaint(mailId)).status).toBe('filed');
  });

  /** The music service proposed a resolution, and the outbox reports it sent to the school. */
  const proposedAndSent = async () => {
    const complaintId = await lodgedAndReferred({
      path: 'resolution',
      body: { resolution: 'The four lessons will be taught in May.' },
    });
    const sentAt = api.clock.now().toISOString();
    await api.commands.execute(
      new ExecuteComplaintCommand(
        complaintId,
        { type: 'RecordResolutionSent', actor: DEADLINE_WORKER, at: sentAt, sentAt },
        { correlationId: 'sent' },
      ),
    );
    const proposed = (await complaints.load(complaintId)).state as OpenComplaint;
    expect(proposed.resolutionSentAt).toBe(sentAt);
    return { complaintId, proposed, window: proposed.clocks['school-confirmation']!.timing };
  };
  /** The school's window closes with no answer on file: its silence is taken as acceptance. */
  const windowCloses = async (complaintId: string, window: ClockTiming) => {
    api.clock.set(window.deadline);
    await api.commands.execute(
      new ExecuteComplaintCommand(
        complaintId,
        {
          type: 'ReachDeadline',
          actor: DEADLINE_WORKER,
          at: window.deadline,
          clock: 'school-confirmation',
          revision: window.revision,
          timer: 'deadline',
        },
        { correlationId: 'window-closed' },
      ),
    );
  };

  it('a "resolved" from a stranger that Business Support adds to the complaint is a message: the complaint stays open', async () => {
    const { complaintId, proposed } = await proposedAndSent();
    const { mailId } = await intake.accept(
      mail({
        from: 'Music Fan <music.fan.1980@gmail.example>',
        subject: `Re: Your complaint ${proposed.reference}`,
        body: 'Resolved, thanks.',
      }),
      { ...FROM_SCHOOL_RELAY, mailFrom: 'music.fan.1980@gmail.example' },
    );
    expect((await filedComplaint(mailId)).status).toBe('awaiting-match');
    await intake.attachTo(mailId, proposed.reference, { id: 'support', role: 'business-support' });
    expect((await filedComplaint(mailId)).status).toBe('filed');
    const { state, history } = await complaints.load(complaintId);
    expect(state.exists && state.status).toBe('resolution-proposed');
    expect(history.at(-1)).toMatchObject({
      type: 'MessageSent',
      data: { text: 'Resolved, thanks.' },
    });
    expect(history.some((event) => event.type === 'ResolutionConfirmed')).toBe(false);
  });

  it('a "not resolved" that waited for Business Support past the school’s window is the dispute it was: the acceptance taken from silence is set aside', async () => {
    const { complaintId, proposed, window } = await proposedAndSent();

    // The head answers in time from her own address, which the council does not know, sending
    // the timetable that shows it.
    const { mailId } = await intake.accept(
      mail({
        from: 'Asha Head <asha.head@home.example>',
        subject: `Re: ${proposed.reference}`,
        contentType: 'multipart/mixed; boundary="b1"',
        body: [
          '--b1',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Not resolved.\r\n\r\nThe lessons were never rescheduled.',
          '--b1',
          'Content-Type: application/pdf; name="timetable.pdf"',
          'Content-Disposition: attachment; filename="timetable.pdf"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64'),
          '--b1--',
        ].join('\r\n'),
      }),
      { ...FROM_SCHOOL_RELAY, mailFrom: 'asha.head@home.example' },
    );
    const waiting = await intake.load(mailId);
    expect(waiting.state.status).toBe('awaiting-match');
    const receivedAt = (waiting.history[0].data as { at: string }).at;

    // The window closes before Business Support gets to it: silence is taken as acceptance.
    await windowCloses(complaintId, window);
    expect((await complaints.load(complaintId)).state).toMatchObject({ status: 'closed' });
    const musicResolved = async () => {
      await api.clocksSettled();
      const period = window.deadline.slice(0, 7);
      const report = await api
        .as('support')
        .get(`/api/reports/services?period=${period}`)
        .expect(200);
      return (report.body as { services: { serviceId: string; resolved: number }[] }).services.find(
        (row) => row.serviceId === 'music-service',
      )!.resolved;
    };
    const resolvedBefore = await musicResolved();
    expect(resolvedBefore).toBeGreaterThan(0);

    api.clock.set(new Date(Date.parse(window.deadline) + 86_400_000).toISOString());
    await intake.attachTo(mailId, proposed.reference, { id: 'support', role: 'business-support' });
    expect((await filedComplaint(mailId)).status).toBe('filed');
    const { state, history } = await complaints.load(complaintId);
    expect(state.exists && state.status).toMatch(/^(with-service|escalated)$/);
    expect(history.find((event) => event.type === 'DeemedAcceptanceSetAside')?.data).toMatchObject({
      receivedAt,
    });
    expect(history.find((event) => event.type === 'ResolutionDisputed')?.data).toMatchObject({
      reason: 'Not resolved.\n\nThe lessons were never rescheduled.',
    });
    // Its file is kept too, once the complaint is open again to take it.
    const types = history.map((event) => event.type);
    expect(types.lastIndexOf('AttachmentAdded')).toBeGreaterThan(
      types.indexOf('DeemedAcceptanceSetAside'),
    );
    await api.clocksSettled();
    const toSchool = api.outbox().filter((n) => n.complaintId === complaintId);
    expect(toSchool.map((n) => n.kind)).toContain('acceptance-set-aside-for-school');
    // It was never resolved: the scrutiny report counts it so no longer.
    expect(await musicResolved()).toBe(resolvedBefore - 1);
  });

  it('a "not resolved" the school’s mailbox got before the window closed, read by the intake after, is the dispute it was', async () => {
    const { complaintId, proposed, window } = await proposedAndSent();
    await windowCloses(complaintId, window);
    expect((await complaints.load(complaintId)).state).toMatchObject({ status: 'closed' });
    // Delivered to the shared mailbox 50 s before midnight; the poller reads it 30 s after.
    const deliveredAt = new Date(Date.parse(window.deadline) - 50_000).toISOString();
    api.clock.set(new Date(Date.parse(window.deadline) + 30_000).toISOString());
    const { mailId } = await intake.accept(
      mail({
        subject: `Re: ${proposed.reference}`,
        body: 'Not resolved.\r\n\r\nNovember is too late.',
      }),
      { ...FROM_SCHOOL_RELAY, source: 'imap', deliveredAt },
    );
    expect((await filedComplaint(mailId)).status).toBe('filed');
    const { state, history } = await complaints.load(complaintId);
    expect(state.exists && state.status).not.toBe('closed');
    expect(history.find((event) => event.type === 'DeemedAcceptanceSetAside')?.data).toMatchObject({
      receivedAt: deliveredAt,
    });
  });

  it('a reply from a complaint’s contact who is now staff of another school waits for Business Support', async () => {
    const first = await intake.accept(
      mail({ from: 'Exec Head <exec.head@brookside.lancs.sch.uk>' }),
      {
        ...FROM_SCHOOL_RELAY,
        mailFrom: 'exec.head@brookside.lancs.sch.uk',
      },
    );
    const complaintId = (await filedComplaint(first.mailId)).complaintId!;
    await new PeopleRecords(api.directory).add(
      {
        personId: 'exec-head',
        name: 'Exec Head',
        email: 'exec.head@brookside.lancs.sch.uk',
        roles: [{ role: 'school-staff', schoolUrn: OTHER_SCHOOL }],
      },
      BY_TEST,
    );
    const ours = outgoingMessageId(randomUUID(), complaintId);
    const reply = await intake.accept(
      mail({
        from: 'Exec Head <exec.head@brookside.lancs.sch.uk>',
        subject: 'Re: your complaint',
        headers: [`In-Reply-To: ${ours}`],
      }),
      { ...FROM_SCHOOL_RELAY, mailFrom: 'exec.head@brookside.lancs.sch.uk' },
    );
    expect(reply.status).toBe('recorded');
    expect(await filedComplaint(reply.mailId)).toMatchObject({
      status: 'awaiting-match',
      complaintId,
    });
  });

  it('a forwarded complaint keeps what was forwarded: it is the complaint', async () => {
    const outcome = await intake.accept(
      mail({
        subject: 'Fwd: Violin lessons',
        body: [
          'Please treat this as our complaint.',
          '',
          '________________________________',
          'From: Music Teacher <teacher@brookside.lancs.sch.uk>',
          'Sent: 14 April 2025 16:02',
          'Subject: Violin lessons',
          '',
          'Four weeks of violin lessons were cancelled without notice.',
        ].join('\r\n'),
      }),
      FROM_SCHOOL_RELAY,
    );
    const complaintId = (await filedComplaint(outcome.mailId)).complaintId!;
    const [lodged] = (await complaints.load(complaintId)).history;
    expect((lodged.data as { details: string }).details).toMatch(
      /^Please treat this as our complaint\.[\s\S]*Four weeks of violin lessons were cancelled without notice\.$/,
    );
  });

  it('HTML is reduced to text and never kept as HTML', async () => {
    const outcome = await intake.accept(
      mail({
        contentType: 'text/html; charset=utf-8',
        body: '<p>The lessons <b>stopped</b>.</p><script>alert("x")</script><img src=x onerror=alert(1)>',
      }),
      FROM_SCHOOL_RELAY,
    );
    const text = (await filedComplaint(outcome.mailId)).received!.text;
    expect(text).toContain('The lessons stopped.');
    expect(text).not.toMatch(/<|alert/);
  });

  describe('the webhook a mail provider posts to', () => {
    const server = () => api.app.getHttpServer() as Server;

    it('takes a whole message with the right secret in its URL (202)', async () => {
      const response = await request(server())
        .post(`/api/inbound-mail/${TOKEN}`)
        .set('Content-Type', 'message/rfc822')
        .send(mail({ subject: 'Sent through the provider' }))
        .expect(202);
      expect(response.body).toMatchObject({ status: 'recorded' });
    });

    it('reads the return path the provider’s server recorded: a bounce’s empty one is ignored', async () => {
      const bounce = Buffer.concat([
        Buffer.from('Return-Path: <>\r\n'),
        mail({ subject: 'Undeliverable: your complaint' }),
      ]);
      const response = await request(server())
        .post(`/api/inbound-mail/${TOKEN}`)
        .set('Content-Type', 'message/rfc822')
        .send(bounce)
        .expect(202);
      const { state } = await intake.load((response.body as { mailId: string }).mailId);
      expect(state).toMatchObject({ status: 'ignored', complaintId: null });
      expect(state.received).toMatchObject({ envelopeFrom: '', automatic: 'bounce' });
    });

    it('is not there without the secret (404), and refuses what is not a message', async () => {
      await request(server())
        .post('/api/inbound-mail/not-the-token-at-all-0123456789abcdef')
        .set('Content-Type', 'message/rfc822')
        .send(mail())
        .expect(404);
      const wrongType = await request(server())
        .post(`/api/inbound-mail/${TOKEN}`)
        .set('Content-Type', 'application/json')
        .send('{}')
        .expect(415);
      expect(JSON.stringify(wrongType.body)).toContain('Content-Type');
      await request(server())
        .post(`/api/inbound-mail/${TOKEN}`)
        .set('Content-Type', 'message/rfc822')
        .send(Buffer.alloc(0))
        .expect(400);
    });
  });
});

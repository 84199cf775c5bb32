import { ComplaintRepository } from '@sg/complaint-service';
import { PeopleRecords } from '@sg/directory';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { NotificationWorker } from '@sg/notifications';
import { createTransport } from 'nodemailer';
import { VirtualTimerHost } from '@sg/deadlines';
import { VirtualClock } from '../support/virtual-clock';
import { MailSources } from '../../apps/api/src/mail-intake/mail-sources';
import { type ComplaintsApp, SCHOOL, startComplaintsApp } from '../support/complaints-app';
import { eventuallyPasses } from '../support/eventually';
import { RECEIVED_FROM_SCHOOL, schoolDns } from './support/school-domain';
import { type Delivered, SchoolMailServer } from './support/school-mail-server';

jest.setTimeout(120_000);

const BY_TEST = { actor: { id: 'test', role: 'admin' } };
const HEAD = 'head@brookside.lancs.sch.uk';
const COMPLAINTS = 'complaints@county.gov.uk';

/**
 * A school's whole complaint by email, over real SMTP both ways: the school's mail reaches the
 * engine's listener, and the engine's mail reaches the school's server (SMTP_URL), where the test
 * reads it and answers it as the head would, with her mail client's threading headers.
 */
describe('a complaint made and answered by email', () => {
  let api: ComplaintsApp;
  let host: VirtualTimerHost;
  let school: SchoolMailServer;
  let store: EventStore;
  let send: (mail: {
    subject: string;
    text: string;
    inReplyTo?: string;
    references?: string[];
    messageId?: string;
  }) => Promise<void>;

  beforeAll(async () => {
    school = new SchoolMailServer();
    const smtpUrl = await school.start();
    // Thursday 17 April 2025, 09:00 in London: mail goes out at once.
    host = new VirtualTimerHost('2025-04-17T08:00:00.000Z');
    api = await startComplaintsApp('2025-04-17T08:00:00.000Z', {
      clock: new VirtualClock(host),
      timerHost: host,
      dns: schoolDns,
      env: {
        SMTP_URL: smtpUrl,
        MAIL_FROM: `Service Guarantee <${COMPLAINTS}>`,
        MAIL_REPLY_TO: `Complaints <${COMPLAINTS}>`,
        INBOUND_SMTP_PORT: '0',
        // The test hands mail to the listener as the council's relay would, from this host.
        INBOUND_SMTP_TRUSTED_RELAYS: '127.0.0.1,::1',
      },
    });
    await new PeopleRecords(api.directory).registerSchoolAddress(
      SCHOOL,
      { kind: 'domain', value: 'brookside.lancs.sch.uk' },
      BY_TEST,
    );
    store = api.app.get<EventStore>(EVENT_STORE);
    const port = api.app.get(MailSources).smtpPort!;
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    send = async (mail) => {
      await transport.sendMail({
        from: `Asha Head <${HEAD}>`,
        to: COMPLAINTS,
        headers: { Received: RECEIVED_FROM_SCHOOL },
        ...mail,
      });
    };
  });
  afterAll(async () => {
    await api.close();
    await school.stop();
  });

  /** The first message to the head (after the first `after`) whose text matches, once sent. */
  const mailToHead = async (text: RegExp, after = 0): Promise<Delivered> => {
    let found: Delivered | undefined;
    await eventuallyPasses(async () => {
      await api.clocksSettled();
      api.app.get(NotificationWorker).sendDue();
      found = school
        .to(HEAD)
        .slice(after)
        .find((mail) => text.test(mail.parsed.text ?? ''));
      if (!found) {
        throw new Error(
          `No mail to the head matching ${text.source}; the school's server has: ${school.delivered
            .map((mail) => `${mail.to.join()}: ${mail.parsed.subject}`)
            .join('; ')}`,
        );
      }
    }, 30_000);
    return found!;
  };

  const complaintOf = async (reference: string) => {
    for await (const event of store.readAll()) {
      if (
        event.type === 'ComplaintLodged' &&
        (event.data as { reference: string }).reference === reference
      )
        return event.stream.slice('complaint-'.length);
    }
    throw new Error(`no complaint ${reference}`);
  };

  it('lodges, acknowledges, takes the answer to a question, sends the proposal and escalates on a late dispute', async () => {
    await send({
      subject: 'Violin lessons cancelled',
      text: 'Four weeks of violin lessons were cancelled without notice. We would like them rescheduled.',
      messageId: '<violin-1@brookside.lancs.sch.uk>',
    });
    const acknowledgement = await mailToHead(/received your complaint/i);
    // It answers the school's email, so the school's mail client files the two together.
    expect(acknowledgement.parsed.inReplyTo).toBe('<violin-1@brookside.lancs.sch.uk>');
    expect(acknowledgement.parsed.references).toContain('<violin-1@brookside.lancs.sch.uk>');
    const reference = /SG-\d{4}-\d{6}/.exec(acknowledgement.parsed.subject!)![0];
    expect(acknowledgement.parsed.text).toMatch(/2025/);
    expect(acknowledgement.parsed.replyTo?.text).toContain(COMPLAINTS);
    expect(acknowledgement.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const complaintId = await complaintOf(reference);
    const complaints = new ComplaintRepository(store);
    expect((await complaints.load(complaintId)).state).toMatchObject({ channel: 'email' });

    await api
      .as('support')
      .post(`/api/complaints/${complaintId}/referral`, { serviceId: 'music-service' })
      .expect(200);
    const seen = school.to(HEAD).length;
    await api
      .as('music-manager')
      .post(`/api/complaints/${complaintId}/information-requests`, {
        question: 'Which dates were missed?',
      })
      .expect(200);
    const question = await mailToHead(/Which dates were missed\?/, seen);
    expect(question.parsed.text).toContain('Which dates were missed?');

    // Tuesday 22 April: the head answers from her mail client, quoting the question.
    await host.advanceTo('2025-04-22T09:00:00.000Z');
    await send({
      subject: `Re: ${question.parsed.subject}`,
      text: `3, 10 and 17 March.\n\nOn Thu, 17 Apr 2025 at 09:05, Service Guarantee <${COMPLAINTS}> wrote:\n> Which dates were missed?`,
      inReplyTo: question.parsed.messageId,
      references: [question.parsed.messageId!],
    });
    await eventuallyPasses(async () => {
      const { state, history } = await complaints.load(complaintId);
      expect(state.exists && state.status).toBe('with-service');
      expect(history.find((event) => event.type === 'InformationReceived')?.data).toMatchObject({
        summary: '3, 10 and 17 March.',
      });
      expect(
        history.some(
          (event) =>
            event.type === 'ClockResumed' &&
            (event.data as { clock: string }).clock === 'resolution',
        ),
      ).toBe(true);
    });

    // The service proposes at 4pm on its last day; the proposal goes to the school at once.
    const { state: withService } = await complaints.load(complaintId);
    const resolutionDeadline = withService.exists
      ? withService.clocks.resolution!.timing.deadline
      : '';
    await host.advanceTo(new Date(Date.parse(resolutionDeadline) - 8 * 60 * 60_000).toISOString());
    const beforeProposal = school.to(HEAD).length;
    await api
      .as('music-manager')
      .post(`/api/complaints/${complaintId}/resolution`, {
        resolution: 'The missed lessons will be taught in May.',
      })
      .expect(200);
    const proposal = await mailToHead(/taught in May/, beforeProposal);
    expect(proposal.parsed.text).toContain('The missed lessons will be taught in May.');
    expect(proposal.parsed.text).toMatch(/not resolved/i);
    await eventuallyPasses(async () => {
      const { history } = await complaints.load(complaintId);
      expect(history.some((event) => event.type === 'ResolutionSentToSchool')).toBe(true);
    });

    // At 9am the next working day, after the service's deadline, the head says it is not resolved.
    await host.advanceTo(new Date(Date.parse(resolutionDeadline) + 9 * 60 * 60_000).toISOString());
    const beforeDispute = school.to(HEAD).length;
    await send({
      subject: `Re: ${proposal.parsed.subject}`,
      text: 'Not resolved.\nMay is too late for the Grade 3 exams.',
      inReplyTo: proposal.parsed.messageId,
      references: [proposal.parsed.messageId!],
    });
    await eventuallyPasses(async () => {
      const { state, history } = await complaints.load(complaintId);
      expect(state.exists && state.status).toBe('escalated');
      expect(history.find((event) => event.type === 'ResolutionDisputed')?.data).toMatchObject({
        reason: 'Not resolved.\nMay is too late for the Grade 3 exams.',
      });
    });
    const escalation = await mailToHead(/Board/, beforeDispute);
    expect(escalation.parsed.subject).toContain(reference);
  });

  /** What the school's mail server sends back when the head's mailbox is gone (RFC 3464). */
  const bounceOf = (returned: Delivered) =>
    [
      'From: Mail Delivery System <MAILER-DAEMON@brookside.lancs.sch.uk>',
      `To: ${COMPLAINTS}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b0unce"',
      `Message-ID: <bounce-${Date.now()}@brookside.lancs.sch.uk>`,
      '',
      '--b0unce',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      `<${HEAD}>: host mx.brookside.lancs.sch.uk said: 550 5.1.1 User unknown`,
      '',
      '--b0unce',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.brookside.lancs.sch.uk',
      '',
      `Final-Recipient: rfc822; ${HEAD}`,
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '',
      '--b0unce',
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${COMPLAINTS}`,
      `To: ${HEAD}`,
      `Subject: ${returned.parsed.subject}`,
      `Message-ID: ${returned.parsed.messageId}`,
      '',
      '--b0unce--',
      '',
    ].join('\r\n');

  it("a proposal that bounces is not accepted by the school's silence: the service and Business Support hear it, and the complaint goes back to the service", async () => {
    await host.advanceTo('2025-06-02T08:00:00.000Z');
    const before = school.to(HEAD).length;
    await send({
      subject: 'Piano lessons cancelled',
      text: 'Two piano lessons were cancelled without notice.',
      messageId: '<piano-1@brookside.lancs.sch.uk>',
    });
    const acknowledgement = await mailToHead(/received your complaint/i, before);
    const reference = /SG-\d{4}-\d{6}/.exec(acknowledgement.parsed.subject!)![0];
    const complaintId = await complaintOf(reference);
    const complaints = new ComplaintRepository(store);
    await api
      .as('support')
      .post(`/api/complaints/${complaintId}/referral`, { serviceId: 'music-service' })
      .expect(200);
    await eventuallyPasses(async () => {
      await api.clocksSettled();
      api.app.get(NotificationWorker).sendDue();
      expect(
        school
          .to(HEAD)
          .some((mail) => mail.parsed.subject?.includes(`${reference} has been passed`)),
      ).toBe(true);
    });
    const beforeProposal = school.to(HEAD).length;
    await api
      .as('music-manager')
      .post(`/api/complaints/${complaintId}/resolution`, {
        resolution: 'The piano lessons will be taught in July.',
      })
      .expect(200);
    const proposal = await mailToHead(/taught in July/, beforeProposal);
    await eventuallyPasses(async () => {
      const { history } = await complaints.load(complaintId);
      expect(history.some((event) => event.type === 'ResolutionSentToSchool')).toBe(true);
    });

    const beforeBounce = school.delivered.length;
    const port = api.app.get(MailSources).smtpPort!;
    await createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({
      envelope: { from: '', to: [COMPLAINTS] },
      raw: bounceOf(proposal),
    });
    await eventuallyPasses(async () => {
      const { history } = await complaints.load(complaintId);
      expect(history.find((event) => event.type === 'ResolutionMailReturned')?.data).toMatchObject({
        status: '5.1.1',
      });
    });
    let told: Delivered[] = [];
    await eventuallyPasses(async () => {
      await api.clocksSettled();
      api.app.get(NotificationWorker).sendDue();
      told = school.delivered
        .slice(beforeBounce)
        .filter((mail) => /did not get the proposed resolution/.test(mail.parsed.subject ?? ''));
      expect(told.length).toBeGreaterThan(0);
    });
    expect(told[0].parsed.text).toContain('the address does not exist');
    // Nothing goes back to the dead address about it, and the bounce is not answered.
    expect(
      school
        .to(HEAD)
        .slice(beforeProposal)
        .map((mail) => mail.parsed.subject),
    ).toEqual([proposal.parsed.subject]);

    // The school's window closes in silence: not acceptance; the service's deadline has not
    // passed, so the complaint is back with the service.
    const { state } = await complaints.load(complaintId);
    const windowEnds = state.exists ? state.clocks['school-confirmation']!.timing.deadline : '';
    await host.advanceTo(new Date(Date.parse(windowEnds) + 60_000).toISOString());
    await eventuallyPasses(async () => {
      await api.clocksSettled();
      const { state: after, history } = await complaints.load(complaintId);
      expect(history.some((event) => event.type === 'ResolutionNeverReachedSchool')).toBe(true);
      expect(after.exists && after.status).toBe('with-service');
    });
  });
});

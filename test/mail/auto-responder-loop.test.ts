import { PeopleRecords } from '@sg/directory';
import { VirtualTimerHost } from '@sg/deadlines';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { NotificationWorker } from '@sg/notifications';
import { createTransport, type Transporter } from 'nodemailer';
import { MailSources } from '../../apps/api/src/mail-intake/mail-sources';
import { type ComplaintsApp, SCHOOL, startComplaintsApp } from '../support/complaints-app';
import { VirtualClock } from '../support/virtual-clock';
import { RECEIVED_FROM_SCHOOL, schoolDns } from './support/school-domain';
import { SchoolMailServer } from './support/school-mail-server';

jest.setTimeout(120_000);

const BY_TEST = { actor: { id: 'test', role: 'admin' } };
const HEAD = 'head@brookside.lancs.sch.uk';
const COMPLAINTS = 'complaints@county.gov.uk';

/** How each school's mail server answers whatever reaches it while the head is away. */
const RESPONDERS = {
  /** RFC 3834: says it is automatic. */
  'a well-behaved out-of-office': (subject: string) => ({
    subject: `Automatic reply: ${subject}`,
    headers: { 'Auto-Submitted': 'auto-replied' },
  }),
  /** Says nothing of being automatic, and threads its answer like a person. */
  'a naive responder that answers like a person': (subject: string) => ({
    subject: `Re: ${subject}`,
    headers: {},
  }),
} as const;

describe.each(Object.entries(RESPONDERS))('a school whose mail is answered by %s', (_, respond) => {
  let api: ComplaintsApp;
  let school: SchoolMailServer;
  let store: EventStore;
  let toEngine: Transporter;
  let answered = 0;

  beforeAll(async () => {
    school = new SchoolMailServer();
    const smtpUrl = await school.start();
    const host = new VirtualTimerHost('2025-04-17T08:00:00.000Z');
    api = await startComplaintsApp('2025-04-17T08:00:00.000Z', {
      clock: new VirtualClock(host),
      timerHost: host,
      dns: schoolDns,
      env: {
        SMTP_URL: smtpUrl,
        MAIL_FROM: `Service Guarantee <${COMPLAINTS}>`,
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
    toEngine = createTransport({
      host: '127.0.0.1',
      port: api.app.get(MailSources).smtpPort!,
      secure: false,
      ignoreTLS: true,
    });
    // Every message the engine sends to anyone on the school's server is answered at once.
    school.onDelivery((mail) => {
      if (!mail.to.includes(HEAD)) return;
      answered += 1;
      const answer = respond(mail.parsed.subject ?? '');
      void toEngine.sendMail({
        from: `Asha Head <${HEAD}>`,
        to: COMPLAINTS,
        subject: answer.subject,
        headers: { ...answer.headers, Received: RECEIVED_FROM_SCHOOL },
        inReplyTo: mail.parsed.messageId,
        references: [mail.parsed.messageId!],
        text: 'I am out of the office until Monday. For urgent matters call the school office.',
      });
    });
  });
  afterAll(async () => {
    await api.close();
    await school.stop();
  });

  const inboundMail = async () => {
    const outcomes: string[] = [];
    for await (const event of store.readAll())
      if (event.stream.startsWith('inbound-mail-') && event.type !== 'InboundMailReceived')
        outcomes.push(event.type);
    return outcomes;
  };

  /** Lets mail go back and forth until nothing more moves for a while. */
  const settle = async () => {
    let last = -1;
    for (let quiet = 0; quiet < 10;) {
      await api.clocksSettled();
      api.app.get(NotificationWorker).sendDue();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = school.delivered.length + (await inboundMail()).length;
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
  };

  it('the exchange ends: the engine answers no automatic mail, and the school is written to a bounded number of times', async () => {
    await toEngine.sendMail({
      from: `Asha Head <${HEAD}>`,
      to: COMPLAINTS,
      subject: 'Violin lessons cancelled',
      headers: { Received: RECEIVED_FROM_SCHOOL },
      text: 'Four weeks of violin lessons were cancelled without notice.',
    });
    await settle();
    const toHead = school.to(HEAD).map((mail) => mail.parsed.subject);
    // The acknowledgement, and nothing it set off.
    expect(toHead).toEqual([
      expect.stringMatching(/^Your complaint SG-\d{4}-\d{6} has been received$/),
    ]);
    expect(answered).toBe(1);
    const outcomes = await inboundMail();
    // The complaint, then the responder's answer: ignored, or, reading like one though not
    // marked so, left for Business Support rather than filed as the school's word.
    expect(outcomes).toEqual([
      'InboundMailFiled',
      respond === RESPONDERS['a well-behaved out-of-office']
        ? 'InboundMailIgnored'
        : 'InboundMailAwaitingMatch',
    ]);
  });
});

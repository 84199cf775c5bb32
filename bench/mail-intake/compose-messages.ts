import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { type ComplaintProse } from './complaint-prose';

/** Someone who writes to the council. */
export interface Writer {
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly organisation: string;
  readonly phone: string;
}

/** What every message has that the mailbox, not the writer, decides. */
export interface MailboxStamp {
  readonly messageId: string;
  readonly date: Date;
  /** The shared part of the message's MIME boundaries, from the seeded sequence. */
  readonly boundary: string;
}

/** The council's complaints address, which the engine's own mail comes from. */
export const COUNCIL = { name: 'Lancashire County Council', email: 'complaints@county.gov.uk' };

/** Outlook writes HTML heavy with Word's styles; webmail and phones write it plain. */
export type MailClient = 'outlook' | 'webmail';

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/£/g, '&pound;');

const OUTLOOK_HEAD =
  '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
  'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" ' +
  'xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">' +
  '<meta name="Generator" content="Microsoft Word 15 (filtered medium)"><style><!--\n' +
  '@font-face {font-family:"Cambria Math"; panose-1:2 4 5 3 5 4 6 3 2 4;}\n' +
  '@font-face {font-family:Calibri; panose-1:2 15 5 2 2 2 4 3 2 4;}\n' +
  'p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif; mso-ligatures:standardcontextual; mso-fareast-language:EN-US;}\n' +
  'a:link, span.MsoHyperlink {mso-style-priority:99; color:#0563C1; text-decoration:underline;}\n' +
  'span.EmailStyle17 {mso-style-type:personal-compose; font-family:"Calibri",sans-serif; color:windowtext;}\n' +
  '.MsoChpDefault {mso-style-type:export-only; font-size:10.0pt; mso-fareast-language:EN-US;}\n' +
  '@page WordSection1 {size:612.0pt 792.0pt; margin:72.0pt 72.0pt 72.0pt 72.0pt;}\n' +
  'div.WordSection1 {page:WordSection1;}\n' +
  '--></style></head><body lang="EN-GB" link="#0563C1" vlink="#954F72" style="word-wrap:break-word">' +
  '<div class="WordSection1">';

/** A body as the writer's client sends it: the text, and the same again as HTML. */
function html(client: MailClient, blocks: readonly (readonly string[])[]): string {
  if (client === 'outlook') {
    const paragraphs = blocks.map(
      (lines) =>
        `<p class="MsoNormal">${lines.map(escapeHtml).join('<o:p></o:p><br>')}<o:p></o:p></p>` +
        '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>',
    );
    return `${OUTLOOK_HEAD}\n${paragraphs.join('\n')}\n</div></body></html>`;
  }
  const divs = blocks.map(
    (lines) => `<div>${lines.map(escapeHtml).join('<br>')}</div><div><br></div>`,
  );
  return `<div dir="ltr">${divs.join('')}</div>`;
}

const signature = (from: Writer, signOff: string) => [
  signOff,
  from.name,
  from.role,
  from.organisation,
  `Tel: ${from.phone}`,
];

const address = (writer: { name: string; email: string }) => ({
  name: writer.name,
  address: writer.email,
});

function compose(options: Mail.Options, stamp: MailboxStamp): Promise<Buffer> {
  // nodemailer takes a boundary of the caller's choosing, though its types do not list it.
  const seeded: Mail.Options & { baseBoundary: string } = {
    ...options,
    messageId: stamp.messageId,
    date: stamp.date,
    baseBoundary: stamp.boundary,
  };
  return new MailComposer(seeded).compile().build();
}

const CLIENT_HEADERS: Record<MailClient, Record<string, string>> = {
  outlook: {
    'Accept-Language': 'en-GB, en-US',
    'Content-Language': 'en-GB',
    'X-MS-Has-Attach': '',
    'X-MS-TNEF-Correlator': '',
  },
  webmail: { 'User-Agent': 'Roundcube Webmail/1.6.9' },
};

/** A new complaint: a few paragraphs and a signature, as text and HTML, with a letter or invoice at times. */
export function complaintMessage(
  from: Writer,
  prose: ComplaintProse,
  signOff: string,
  client: MailClient,
  pdf: { readonly name: string; readonly bytes: Buffer } | null,
  stamp: MailboxStamp,
): Promise<Buffer> {
  const blocks = [...prose.paragraphs.map((paragraph) => [paragraph]), signature(from, signOff)];
  return compose(
    {
      from: address(from),
      to: address(COUNCIL),
      subject: prose.subject,
      text: blocks.map((lines) => lines.join('\n')).join('\n\n'),
      html: html(client, blocks),
      headers: { ...CLIENT_HEADERS[client], 'Thread-Topic': prose.subject },
      attachments: pdf
        ? [{ filename: pdf.name, content: pdf.bytes, contentType: 'application/pdf' }]
        : [],
    },
    stamp,
  );
}

/** What the engine wrote to acknowledge a complaint, as a reply quotes it below the school's words. */
export interface Acknowledgement {
  readonly messageId: string;
  readonly threadId: string;
  readonly to: Writer;
  readonly subject: string;
  readonly sentAt: Date;
}

const acknowledgementText = (ours: Acknowledgement) => [
  `Dear ${ours.to.name},`,
  '',
  'We have received your complaint and have passed it to the service concerned.',
  'We will tell you what happens next within 10 working days.',
  '',
  'Customer Services',
  COUNCIL.name,
];

/** A school's reply on its complaint, threaded by the ids of the engine's own message. */
export function replyMessage(
  from: Writer,
  said: readonly string[],
  signOff: string,
  client: MailClient,
  ours: Acknowledgement,
  stamp: MailboxStamp,
): Promise<Buffer> {
  const when = ours.sentAt.toUTCString();
  const quoted =
    client === 'outlook'
      ? [
          '________________________________',
          `From: ${COUNCIL.name} <${COUNCIL.email}>`,
          `Sent: ${when}`,
          `To: ${ours.to.name} <${ours.to.email}>`,
          `Subject: ${ours.subject}`,
          '',
          ...acknowledgementText(ours),
        ]
      : [
          `On ${when}, ${COUNCIL.name} <${COUNCIL.email}> wrote:`,
          ...acknowledgementText(ours).map((line) => `> ${line}`),
        ];
  const blocks = [...said.map((paragraph) => [paragraph]), signature(from, signOff), quoted];
  return compose(
    {
      from: address(from),
      to: address(COUNCIL),
      subject: `RE: ${ours.subject}`,
      inReplyTo: ours.messageId,
      references: [ours.threadId, ours.messageId],
      text: blocks.map((lines) => lines.join('\n')).join('\n\n'),
      html: html(client, blocks),
      headers: { ...CLIENT_HEADERS[client], 'Thread-Topic': ours.subject },
    },
    stamp,
  );
}

/** Exchange's answer to the engine's mail while the person is away. */
export function outOfOfficeMessage(
  from: Writer,
  ours: Acknowledgement,
  backOn: string,
  stamp: MailboxStamp,
): Promise<Buffer> {
  const blocks = [
    ['Thank you for your email.'],
    [
      `I am out of the office until ${backOn} with limited access to email.`,
      `For anything urgent please ring the school office on ${from.phone}.`,
    ],
    [from.name, from.role],
  ];
  return compose(
    {
      from: address(from),
      to: address(COUNCIL),
      subject: `Automatic reply: ${ours.subject}`,
      inReplyTo: ours.messageId,
      references: [ours.threadId, ours.messageId],
      text: blocks.map((lines) => lines.join('\n')).join('\n\n'),
      html: html('outlook', blocks),
      headers: {
        ...CLIENT_HEADERS.outlook,
        'Auto-Submitted': 'auto-replied',
        'X-Auto-Response-Suppress': 'All',
        'X-MS-Exchange-Inbox-Rules-Loop': from.email,
      },
    },
    stamp,
  );
}

/** A mailing list's bulletin: long HTML, list headers, and the council on its distribution list. */
export function newsletterMessage(
  listDomain: string,
  issue: number,
  items: readonly string[],
  stamp: MailboxStamp,
): Promise<Buffer> {
  const sender = { name: 'Schools Bulletin', email: `bulletin@${listDomain}` };
  const rows = items
    .map(
      (item) =>
        `<tr><td style="padding:12px 24px;font-family:Arial,sans-serif;font-size:15px;line-height:22px;color:#0b0c0c">` +
        `<h2 style="margin:0 0 8px;font-size:19px">${escapeHtml(item.split('.')[0])}</h2>` +
        `<p style="margin:0">${escapeHtml(item)}</p>` +
        `<a href="https://${listDomain}/bulletin/${issue}" style="color:#1d70b8">Read more</a></td></tr>`,
    )
    .join('\n');
  return compose(
    {
      from: address(sender),
      to: address(COUNCIL),
      subject: `Schools Bulletin, issue ${issue}`,
      text: items.join('\n\n') + `\n\nUnsubscribe: https://${listDomain}/unsubscribe`,
      html:
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Schools Bulletin</title></head>' +
        '<body style="margin:0;background:#f3f2f1"><table role="presentation" width="100%" cellpadding="0" cellspacing="0">' +
        `${rows}</table><p style="font-size:12px"><a href="https://${listDomain}/unsubscribe">Unsubscribe</a></p></body></html>`,
      list: {
        id: { url: `bulletin.${listDomain}`, comment: 'Schools Bulletin' },
        unsubscribe: [`https://${listDomain}/unsubscribe`, `mailto:leave@${listDomain}`],
      },
      headers: { Precedence: 'bulk' },
    },
    stamp,
  );
}

/** Someone the directory does not know: a parent, a contractor, a school not on the list. */
export function strangerMessage(
  from: Writer,
  prose: ComplaintProse,
  signOff: string,
  stamp: MailboxStamp,
): Promise<Buffer> {
  const blocks = [...prose.paragraphs.map((paragraph) => [paragraph]), [signOff, from.name]];
  return compose(
    {
      from: address(from),
      to: address(COUNCIL),
      subject: prose.subject,
      text: blocks.map((lines) => lines.join('\n')).join('\n\n'),
      headers: CLIENT_HEADERS.webmail,
    },
    stamp,
  );
}

/**
 * A receiving server's report that the engine's mail could not be delivered (RFC 3464), as Postfix
 * writes one: built by hand, as no composer writes reports.
 */
export function bounceMessage(
  reportingHost: string,
  recipient: string,
  ours: Acknowledgement,
  queueId: string,
  stamp: MailboxStamp,
): Buffer {
  const boundary = `${queueId}.${stamp.boundary}/${reportingHost}`;
  const date = stamp.date.toUTCString();
  const diagnostic = `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown in virtual mailbox table`;
  return Buffer.from(
    [
      `Date: ${date}`,
      `From: Mail Delivery System <MAILER-DAEMON@${reportingHost}>`,
      'Subject: Undelivered Mail Returned to Sender',
      `To: ${COUNCIL.email}`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status;`,
      `\tboundary="${boundary}"`,
      'Content-Transfer-Encoding: 7bit',
      `Message-Id: ${stamp.messageId}`,
      '',
      'This is a MIME-encapsulated message.',
      '',
      `--${boundary}`,
      'Content-Description: Notification',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      `This is the mail system at host ${reportingHost}.`,
      '',
      "I'm sorry to have to inform you that your message could not",
      'be delivered to one or more recipients. It is attached below.',
      '',
      'For further assistance, please send mail to postmaster.',
      '',
      `<${recipient}>: host ${reportingHost} said: ${diagnostic} (in reply to RCPT TO command)`,
      '',
      `--${boundary}`,
      'Content-Description: Delivery report',
      'Content-Type: message/delivery-status',
      '',
      `Reporting-MTA: dns; ${reportingHost}`,
      `X-Postfix-Queue-ID: ${queueId}`,
      `X-Postfix-Sender: rfc822; ${COUNCIL.email}`,
      `Arrival-Date: ${date}`,
      '',
      `Final-Recipient: rfc822; ${recipient}`,
      `Original-Recipient: rfc822;${recipient}`,
      'Action: failed',
      'Status: 5.1.1',
      `Diagnostic-Code: smtp; ${diagnostic}`,
      '',
      `--${boundary}`,
      'Content-Description: Undelivered Message Headers',
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${COUNCIL.name} <${COUNCIL.email}>`,
      `To: ${ours.to.name} <${recipient}>`,
      `Subject: ${ours.subject}`,
      `Message-ID: ${ours.messageId}`,
      `In-Reply-To: ${ours.threadId}`,
      `References: ${ours.threadId}`,
      `Date: ${ours.sentAt.toUTCString()}`,
      'Auto-Submitted: auto-generated',
      'X-Auto-Response-Suppress: All',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}

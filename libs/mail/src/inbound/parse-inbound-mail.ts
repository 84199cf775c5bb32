import { htmlToText, type HtmlToTextOptions } from 'html-to-text';
import { type AddressObject, type HeaderValue, type ParsedMail, simpleParser } from 'mailparser';
import { BodyCharsetDecoder } from './body-charset-decoder';
import { type MailAddress } from '../outgoing-mail';

/** A file that came with a message, as the sender named it. */
export interface MailFile {
  readonly name: string;
  readonly bytes: Buffer;
  /**
   * Part of the mail itself, not something the sender attached: of its layout (an inline image in
   * a signature), its signing (an S/MIME or PGP signature) or its signature (the sender's vCard).
   */
  readonly inline: boolean;
}

/** What a mail client adds to every message it signs, or to every signature: never evidence. */
const PART_OF_THE_MAIL = new Set([
  'application/pkcs7-signature',
  'application/x-pkcs7-signature',
  'application/pgp-signature',
  'application/pgp-keys',
  'text/vcard',
  'text/x-vcard',
  'text/directory',
]);

/** What a delivery report says of the message it returns. */
export interface ReturnedMail {
  /** The returned message's ids: from the headers it encloses, or the report's own thread ids. */
  readonly messageIds: readonly string[];
  /** Delivery failed for good (`Action: failed`), not only delayed. */
  readonly failed: boolean;
  /** The report's status code for it (`5.1.1`), when it gives one. */
  readonly status: string | null;
}

/** What the pipeline reads of a message; the raw bytes stay the record of what was sent. */
export interface InboundMessage {
  /** With angle brackets, as in the header; null when the message has none. */
  readonly messageId: string | null;
  /** In-Reply-To, then References from newest to oldest: where a reply says it belongs. */
  readonly threadIds: readonly string[];
  readonly from: MailAddress | null;
  readonly subject: string;
  readonly sentAt: string | null;
  /** The body as plain text: a text part as it came, or HTML reduced to text (never rendered). */
  readonly text: string;
  readonly files: readonly MailFile[];
  /** Lower-case header names to their values, for telling people from machines. */
  readonly headers: ReadonlyMap<string, string>;
  /** The top-level media type, e.g. `multipart/report` for a delivery-status report. */
  readonly contentType: string;
  readonly reportType: string | null;
  /**
   * A delivery-status part comes before any message it encloses: a bounce some mail systems send
   * as an ordinary multipart/mixed. One inside a forwarded message is that message's, not this one's.
   */
  readonly reportsDelivery: boolean;
  /** What a delivery report says of the message it returns; null for any other message. */
  readonly returned: ReturnedMail | null;
  /**
   * The parser could not read the message at all (thousands of parts, nesting past its limits):
   * it is still recorded, with its bytes, for a person to look at.
   */
  readonly unreadable: boolean;
}

/**
 * The one address a message is from. Two From headers, or one naming two people, make DMARC
 * give up (RFC 7489 6.6.1), so such a message has no sender the engine could trust: null.
 */
const soleAddress = (
  value: AddressObject | AddressObject[] | undefined,
  fromHeaders: number,
): MailAddress | null => {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  const entries = objects.flatMap((object) => object.value);
  if (fromHeaders !== 1 || entries.length !== 1 || !entries[0].address) return null;
  return { name: entries[0].name || entries[0].address, email: entries[0].address };
};

/** How far into a message a bounce's delivery-status part is looked for: bounces put it first. */
const REPORT_SEARCHED_BYTES = 1024 * 1024;

/** A MIME part whose headers, after its boundary line, name `type`: not text that quotes one. */
const partOfType = (type: string) =>
  new RegExp(
    `^--[^\\r\\n]+\\r?\\n(?:[^\\r\\n:]+:[^\\r\\n]*\\r?\\n(?:[ \\t][^\\r\\n]*\\r?\\n)*)*?content-type:[ \\t]*${type}`,
    'im',
  );
const DELIVERY_STATUS_PART = partOfType('message/delivery-status');
const ENCLOSED_MESSAGE_PART = partOfType('message/(?:rfc822|global)\\b');

function reportsDelivery(raw: Buffer): boolean {
  const text = raw.subarray(0, REPORT_SEARCHED_BYTES).toString('latin1');
  const status = text.search(DELIVERY_STATUS_PART);
  const enclosed = text.search(ENCLOSED_MESSAGE_PART);
  return status >= 0 && (enclosed < 0 || status < enclosed);
}

/** The most of a subject the pipeline keeps; the original keeps the rest. */
const SUBJECT_MAX = 1_000;

/**
 * A subject as one line of words: control characters (a NUL, a stray line break) dropped, and no
 * longer than anyone reads, so a 100 KB subject does not become a 100 KB queue row or page title.
 */
function tidySubject(subject: string): string {
  const line = subject
    // eslint-disable-next-line no-control-regex -- control characters are what is taken out
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return line.length <= SUBJECT_MAX ? line : `${line.slice(0, SUBJECT_MAX - 1)}…`;
}

/** HTML as words, for a body too deeply nested for html-to-text: every tag dropped, nothing kept of it. */
const bareText = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[ \t]+/g, ' ');

/**
 * Lines as the sender's client wrapped them, not cut again at 80 characters (the page wraps them);
 * images left out: a tracking pixel's or a logo's address is none of the school's words.
 */
const HTML_AS_TEXT: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [{ selector: 'img', format: 'skip' }],
};

const PLAIN_PART = partOfType('text/plain');

/**
 * The sender's words: mailparser's text where the message has a plain part (with, in a mixed
 * message, its HTML parts' words after it, which it converts itself); an HTML-only message's
 * turned into text here, unwrapped and without images, where mailparser would cut its lines at 80
 * characters and keep a tracking pixel's address. `hasPlainPart` reads the raw message, so it is
 * asked only of a message with HTML in it.
 */
function wordsOf(parsed: ParsedMail, hasPlainPart: () => boolean): string {
  if (typeof parsed.html !== 'string' || hasPlainPart()) return parsed.text ?? '';
  return textOfHtml(parsed.html);
}

function textOfHtml(html: string): string {
  try {
    return htmlToText(html, HTML_AS_TEXT);
  } catch {
    return bareText(html);
  }
}

/** What can be told of a message the parser gave up on: its Message-ID, from its header block. */
function unreadableMessage(raw: Buffer): InboundMessage {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const headerBlock = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const messageId = /^message-id:\s*(<[^<>\s]+>)/im.exec(headerBlock)?.[1] ?? null;
  return {
    messageId,
    threadIds: [],
    from: null,
    subject: '',
    sentAt: null,
    text: '',
    files: [],
    headers: new Map(),
    contentType: 'text/plain',
    reportType: null,
    reportsDelivery: false,
    returned: null,
    unreadable: true,
  };
}

/** The media types a delivery report encloses the returned message, or its headers, as. */
const RETURNED_PART_TYPES = new Set([
  'message/rfc822',
  'message/global',
  'text/rfc822-headers',
  'message/global-headers',
]);

/** An enclosed message's Message-ID, from its header block. */
function enclosedMessageId(content: Buffer): string | null {
  const head = content.subarray(0, 64 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const headerBlock = (end < 0 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return /^message-id:\s*(<[^<>\s]+>)/im.exec(headerBlock)?.[1] ?? null;
}

/**
 * What a delivery report says of the message it returns: whether delivery failed for good and
 * why, from its delivery-status fields (which the parser gives as text), and which message it was.
 */
function returnedMail(
  text: string,
  attachments: readonly { contentType: string; content: Buffer }[],
  threadIds: readonly string[],
): ReturnedMail {
  const actions = [...text.matchAll(/^action:[ \t]*([a-z]+)/gim)].map((m) => m[1].toLowerCase());
  const enclosed = attachments
    .filter((attachment) => RETURNED_PART_TYPES.has(attachment.contentType.toLowerCase()))
    .map((attachment) => enclosedMessageId(attachment.content))
    .filter((id): id is string => id !== null);
  return {
    messageIds: [...new Set([...enclosed, ...threadIds])],
    failed: actions.includes('failed'),
    status: /^status:[ \t]*(5\.\d{1,3}\.\d{1,3})\b/im.exec(text)?.[1] ?? null,
  };
}

const headerText = (value: HeaderValue): string => {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => headerText(item as HeaderValue)).join(', ');
  if (value && typeof value === 'object' && 'value' in value) {
    const structured = value as { value: unknown; params?: Record<string, string> };
    if (typeof structured.value === 'string') return structured.value;
    const text = (value as { text?: unknown }).text;
    if (typeof text === 'string') return text;
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
};

/** How mail coming in is parsed: the text the intake reads, not HTML to show. */
export const INBOUND_PARSE_OPTIONS = {
  skipImageLinks: true,
  skipTextToHtml: true,
  Iconv: BodyCharsetDecoder,
} as const;

/** No subject, no body and no files still make a message: a person may send just that. */
export async function parseInboundMail(raw: Buffer): Promise<InboundMessage> {
  try {
    return await readMessage(raw);
  } catch {
    return unreadableMessage(raw);
  }
}

async function readMessage(raw: Buffer): Promise<InboundMessage> {
  const parsed = await simpleParser(raw, INBOUND_PARSE_OPTIONS);
  const headers = new Map<string, string>();
  for (const [name, value] of parsed.headers) headers.set(name.toLowerCase(), headerText(value));
  const rawHeader = (name: string) =>
    parsed.headerLines
      .filter((line) => line.key === name)
      .map((line) =>
        line.line
          .slice(line.line.indexOf(':') + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      );
  for (const line of parsed.headerLines)
    if (!headers.has(line.key)) headers.set(line.key, rawHeader(line.key).join(', '));
  const ids = (name: string) =>
    rawHeader(name)
      .join(' ')
      .match(/<[^<>\s]+>/g) ?? [];
  const dateLine = rawHeader('date')[0];
  const contentType = parsed.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  const parsedDate = dateLine === undefined ? null : new Date(dateLine);
  const date = parsedDate && !Number.isNaN(parsedDate.getTime()) ? parsedDate : null;
  const threadIds = [...ids('in-reply-to'), ...ids('references').reverse()];
  const mediaType = (contentType?.value ?? 'text/plain').toLowerCase();
  const reportsDeliveryInside = mediaType.startsWith('multipart/') ? reportsDelivery(raw) : false;
  return {
    messageId: parsed.messageId ?? null,
    threadIds,
    from: soleAddress(parsed.from, parsed.headerLines.filter((line) => line.key === 'from').length),
    subject: tidySubject(parsed.subject ?? ''),
    sentAt: date ? date.toISOString() : null,
    text: wordsOf(
      parsed,
      () => mediaType === 'text/plain' || PLAIN_PART.test(raw.toString('latin1')),
    )
      .replace(/\r\n/g, '\n')
      .trim(),
    files: parsed.attachments.map((attachment) => ({
      name: attachment.filename ?? '',
      bytes: attachment.content,
      inline:
        attachment.related === true || PART_OF_THE_MAIL.has(attachment.contentType.toLowerCase()),
    })),
    headers,
    contentType: mediaType,
    reportType: contentType?.params?.['report-type']?.toLowerCase() ?? null,
    reportsDelivery: reportsDeliveryInside,
    returned:
      mediaType === 'multipart/report' || reportsDeliveryInside
        ? returnedMail(parsed.text ?? '', parsed.attachments, threadIds)
        : null,
    unreadable: false,
  };
}

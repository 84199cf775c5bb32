import { deterministicUuid, seededRandom } from '@sg/directory';
import { complaintThreadId, mailIdOf, type MailEnvelope, outgoingMessageId } from '@sg/mail';
import { dkimSign } from 'mailauth';
import { type BenchSchool } from './bench-schools';
import { complaintProse, type Pick, replyProse, shuffled, signOff } from './complaint-prose';
import {
  type Acknowledgement,
  bounceMessage,
  COUNCIL,
  complaintMessage,
  type MailboxStamp,
  type MailClient,
  newsletterMessage,
  outOfOfficeMessage,
  replyMessage,
  strangerMessage,
  type Writer,
} from './compose-messages';
import { DKIM_SELECTOR, type OtherDomain } from './mail-zone';
import { smallPdf } from './small-pdf';

export type MailKind = 'complaint' | 'reply' | 'automatic' | 'stranger';

/** What the mailbox holds, by share: the mix issue 14 describes. */
export const MAILBOX_MIX: Readonly<Record<MailKind, number>> = {
  complaint: 0.45,
  reply: 0.3,
  automatic: 0.15,
  stranger: 0.1,
};

/** One message as the shared mailbox holds it, and what the IMAP source would say of it. */
export interface MailboxMessage {
  readonly kind: MailKind;
  readonly raw: Buffer;
  readonly envelope: MailEnvelope;
  readonly signed: boolean;
  /** The complaint a reply's thread names; null for every other kind. */
  readonly repliesTo: string | null;
}

/** Domains outside the directory that publish records: a bulletin, a contractor, a school not registered. */
export const OTHER_DOMAINS: readonly OtherDomain[] = [
  { domain: 'schools-bulletin.example', mailIp: '192.0.2.10', signs: true },
  { domain: 'northwest-facilities.example', mailIp: '192.0.2.20', signs: false },
  { domain: 'oldfield-primary.lancs.sch.uk', mailIp: '192.0.2.30', signs: false },
];
const [BULLETIN, CONTRACTOR, UNREGISTERED_SCHOOL] = OTHER_DOMAINS;
/** Webmail providers publish nothing in this zone: their mail proves nothing either way. */
const WEBMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

const FIRST_NAMES = [
  'Asha',
  'Jane',
  'Tom',
  'Priya',
  'Gareth',
  'Helen',
  'Mohammed',
  'Claire',
  'David',
  'Siobhan',
  'Imran',
  'Rachel',
  'Lewis',
  'Fatima',
  'Karen',
  'Owen',
];
const SURNAMES = [
  'Head',
  'Ashworth',
  'Patel',
  'Hargreaves',
  'Whittaker',
  'Khan',
  'Duckworth',
  'O’Neill',
  'Singh',
  'Entwistle',
  'Holden',
  'Nuttall',
  'Begum',
  'Crossley',
  'Pilkington',
];
const ROLES: readonly (readonly [role: string, mailbox: string])[] = [
  ['Headteacher', 'head'],
  ['School Business Manager', 'sbm'],
  ['Office Manager', 'office'],
  ['SENCo', 'senco'],
  ['Deputy Headteacher', 'deputy'],
  ['Bursar', 'bursar'],
];
const BULLETIN_ITEMS = [
  'Summer term training dates. Booking opens on Monday for the summer programme of courses for support staff.',
  'Changes to supply cover charges. From 1 April the daily rate for supply cover rises by 3 per cent.',
  'Music Service concerts. Tickets for the county youth orchestra concert at King George’s Hall are on sale now.',
  'Outdoor education centres. Residential places for autumn are filling quickly; book before half term.',
  'Governor recruitment. We are looking for governors with finance experience for several primary schools.',
  'Safeguarding update. The annual safeguarding return is due by the end of the month.',
];

/** The council's MX and mail store, which add the trace every message in the mailbox carries. */
const MX = { host: 'mx1.county.gov.uk', ip: '10.40.0.21', store: 'mailstore.county.gov.uk' };

/**
 * The intake names the complaint a message lodges after the message (the mail's id seeds the
 * complaint's id), so a mailbox written before any of it is taken in can thread replies onto
 * complaints not yet lodged. The bench counts the replies filed on the complaint they name, so a
 * change to that naming shows there rather than passing unseen.
 */
const complaintLodgedBy = (messageId: string, from: string) =>
  deterministicUuid('complaint', `mail\0${mailIdOf(messageId, from, '')}`);

interface Lodged {
  readonly complaintId: string;
  readonly school: BenchSchool;
  readonly writer: Writer;
  readonly ours: Acknowledgement;
}

/** Where a message was handed to the council's MX from. */
interface Origin {
  readonly returnPath: string;
  readonly helo: string;
  readonly ip: string;
  /** The domain that signs it with DKIM; null when it is not signed. */
  readonly signingDomain: string | null;
}

export interface MailboxOptions {
  readonly count: number;
  readonly seed: number;
  readonly schools: readonly BenchSchool[];
  /** The key whose public half every signing domain publishes. */
  readonly privateKeyPem: string;
  readonly startsAt: Date;
}

/**
 * `count` messages as a shared mailbox holds them, oldest first, the same for the same seed (but
 * for DKIM signatures, whose key is made afresh each run): new complaints from the schools' staff
 * as Outlook and webmail write them (a letter or invoice as a PDF on one in five), the schools'
 * replies on those complaints (each after the complaint it answers), out-of-office replies,
 * bounces and a bulletin, and mail from people the directory does not know. Mail from schools
 * hosted by the provider is DKIM-signed, as is the bulletin; the rest is not.
 */
export async function writeMailbox(options: MailboxOptions): Promise<MailboxMessage[]> {
  const random = seededRandom(options.seed);
  const pick: Pick = (items) => items[Math.floor(random() * items.length)];
  const hex = (length: number) =>
    Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

  const counts = {
    complaint: Math.round(options.count * MAILBOX_MIX.complaint),
    reply: Math.round(options.count * MAILBOX_MIX.reply),
    automatic: Math.round(options.count * MAILBOX_MIX.automatic),
  };
  const kinds = shuffled(
    [
      ...Array<MailKind>(counts.complaint).fill('complaint'),
      ...Array<MailKind>(counts.reply).fill('reply'),
      ...Array<MailKind>(counts.automatic).fill('automatic'),
      ...Array<MailKind>(
        Math.max(0, options.count - counts.complaint - counts.reply - counts.automatic),
      ).fill('stranger'),
    ],
    random,
  ).slice(0, options.count);
  // Replies, out-of-office replies and bounces answer a complaint, so the mailbox opens with one.
  const first = kinds.indexOf('complaint');
  if (first > 0) [kinds[0], kinds[first]] = [kinds[first], kinds[0]];

  const schoolWriter = (school: BenchSchool): Writer => {
    const firstName = pick(FIRST_NAMES);
    const surname = pick(SURNAMES);
    const [role, mailbox] = pick(ROLES);
    const personal = `${firstName[0]}.${surname.replace(/[^A-Za-z]/g, '')}`.toLowerCase();
    return {
      name: `${firstName} ${surname}`,
      email: `${random() < 0.5 ? mailbox : personal}@${school.domain}`,
      role,
      organisation: school.name,
      phone: `01772 ${500_000 + Number(school.urn) - 119_000}`,
    };
  };
  const fromSchool = (school: BenchSchool, returnPath: string): Origin => ({
    returnPath,
    helo: school.mailHost,
    ip: school.mailIp,
    signingDomain: school.hosted ? school.domain : null,
  });
  const clientOf = (school: BenchSchool): MailClient =>
    school.hosted || random() < 0.5 ? 'outlook' : 'webmail';

  const lodged: Lodged[] = [];
  /** Replies come mostly within days of the complaint: the newest complaints are the likeliest. */
  const recentComplaint = () =>
    lodged[lodged.length - 1 - Math.floor(random() ** 3 * lodged.length)];

  const mailbox: MailboxMessage[] = [];
  let at = options.startsAt.getTime();
  for (const [index, kind] of kinds.entries()) {
    at += Math.floor(random() * 720_000);
    const date = new Date(at);
    const stampFor = (host: string): MailboxStamp => ({
      messageId: `<${hex(32).toUpperCase()}@${host}>`,
      date,
      boundary: hex(16),
    });
    let raw: Buffer;
    let origin: Origin;
    let repliesTo: string | null = null;

    if (kind === 'complaint') {
      const school = pick(options.schools);
      const writer = schoolWriter(school);
      const prose = complaintProse(pick, random);
      const pdf =
        random() < 0.2
          ? {
              name: pick(['letter.pdf', 'invoice.pdf', 'timetable.pdf', 'Scan_0412.pdf']),
              bytes: smallPdf(
                Array.from({ length: 6 + Math.floor(random() * 14) }, () =>
                  pick(prose.paragraphs).slice(0, 90),
                ),
              ),
            }
          : null;
      const stamp = stampFor(school.mailHost);
      raw = await complaintMessage(writer, prose, signOff(pick), clientOf(school), pdf, stamp);
      origin = fromSchool(school, writer.email);
      const complaintId = complaintLodgedBy(stamp.messageId, writer.email);
      lodged.push({
        complaintId,
        school,
        writer,
        ours: {
          messageId: outgoingMessageId(
            deterministicUuid('bench-notification', String(options.seed), String(index)),
            complaintId,
          ),
          threadId: complaintThreadId(complaintId),
          to: writer,
          subject: `Your complaint: ${prose.subject}`,
          sentAt: new Date(at + 60_000),
        },
      });
    } else if (kind === 'reply') {
      const complaint = recentComplaint();
      const writer = random() < 0.7 ? complaint.writer : schoolWriter(complaint.school);
      raw = await replyMessage(
        writer,
        replyProse(pick, random),
        signOff(pick),
        clientOf(complaint.school),
        complaint.ours,
        stampFor(complaint.school.mailHost),
      );
      origin = fromSchool(complaint.school, writer.email);
      repliesTo = complaint.complaintId;
    } else if (kind === 'automatic') {
      const complaint = recentComplaint();
      const which = random();
      if (which < 0.55) {
        raw = await outOfOfficeMessage(
          complaint.writer,
          complaint.ours,
          pick(['Monday 14 April', 'Tuesday 22 April', 'Monday 2 June', 'Wednesday 3 September']),
          stampFor(complaint.school.mailHost),
        );
        origin = fromSchool(complaint.school, complaint.writer.email);
      } else if (which < 0.85) {
        const recipient = `${pick(['office', 'admin', 'enquiries'])}@${complaint.school.domain}`;
        raw = bounceMessage(
          complaint.school.mailHost,
          recipient,
          complaint.ours,
          hex(10).toUpperCase(),
          stampFor(complaint.school.mailHost),
        );
        origin = { ...fromSchool(complaint.school, ''), signingDomain: null };
      } else {
        const issue = 100 + index;
        raw = await newsletterMessage(
          BULLETIN.domain,
          issue,
          shuffled(BULLETIN_ITEMS, random).slice(0, 4),
          stampFor(`mail.${BULLETIN.domain}`),
        );
        origin = {
          returnPath: `bounces+${issue}@${BULLETIN.domain}`,
          helo: `mail.${BULLETIN.domain}`,
          ip: BULLETIN.mailIp,
          signingDomain: BULLETIN.domain,
        };
      }
    } else {
      const which = random();
      const other = which < 0.6 ? null : which < 0.85 ? CONTRACTOR : UNREGISTERED_SCHOOL;
      const domain = other?.domain ?? pick(WEBMAIL_DOMAINS);
      const firstName = pick(FIRST_NAMES);
      const surname = pick(SURNAMES);
      const writer: Writer = {
        name: `${firstName} ${surname}`,
        email:
          `${firstName}.${surname.replace(/[^A-Za-z]/g, '')}${Math.floor(random() * 90) + 10}@${domain}`.toLowerCase(),
        role: other ? 'Office Manager' : 'Parent',
        organisation: other ? domain : '',
        phone: '07700 900 123',
      };
      const helo = other ? `mail.${domain}` : `smtp-out.${domain}`;
      raw = await strangerMessage(
        writer,
        complaintProse(pick, random),
        signOff(pick),
        stampFor(helo),
      );
      origin = {
        returnPath: writer.email,
        helo,
        ip: other?.mailIp ?? `192.0.2.${100 + WEBMAIL_DOMAINS.indexOf(domain)}`,
        signingDomain: other?.signs ? domain : null,
      };
    }

    const signed = origin.signingDomain
      ? await signedBy(raw, origin.signingDomain, options.privateKeyPem, date)
      : raw;
    mailbox.push({
      kind,
      raw: delivered(signed, origin, date, hex(12).toUpperCase()),
      envelope: {
        source: 'imap',
        mailFrom: origin.returnPath,
        recipients: [],
        remoteAddress: null,
        heloName: null,
      },
      signed: origin.signingDomain !== null,
      repliesTo,
    });
  }
  return mailbox;
}

async function signedBy(
  raw: Buffer,
  signingDomain: string,
  privateKey: string,
  signTime: Date,
): Promise<Buffer> {
  const key = { signingDomain, selector: DKIM_SELECTOR, privateKey };
  // mailauth signs with the keys in signatureData; its types also ask for one at the top level.
  const result = await dkimSign(raw, {
    ...key,
    canonicalization: 'relaxed/relaxed',
    signTime,
    signatureData: [key],
  });
  if (result.errors?.length) throw new Error(`DKIM signing failed: ${String(result.errors[0])}`);
  return Buffer.concat([Buffer.from(result.signatures), raw]);
}

/**
 * The message as the mailbox holds it: the return path the mail store recorded and the trace of
 * both hops, the sender's server to the MX and the MX to the store, so the intake's SPF check
 * finds the sender's address in the Received header as it does for mail read over IMAP.
 */
function delivered(raw: Buffer, origin: Origin, at: Date, queueId: string): Buffer {
  const stamp = (seconds: number) => new Date(at.getTime() + seconds * 1000).toUTCString();
  const trace = [
    `Return-Path: <${origin.returnPath}>`,
    `Received: from ${MX.host} (${MX.host} [${MX.ip}])`,
    `\tby ${MX.store} with LMTP id ${queueId.toLowerCase()}`,
    `\tfor <${COUNCIL.email}>; ${stamp(3)}`,
    `Received: from ${origin.helo} (${origin.helo} [${origin.ip}])`,
    `\tby ${MX.host} (Postfix) with ESMTPS id ${queueId}`,
    `\tfor <${COUNCIL.email}>; ${stamp(2)}`,
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(trace), raw]);
}

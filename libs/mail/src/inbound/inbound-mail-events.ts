import { type AttachmentRef } from '@sg/complaints';
import { type MailAddress } from '../outgoing-mail';
import { type AutomaticMailKind } from './automatic-mail';
import { type MailEnvelope } from './inbound-mail-sink';
import { type MailAuthentication } from './mail-authentication';

/** Each message the engine takes in is a stream of its own: `inbound-mail-<mailId>`. */
export const INBOUND_MAIL_STREAM_PREFIX = 'inbound-mail-';
export const inboundMailStream = (mailId: string) => `${INBOUND_MAIL_STREAM_PREFIX}${mailId}`;

/** Who did something to a message: a person in Business Support, or the intake itself. */
export interface MailActedBy {
  readonly id: string;
  readonly role: string;
}

/** Why a message waits for Business Support instead of being filed by itself. */
export type MatchingReason =
  /** Its sender's address reaches no school (or it has no sender). */
  | 'unknown-sender'
  /** Its sender's address reaches more than one school. */
  | 'several-schools'
  /** Its From domain did not vouch for it (no aligned DMARC pass): anyone could have written it. */
  | 'failed-authentication'
  /** The parser could not read it at all: a person looks at the original. */
  | 'unreadable'
  /** It answers a complaint, but its sender is not of that complaint's school. */
  | 'not-the-complaint-school'
  /** It names a complaint that could not be found. */
  | 'complaint-not-found'
  /** Its thread and its subject, or its subject twice, name different complaints. */
  | 'names-several-complaints'
  /** The complaint refused it (it is closed, say): `refusal` says why. */
  | 'refused-by-complaint'
  /**
   * It says nothing, no text and no file (and, new, no subject): taken as it is, a reply's subject
   * would be the school's answer to a question (and start the service's clock again).
   */
  | 'says-nothing'
  /**
   * It opens as an out-of-office reply does, though nothing marks it automatic: taken as it is,
   * it would be the school's answer to a question, or its dispute of a proposed resolution.
   */
  | 'reads-like-an-auto-reply'
  /**
   * Its sender has had as many complaints lodged by email in the hour as a person may lodge: a
   * script, a flood, or a responder that answers each acknowledgement with a new thread.
   */
  | 'too-many-from-sender'
  /** Its sender is a council officer or someone whose account is disabled. */
  | 'sender-not-school-staff'
  /** Business Support put it back after it was set aside, or ignored as written by a machine. */
  | 'put-back';

export interface InboundMailEventMap {
  /** The message as it arrived: who it says it is from, what it says, and what proved it. */
  InboundMailReceived: {
    readonly mailId: string;
    readonly source: MailEnvelope['source'];
    readonly messageId: string | null;
    /** The whole message, kept in the attachment store under this digest. */
    readonly rawSha256: string;
    readonly rawSizeBytes: number;
    readonly envelopeFrom: string | null;
    readonly recipients: readonly string[];
    readonly from: MailAddress | null;
    readonly subject: string;
    readonly sentAt: string | null;
    /** What the sender wrote this time, as plain text, without the history a reply quotes. */
    readonly text: string;
    readonly threadIds: readonly string[];
    readonly authentication: MailAuthentication;
    readonly automatic: AutomaticMailKind | null;
    /** The parser gave up on it; only its bytes are kept. */
    readonly unreadable: boolean;
    /** Files that passed the attachment rules, their bytes in the store. */
    readonly attachments: readonly AttachmentRef[];
    /** Files that did not, by name, with why. */
    readonly refusedFiles: readonly { readonly name: string; readonly reason: string }[];
    readonly at: string;
    /**
     * When the council's mailbox got it, when that is earlier than `at` (the intake read it
     * later); an answer is judged as of then. Absent: as of `at` (a listener or an upload takes
     * mail as it comes, and messages taken in before this was kept).
     */
    readonly deliveredAt?: string;
  };
  /** Recorded on a complaint: lodged as a new one, or taken as the school's reply on one. */
  InboundMailFiled: {
    readonly complaintId: string;
    /** A new complaint; the school's message on one; a council officer's note on one. */
    readonly as: 'lodged' | 'reply' | 'note';
    readonly by: MailActedBy;
    readonly at: string;
  };
  /** Written by a machine (an out-of-office reply, a bounce, list mail): nothing is done, nobody is answered. */
  InboundMailIgnored: { readonly kind: AutomaticMailKind; readonly at: string };
  /** Waiting in Business Support's matching queue. */
  InboundMailAwaitingMatch: {
    readonly reason: MatchingReason;
    /** The complaint it seemed to be about, when it named one. */
    readonly complaintId: string | null;
    readonly refusal: string | null;
    readonly at: string;
  };
  /** Business Support vouches that the sender writes for this school. */
  InboundMailMatched: { readonly schoolUrn: string; readonly by: MailActedBy; readonly at: string };
  /** Business Support set it aside, saying why. */
  InboundMailDiscarded: { readonly reason: string; readonly by: MailActedBy; readonly at: string };
  /**
   * Business Support put back in the queue a message set aside by mistake, or one the intake took
   * for a machine's that a person wrote: it waits to be matched again.
   */
  InboundMailPutBack: { readonly by: MailActedBy; readonly at: string };
}

export type InboundMailEventType = keyof InboundMailEventMap;
export type InboundMailEvent = {
  [T in InboundMailEventType]: { readonly type: T; readonly data: InboundMailEventMap[T] };
}[InboundMailEventType];

export const INBOUND_MAIL_EVENT_TYPES: readonly InboundMailEventType[] = [
  'InboundMailReceived',
  'InboundMailFiled',
  'InboundMailIgnored',
  'InboundMailAwaitingMatch',
  'InboundMailMatched',
  'InboundMailDiscarded',
  'InboundMailPutBack',
];

/** Every inbound mail event is at schema version 1 so far. */
export const INBOUND_MAIL_SCHEMA_VERSION = 1;

/** Where personal data sits, for subject access and erasure (see the complaint events' list). */
export const INBOUND_MAIL_PERSONAL_DATA_FIELDS: Partial<
  Record<InboundMailEventType, readonly string[]>
> = {
  // A file's name can name a person, as a complaint's attachments' can.
  InboundMailReceived: [
    'envelopeFrom',
    'from.name',
    'from.email',
    'subject',
    'text',
    'attachments.name',
    'refusedFiles.name',
  ],
  InboundMailDiscarded: ['reason'],
};

/** Where a message stands: what the intake and Business Support have done with it so far. */
export interface InboundMailState {
  readonly received: InboundMailEventMap['InboundMailReceived'] | null;
  readonly status: 'new' | 'filed' | 'ignored' | 'awaiting-match' | 'discarded';
  readonly matchedSchoolUrn: string | null;
  readonly complaintId: string | null;
  readonly revision: bigint | null;
}

export const NO_MAIL: InboundMailState = {
  received: null,
  status: 'new',
  matchedSchoolUrn: null,
  complaintId: null,
  revision: null,
};

export function evolveInboundMail(
  state: InboundMailState,
  event: InboundMailEvent,
): InboundMailState {
  switch (event.type) {
    case 'InboundMailReceived':
      return { ...state, received: event.data };
    case 'InboundMailFiled':
      return { ...state, status: 'filed', complaintId: event.data.complaintId };
    case 'InboundMailIgnored':
      return { ...state, status: 'ignored' };
    case 'InboundMailAwaitingMatch':
      // Waiting again after a match the complaint refused: matched to no school any more.
      return {
        ...state,
        status: 'awaiting-match',
        complaintId: event.data.complaintId,
        matchedSchoolUrn: null,
      };
    case 'InboundMailMatched':
      return { ...state, matchedSchoolUrn: event.data.schoolUrn };
    case 'InboundMailDiscarded':
      return { ...state, status: 'discarded' };
    case 'InboundMailPutBack':
      return { ...state, status: 'awaiting-match', matchedSchoolUrn: null };
  }
}

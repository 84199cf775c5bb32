import { type InboundMailEventMap, type InboundMailState, type MailAuthentication } from '@sg/mail';
import { type RecordedEvent } from '@sg/event-store';
import { whyItWaits, whySetAside } from './why-it-waits';

type Received = InboundMailEventMap['InboundMailReceived'];

/** Each result of SPF, DKIM and DMARC as Business Support reads it. */
const RESULT_WORDS: Record<MailAuthentication['spf'], string> = {
  pass: 'Passed',
  fail: 'Failed',
  softfail: 'Soft fail: the domain does not vouch for the server that sent it',
  neutral: 'Neutral: the domain says nothing either way',
  none: 'None: nothing to check against',
  temperror: 'Could not be checked (a temporary fault)',
  permerror: 'Could not be checked (the domain’s record is broken)',
  policy: 'Refused by local policy',
};

const SOURCE_WORDS: Record<Received['source'], string> = {
  smtp: 'Sent to the council’s mail server',
  imap: 'Read from the shared mailbox',
  upload: 'Passed on by the mail provider',
};

/** Where an email stands, in words, and the complaint it went to if it went to one. */
export interface MailStanding {
  readonly awaiting: boolean;
  /** Set aside, by a person or as a machine's: it can be put back in the queue. */
  readonly setAside?: boolean;
  readonly text: string;
  readonly complaintId: string | null;
}

/** The last event of `type` in the email's history. */
function lastOf<T extends keyof InboundMailEventMap>(
  history: readonly RecordedEvent[],
  type: T,
): InboundMailEventMap[T] | null {
  for (let i = history.length - 1; i >= 0; i -= 1)
    if (history[i].type === type) return history[i].data as InboundMailEventMap[T];
  return null;
}

/**
 * Whom Business Support matched the email to when it was filed, who did, and when; null if it was
 * filed without a match. A match the complaint refused, before another way was found, is not it.
 */
export function lastMatch(history: readonly RecordedEvent[]) {
  const filed = history.findLastIndex((event) => event.type === 'InboundMailFiled');
  const before = filed < 0 ? history : history.slice(0, filed);
  const matched = before.at(-1);
  return matched?.type === 'InboundMailMatched'
    ? (matched.data as InboundMailEventMap['InboundMailMatched'])
    : null;
}

/** Why it waits, with the complaint's refusal when a complaint would not take it. */
export function waitingWords(history: readonly RecordedEvent[]): string {
  const last = history.findLast(
    (event) => event.type === 'InboundMailAwaitingMatch' || event.type === 'InboundMailPutBack',
  );
  const waited = history.findLast((event) => event.type === 'InboundMailAwaitingMatch');
  const waiting = waited?.data as InboundMailEventMap['InboundMailAwaitingMatch'] | undefined;
  const why = whyItWaits(waiting?.reason ?? null, waiting?.refusal ?? null);
  if (last?.type !== 'InboundMailPutBack') return why;
  // What made it wait before it was set aside still holds: it is why a person has to look.
  return waiting
    ? `${whyItWaits('put-back')}. It first waited because: ${why}`
    : whyItWaits('put-back');
}

function standingOf(
  state: InboundMailState,
  history: readonly RecordedEvent[],
  reference: string | null,
): MailStanding {
  const complaint = reference ?? 'a complaint';
  switch (state.status) {
    case 'awaiting-match':
      return { awaiting: true, text: waitingWords(history), complaintId: null };
    case 'filed': {
      const filed = lastOf(history, 'InboundMailFiled');
      return {
        awaiting: false,
        text:
          filed?.as === 'lodged'
            ? `Lodged as complaint ${complaint}`
            : filed?.as === 'note'
              ? `Added to complaint ${complaint} as a note by its sender, for the council only`
              : `Added to complaint ${complaint} as a message from the school`,
        complaintId: state.complaintId,
      };
    }
    case 'ignored': {
      const kind = lastOf(history, 'InboundMailIgnored')?.kind ?? null;
      return {
        awaiting: false,
        text: whySetAside('ignored', kind),
        complaintId: null,
        // The council's own mail come back is never a school's (see MailIntake.putBack).
        setAside: kind !== 'bounce',
      };
    }
    case 'discarded':
      return {
        awaiting: false,
        text: whySetAside('discarded', lastOf(history, 'InboundMailDiscarded')?.reason ?? null),
        complaintId: null,
        setAside: true,
      };
    case 'new':
      return { awaiting: false, text: 'Being filed', complaintId: null };
  }
}

/**
 * One email as its page shows it: who sent it and to whom, what proved (or did not prove) the
 * sender, what it says as plain text, its files, and where it stands. `reference` names the
 * complaint it went to, when it went to one.
 */
export function mailMessageView(
  received: Received,
  state: InboundMailState,
  history: readonly RecordedEvent[],
  reference: string | null,
) {
  const { authentication } = received;
  return {
    mailId: received.mailId,
    fromName: received.from?.name || null,
    fromEmail: received.from?.email ?? null,
    envelopeFrom: received.envelopeFrom,
    recipients: received.recipients,
    receivedAt: received.at,
    sentAt: received.sentAt,
    subject: received.subject,
    text: received.text,
    source: SOURCE_WORDS[received.source],
    authentication: [
      { name: 'SPF', result: RESULT_WORDS[authentication.spf] },
      { name: 'DKIM', result: RESULT_WORDS[authentication.dkim] },
      {
        name: authentication.dmarcDomain ? `DMARC (${authentication.dmarcDomain})` : 'DMARC',
        result: RESULT_WORDS[authentication.dmarc],
      },
    ],
    attachments: received.attachments,
    refusedFiles: received.refusedFiles,
    standing: standingOf(state, history, reference),
  };
}

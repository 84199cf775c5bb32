import { type MatchingReason } from '@sg/mail';

/** Why an email waits for Business Support, in the words the queue and its page use. */
const WAITING: Record<MatchingReason, string> = {
  'unknown-sender': 'The sender’s address is not registered for any school',
  'several-schools': 'The sender’s address is registered for more than one school',
  'too-many-from-sender':
    'The sender has had as many complaints lodged by email this hour as anyone may: check it is not a machine',
  'failed-authentication':
    'Its sender’s domain did not vouch for it (SPF, DKIM, DMARC): it may not be from who it says',
  unreadable: 'It could not be read: open the original to see what it is',
  'not-the-complaint-school': 'It answers a complaint of another school',
  'complaint-not-found': 'It names a complaint we cannot find',
  'names-several-complaints':
    'It names more than one complaint (in its subject, or by answering our email about another): add it to the one it is about',
  'refused-by-complaint': 'The complaint could not take it',
  'says-nothing': 'It says nothing: no text and no files',
  'reads-like-an-auto-reply':
    'It reads like an automatic reply (out of office, on leave), though it is not marked as one: file it only if it answers the complaint',
  'sender-not-school-staff': 'The sender is council staff or has a disabled account',
  'put-back': 'It was put back in the queue after it was set aside',
};

/** Why an email was put aside without anyone's help: a machine wrote it. */
const IGNORED: Record<string, string> = {
  'auto-reply': 'An automatic reply, such as an out-of-office message',
  bounce: 'A message saying an email could not be delivered',
  bulk: 'Sent in bulk, such as a newsletter or mailing list',
};

/** The reason a waiting email's row carries, in words; one not known here is shown as it is. */
export function whyItWaits(reason: string | null, refusal: string | null = null): string {
  const words = (reason && WAITING[reason as MatchingReason]) || reason || 'It needs matching';
  return refusal ? `${words}: ${refusal}` : words;
}

/** Why an email is set aside: ignored as automatic, or set aside by a person who said why. */
export function whySetAside(status: string, reason: string | null): string {
  if (status === 'ignored') return (reason && IGNORED[reason]) || 'Written by a machine';
  return reason ? `Set aside: ${reason}` : 'Set aside';
}

import { type InboundMessage } from './parse-inbound-mail';

/**
 * The subjects responders give their replies when they add no header to say so: Exchange's
 * "Automatic reply:" and older "Out of Office AutoReply:", "Out of office -", "Out of Office Reply:",
 * Lotus Notes' "AUTO:", and the same in the languages a school's mail system may be set to (Welsh,
 * German, French, Spanish, Italian, Dutch, Polish, Portuguese). A person's "Out of office hours
 * cover: …" is not one.
 */
const AUTO_REPLY_SUBJECT =
  /^(?:(?:auto(?:matic)?[- ]?(?:reply|response)|out of (?:the )?office(?: auto-?reply| reply| notification)?|ateb awtomatig|automatische antwort|abwesenheitsnotiz|r[ée]ponse automatique|respuesta autom[áa]tica|risposta automatica|automatisch antwoord|automatyczna odpowied[źz]|resposta autom[áa]tica)\s*[:\-–]|auto\s*:)/iu;

/** Why a message was written by a machine, not a person. */
export type AutomaticMailKind = 'auto-reply' | 'bounce' | 'bulk';

/**
 * Out-of-office replies, bounces and list mail never lodge or answer a complaint, and the engine
 * never writes back to them: that is how a loop between two auto-responders ends. The signs are
 * the standard ones (RFC 3834 Auto-Submitted, RFC 3464 delivery-status reports, the empty return
 * path bounces use) and the ones Exchange and the common responders add without them.
 */
export function automaticMailKind(
  message: InboundMessage,
  /** The envelope sender: '' for the empty path `<>` bounces use, null when not known. */
  returnPath: string | null,
): AutomaticMailKind | null {
  const header = (name: string) => message.headers.get(name)?.trim().toLowerCase() ?? '';
  if (
    message.contentType === 'multipart/report' ||
    message.contentType === 'message/delivery-status' ||
    // Some mail systems put the delivery-status report inside an ordinary multipart/mixed.
    message.reportsDelivery ||
    returnPath === '' ||
    /^(mailer-daemon|postmaster)@/i.test(message.from?.email ?? '')
  ) {
    return 'bounce';
  }
  const autoSubmitted = header('auto-submitted');
  if (
    (autoSubmitted !== '' && autoSubmitted !== 'no') ||
    header('x-autoreply') !== '' ||
    header('x-autorespond') !== '' ||
    AUTO_REPLY_SUBJECT.test(message.subject)
  ) {
    return 'auto-reply';
  }
  const precedence = header('precedence');
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence) || header('list-id') !== '') {
    return precedence === 'auto_reply' ? 'auto-reply' : 'bulk';
  }
  return null;
}

import type Mail from 'nodemailer/lib/mailer';
import { type OutgoingMail } from './outgoing-mail';
import { complaintThreadId, MESSAGE_ID_DOMAIN, outgoingMessageId } from './threading';

/**
 * RFC 3834: the engine writes by itself, so out-of-office and other auto-responders must not
 * answer (Exchange honours the second header, most others the first); an answer would come back
 * into the complaint as if the school had written, and could start a loop of replies.
 */
const AUTOMATIC = {
  'Auto-Submitted': 'auto-generated',
  'X-Auto-Response-Suppress': 'All',
};

/** The message about a complaint refers to the complaint's thread, so every one files under it. */
function threading(
  mail: OutgoingMail,
): Pick<Mail.Options, 'messageId' | 'inReplyTo' | 'references'> {
  if (!mail.complaintId) return { messageId: `<${mail.messageId}@${MESSAGE_ID_DOMAIN}>` };
  const thread = complaintThreadId(mail.complaintId);
  // An acknowledgement answers the school's email, so its client files the two together; the
  // thread root still names the complaint, for the school's reply to find its way back.
  return {
    messageId: outgoingMessageId(mail.messageId, mail.complaintId),
    inReplyTo: mail.inReplyTo ?? thread,
    references: mail.inReplyTo ? [mail.inReplyTo, thread] : thread,
  };
}

export const toNodemailerMessage = (mail: OutgoingMail): Mail.Options => ({
  ...threading(mail),
  from: mail.from,
  ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
  to: { name: mail.to.name, address: mail.to.email },
  subject: mail.subject,
  text: mail.text,
  ...(mail.html ? { html: mail.html } : {}),
  date: mail.date,
  headers: AUTOMATIC,
});

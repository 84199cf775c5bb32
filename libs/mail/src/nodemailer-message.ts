import type Mail from 'nodemailer/lib/mailer';
import { type OutgoingMail } from './outgoing-mail';

/** The domain of the engine's message ids, so they are recognisably ours. */
const MESSAGE_ID_DOMAIN = 'service-guarantee.local';

export const toNodemailerMessage = (mail: OutgoingMail): Mail.Options => ({
  messageId: `<${mail.messageId}@${MESSAGE_ID_DOMAIN}>`,
  from: mail.from,
  to: { name: mail.to.name, address: mail.to.email },
  subject: mail.subject,
  text: mail.text,
  date: mail.date,
});

import { createTransport, type Transporter } from 'nodemailer';
import { toNodemailerMessage } from './nodemailer-message';
import { type MailTransport, type OutgoingMail } from './outgoing-mail';
import { classifyMailFailure } from './permanent-mail-failure';
import { assertRecipientAddress } from './recipient-address';

/**
 * Mail through an SMTP server, named by an smtp:// or smtps:// URL. A permanent refusal (a 5xx
 * reply, to the recipient or the message) rejects with PermanentMailFailure; anything else, such
 * as a 4xx reply or a connection that failed, rejects as it came, to be tried again.
 */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string) {
    this.transporter = createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    assertRecipientAddress(mail.to.email);
    try {
      await this.transporter.sendMail(toNodemailerMessage(mail));
    } catch (error) {
      throw classifyMailFailure(error);
    }
  }

  close(): void {
    this.transporter.close();
  }
}

import { createTransport, type Transporter } from 'nodemailer';
import { toNodemailerMessage } from './nodemailer-message';
import { type MailTransport, type OutgoingMail } from './outgoing-mail';

/** Mail through an SMTP server, named by an smtp:// or smtps:// URL. */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string) {
    this.transporter = createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(toNodemailerMessage(mail));
  }

  close(): void {
    this.transporter.close();
  }
}

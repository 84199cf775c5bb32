import { mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import { toNodemailerMessage } from './nodemailer-message';
import { type MailTransport, type OutgoingMail } from './outgoing-mail';
import { assertRecipientAddress } from './recipient-address';

/**
 * Embedded mode's mail: each message a complete RFC 5322 .eml file in a folder, which any mail
 * client opens. The file appears whole or not at all (written aside, then renamed), and sending
 * the same message again overwrites it rather than adding a second.
 */
export class EmlFileMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
    this.transporter = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    assertRecipientAddress(mail.to.email);
    const info = (await this.transporter.sendMail(toNodemailerMessage(mail))) as {
      message: Buffer;
    };
    const name = `${mail.date.toISOString().replace(/[:.]/g, '-')}-${mail.messageId}.eml`;
    const aside = join(this.folder, `.${name}.tmp`);
    // On libuv's threads: opening a file in a folder of thousands took half a millisecond of the
    // event loop for every message.
    await writeFile(aside, info.message);
    await rename(aside, join(this.folder, name));
  }

  close(): void {
    this.transporter.close();
  }
}

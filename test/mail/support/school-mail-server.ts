import { simpleParser, type ParsedMail } from 'mailparser';
import { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the school's mail server received it. */
export interface Delivered {
  readonly to: readonly string[];
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
}

/**
 * The schools' own mail server, on loopback: the engine's SMTP_URL points here, and everything it
 * sends is kept for the test to read (and to answer, as a school or an auto-responder would).
 */
export class SchoolMailServer {
  readonly delivered: Delivered[] = [];
  private readonly listeners: ((mail: Delivered) => void)[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((parsed) => {
          const mail = {
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            raw,
            parsed,
          };
          this.delivered.push(mail);
          for (const listener of this.listeners) listener(mail);
          callback();
        }, callback);
      });
    },
  });
  port = 0;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Calls `listener` for every message from now on. */
  onDelivery(listener: (mail: Delivered) => void): void {
    this.listeners.push(listener);
  }

  to(address: string): Delivered[] {
    return this.delivered.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

import { readFile } from 'node:fs/promises';
import { type AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server';
import { type InboundMailSink } from '../inbound-mail-sink';
import { type IntakeLogger } from './intake-logger';
import { OVER_THE_LIMIT, readMessageWithin } from './read-message-within';
import { RecipientAllowList } from './recipient-allow-list';

export interface SmtpIntakeServerOptions {
  /** INBOUND_SMTP_HOST: the address to listen on. */
  readonly host: string;
  /** INBOUND_SMTP_PORT; 0 takes any free port (start() says which). */
  readonly port: number;
  /** Addresses and domains mail is taken for (see inboundSmtpRecipients); others get 550. */
  readonly recipients: readonly string[];
  /** INBOUND_MAIL_MAX_BYTES: announced as SIZE; a bigger message gets 552. */
  readonly maxMessageBytes: number;
  /** INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY (PEM files); given, STARTTLS is offered. */
  readonly tls?: { readonly certPath: string; readonly keyPath: string };
  /** The name in the greeting and EHLO reply; the machine's host name unless given. */
  readonly serverName?: string;
}

/** An SMTP reply the listener gives instead of 250. */
function smtpReply(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The SMTP listener the council's mail system relays inbound mail to. It asks for no
 * authentication: the relay is the council's own system, and it is trusted by where it connects
 * from, so the listener must only be reachable from that system (bind it to an internal address
 * or firewall it). Each message is handed to the sink as the bytes received, and acknowledged with
 * 250 only once the sink has recorded it; when the sink cannot, the reply is 451 so the relay
 * keeps the message and tries again. A refusal for our own failure is never permanent (5xx).
 */
export class SmtpIntakeServer {
  private readonly allowList: RecipientAllowList;
  private server: SMTPServer | undefined;

  constructor(
    private readonly options: SmtpIntakeServerOptions,
    private readonly sink: InboundMailSink,
    private readonly logger: IntakeLogger,
  ) {
    this.allowList = new RecipientAllowList(options.recipients);
  }

  async start(): Promise<{ port: number }> {
    if (this.server) throw new Error('the SMTP listener is already running');
    const tls = this.options.tls
      ? {
          cert: await readFile(this.options.tls.certPath),
          key: await readFile(this.options.tls.keyPath),
        }
      : undefined;
    const server = new SMTPServer({
      name: this.options.serverName ?? hostname(),
      banner: 'Service Guarantee inbound mail',
      secure: false,
      ...tls,
      // STARTTLS is offered, never required: a relay that cannot do TLS still delivers. Without a
      // certificate of our own, smtp-server would offer STARTTLS with its built-in test one.
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      authOptional: true,
      size: this.options.maxMessageBytes,
      // The relay's address is what identifies it; its reverse DNS adds nothing and can stall.
      disableReverseLookup: true,
      logger: false,
      closeTimeout: 5_000,
      onRcptTo: (address, _session, callback) => callback(this.checkRecipient(address)),
      onData: (stream, session, callback) => {
        this.takeIn(stream, session).then(
          (reply) => callback(null, reply),
          (error: Error) => callback(error),
        );
      },
    });
    server.on('error', (error: Error) => this.logger.warn(`SMTP listener: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port } = server.server.address() as AddressInfo;
    this.logger.log(
      `SMTP listener on ${this.options.host}:${port}, taking mail for ${this.options.recipients.join(', ')}` +
        (tls ? ', offering STARTTLS' : ''),
    );
    return { port };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private checkRecipient(address: SMTPServerAddress): Error | undefined {
    if (this.allowList.allows(address.address)) return undefined;
    return smtpReply(550, 'No such recipient here');
  }

  private async takeIn(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    let raw: Buffer | typeof OVER_THE_LIMIT;
    try {
      raw = await readMessageWithin(stream, this.options.maxMessageBytes);
    } catch {
      this.logger.warn(`SMTP listener: session ${session.id} ended before its message did`);
      throw smtpReply(451, 'The message did not arrive in full, try again');
    }
    if (raw === OVER_THE_LIMIT || stream.sizeExceeded) {
      this.logger.warn(
        `SMTP listener: refused a message of ${stream.byteLength} bytes in session ${session.id}, ` +
          `over the limit of ${this.options.maxMessageBytes}`,
      );
      throw smtpReply(
        552,
        `Message exceeds fixed maximum message size ${this.options.maxMessageBytes}`,
      );
    }
    const { mailFrom, rcptTo } = session.envelope;
    try {
      const outcome = await this.sink.accept(raw, {
        source: 'smtp',
        // The empty path `<>` (a bounce) arrives as no address.
        mailFrom: mailFrom && mailFrom.address ? mailFrom.address : '',
        recipients: rcptTo.map((recipient) => recipient.address),
        remoteAddress: session.remoteAddress || null,
        heloName: session.hostNameAppearsAs || null,
      });
      this.logger.log(
        `SMTP listener: took in ${raw.length} bytes in session ${session.id} as ${outcome.mailId} (${outcome.status})`,
      );
      return `OK: taken in as ${outcome.mailId}`;
    } catch (error) {
      this.logger.warn(
        `SMTP listener: could not record the message in session ${session.id}, asked the sender to try again: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
      throw smtpReply(451, 'The message could not be taken in just now, try again later');
    }
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ConfigurationError,
  type EnvironmentVariables,
  listenRefused,
  redisClient,
} from '@sg/config';
import { namedLease, WhileLeading } from '@sg/leases';
import { ImapMailboxPoller, inboundSmtpRecipients, MailIntake, SmtpIntakeServer } from '@sg/mail';
import type IORedis from 'ioredis';

/**
 * Why the SMTP listener could not start, as the setting to change: its own port or address (not
 * the web server's), or a certificate or key it could not read or use.
 */
function smtpRefused(
  error: unknown,
  settings: { port: number; host?: string; cert?: string; key?: string },
): ConfigurationError | null {
  const refused = listenRefused(error, {
    port: settings.port,
    address: settings.host,
    portSetting: 'INBOUND_SMTP_PORT',
    addressSetting: 'INBOUND_SMTP_HOST',
  });
  if (refused) return refused;
  const failure = error as { code?: unknown; path?: unknown; message?: unknown } | null;
  const file = failure?.path;
  if (typeof file === 'string' && (file === settings.cert || file === settings.key)) {
    const setting = file === settings.cert ? 'INBOUND_SMTP_TLS_CERT' : 'INBOUND_SMTP_TLS_KEY';
    return new ConfigurationError([
      `${setting}: cannot read ${file} (${typeof failure?.code === 'string' ? failure.code : 'unreadable'}); give the path of a PEM file this account may read`,
    ]);
  }
  if (
    settings.cert &&
    /PEM|certificate|key values mismatch|private key/i.test(String(failure?.message))
  )
    return new ConfigurationError([
      `INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY: not a PEM certificate and the private key that goes with it (${String(failure?.message)})`,
    ]);
  return null;
}

/**
 * The sources this node runs, as configured: the SMTP listener when INBOUND_SMTP_PORT is set, the
 * shared mailbox when INBOUND_IMAP_URL is. Either, both or neither; the webhook route is always
 * there for a provider that posts. Every node may listen for SMTP (a message relayed to two is
 * recorded once, by its Message-ID), but with REDIS_URL only the node holding the mailbox's lease
 * reads it, so several nodes do not fetch and move the same messages.
 */
@Injectable()
export class MailSources implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailIntake');
  private smtp: SmtpIntakeServer | null = null;
  private imap: ImapMailboxPoller | null = null;
  private imapLease: { readonly redis: IORedis; readonly whileLeading: WhileLeading } | null = null;
  /** The port the SMTP listener took (0 in the settings takes any free one); null without one. */
  smtpPort: number | null = null;

  constructor(
    @Inject(MailIntake) private readonly intake: MailIntake,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const maxMessageBytes = this.config.get('INBOUND_MAIL_MAX_BYTES', { infer: true });
    const port = this.config.get('INBOUND_SMTP_PORT', { infer: true });
    if (port !== undefined) {
      const cert = this.config.get('INBOUND_SMTP_TLS_CERT', { infer: true });
      const key = this.config.get('INBOUND_SMTP_TLS_KEY', { infer: true });
      const host = this.config.get('INBOUND_SMTP_HOST', { infer: true });
      this.smtp = new SmtpIntakeServer(
        {
          host,
          port,
          recipients: inboundSmtpRecipients({
            INBOUND_SMTP_RECIPIENTS: this.config.get('INBOUND_SMTP_RECIPIENTS', { infer: true }),
            MAIL_REPLY_TO: this.config.get('MAIL_REPLY_TO', { infer: true }),
            MAIL_FROM: this.config.get('MAIL_FROM', { infer: true }),
          }),
          maxMessageBytes,
          ...(cert && key ? { tls: { certPath: cert, keyPath: key } } : {}),
        },
        this.intake,
        this.logger,
      );
      try {
        this.smtpPort = (await this.smtp.start()).port;
      } catch (error) {
        this.smtp = null;
        throw smtpRefused(error, { port, host, cert, key }) ?? error;
      }
      this.logger.log(`listening for mail on port ${this.smtpPort}`);
    }
    const url = this.config.get('INBOUND_IMAP_URL', { infer: true });
    if (url) {
      this.imap = new ImapMailboxPoller(
        {
          url,
          doneFolder: this.config.get('INBOUND_IMAP_DONE_FOLDER', { infer: true }),
          pollSeconds: this.config.get('INBOUND_IMAP_POLL_SECONDS', { infer: true }),
          maxMessageBytes,
        },
        this.intake,
        this.logger,
      );
      this.startPolling(this.imap);
    }
  }

  private startPolling(imap: ImapMailboxPoller): void {
    const redisUrl = this.config.get('REDIS_URL', { infer: true });
    if (!redisUrl) return imap.start();
    const ttlMs = this.config.get('WORKER_LEASE_SECONDS', { infer: true }) * 1000;
    const redis = redisClient(redisUrl, { maxRetriesPerRequest: 1 }, 'the mailbox lease');
    const whileLeading = new WhileLeading({
      ...namedLease(redis, this.config.get('DEADLINES_PREFIX', { infer: true }), 'imap', ttlMs),
      log: this.logger,
      start: () => imap.start(),
      stop: () => imap.stop(),
    });
    this.imapLease = { redis, whileLeading };
    whileLeading.run();
  }

  /** Reads the shared mailbox now (tests, and an operator's "check now"); 0 without one. */
  async pollMailbox(): Promise<number> {
    return this.imap ? (await this.imap.pollOnce()).taken : 0;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.imapLease?.whileLeading.stop();
    await this.imapLease?.redis.quit().catch(() => undefined);
    await this.imap?.stop();
    await this.smtp?.stop();
  }
}

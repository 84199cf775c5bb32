import { join } from 'node:path';
import { EmlFileMailTransport } from './eml-file-mail-transport';
import { type MailTransport } from './outgoing-mail';
import { SmtpMailTransport } from './smtp-mail-transport';

/** SMTP when a server is configured; otherwise .eml files in DATA_DIR/outbox (embedded mode). */
export function mailTransportFor(settings: { smtpUrl?: string; dataDir: string }): MailTransport {
  return settings.smtpUrl
    ? new SmtpMailTransport(settings.smtpUrl)
    : new EmlFileMailTransport(join(settings.dataDir, 'outbox'));
}

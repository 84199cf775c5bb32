export type { InboundMailSink, IntakeOutcome, MailEnvelope } from '../inbound-mail-sink';
export type { IntakeLogger } from './intake-logger';
export { complaintsMailbox, inboundSmtpRecipients } from './inbound-smtp-recipients';
export { RecipientAllowList } from './recipient-allow-list';
export { SmtpIntakeServer, type SmtpIntakeServerOptions } from './smtp-intake-server';
export { parseImapMailboxUrl, type ImapMailboxAddress } from './imap-mailbox-url';
export { ImapMailboxPoller, type ImapMailboxPollerOptions } from './imap-mailbox-poller';
export { returnPathOf } from './return-path-of';

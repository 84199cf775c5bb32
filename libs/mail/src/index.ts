export { EmlFileMailTransport } from './eml-file-mail-transport';
export {
  MAIL_TRANSPORT,
  type MailAddress,
  type MailTransport,
  type OutgoingMail,
} from './outgoing-mail';
export { PermanentMailFailure } from './permanent-mail-failure';
export { SmtpMailTransport } from './smtp-mail-transport';
export { mailTransportFor } from './mail-transport-for';
export * from './inbound/sources';
export {
  complaintIdFromMessageIds,
  complaintThreadId,
  MESSAGE_ID_DOMAIN,
  outgoingMessageId,
} from './threading';
export {
  INBOUND_MAIL_SINK,
  type InboundMailSink,
  type IntakeOutcome,
  type MailEnvelope,
} from './inbound/inbound-mail-sink';
export * from './inbound/inbound-mail-events';
export { INBOUND_PARSE_OPTIONS } from './inbound/parse-inbound-mail';
export {
  type AuthResult,
  type DnsResolver,
  type MailAuthentication,
  MailAuthenticator,
  systemDnsResolver,
  trustedRelays,
} from './inbound/mail-authentication';
export {
  MailIntake,
  type MailIntakeDependencies,
  legacyMailIdOf,
  mailIdOf,
  receivedAtOf,
} from './intake/mail-intake';
export { type SchoolContactGiven } from './intake/school-mail-actor';
export { type MailRoute } from './intake/mail-route';

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

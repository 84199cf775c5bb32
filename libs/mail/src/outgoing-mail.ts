export interface MailAddress {
  readonly name: string;
  readonly email: string;
}

/** One message to one person, plain text. */
export interface OutgoingMail {
  /** Stable for the message, so a resend after a crash can be recognised by the recipient's client. */
  readonly messageId: string;
  readonly from: string;
  readonly to: MailAddress;
  readonly subject: string;
  readonly text: string;
  readonly date: Date;
}

/**
 * The port for sending mail: SMTP in production, .eml files in embedded mode. `send` rejects with
 * PermanentMailFailure when sending again cannot help, and otherwise with the error as it came.
 */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const MAIL_TRANSPORT = Symbol('MailTransport');

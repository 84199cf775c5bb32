export interface MailAddress {
  readonly name: string;
  readonly email: string;
}

/** One message to one person: plain text, and the same words as HTML when there is an HTML part. */
export interface OutgoingMail {
  /**
   * Stable for the message (a UUID), so a resend after a crash can be recognised by the
   * recipient's client.
   */
  readonly messageId: string;
  /**
   * The complaint the message is about: its Message-ID names it and it refers to the complaint's
   * thread, so the reader's client threads it and a reply finds its way back. Absent for mail
   * about no complaint (a sign-in link).
   */
  readonly complaintId?: string;
  /** The Message-ID of the email this answers (the school's, for an acknowledgement), if any. */
  readonly inReplyTo?: string;
  readonly from: string;
  /** Where replies go, when not to `from`. */
  readonly replyTo?: string;
  readonly to: MailAddress;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
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

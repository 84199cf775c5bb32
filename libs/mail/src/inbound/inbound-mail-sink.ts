/** Where and how a message reached the engine, as its source saw it. */
export interface MailEnvelope {
  readonly source: 'smtp' | 'imap' | 'upload';
  /**
   * The SMTP MAIL FROM (the return path): '' for the empty path `<>` bounces use; null when the
   * source cannot know it (a message read from a mailbox without a Return-Path header).
   */
  readonly mailFrom: string | null;
  /** The addresses it was delivered to (RCPT TO), when the source knows them. */
  readonly recipients: readonly string[];
  /** The connecting client's IP address and HELO name, for SPF; null when not known. */
  readonly remoteAddress: string | null;
  readonly heloName: string | null;
  /**
   * When the council's own mail system says it got the message, if earlier than the intake
   * reads it: a shared mailbox's INTERNALDATE (the poller reads the mailbox every few minutes).
   */
  readonly deliveredAt?: string;
}

/** What taking a message in did. */
export interface IntakeOutcome {
  /** `duplicate`: a message with this Message-ID was taken in before; nothing was recorded. */
  readonly status: 'recorded' | 'duplicate';
  /** The inbound mail's id (derived from its Message-ID, or from its bytes when it has none). */
  readonly mailId: string;
}

/**
 * The one pipeline every mail source delivers to. `accept` resolves only once the message is
 * recorded (or known to have been), so a source may then acknowledge it (SMTP 250, an IMAP move,
 * an HTTP 202); it rejects when the message could not be recorded now and should be offered again.
 */
export interface InboundMailSink {
  accept(raw: Buffer, envelope: MailEnvelope): Promise<IntakeOutcome>;
}

export const INBOUND_MAIL_SINK = Symbol('InboundMailSink');

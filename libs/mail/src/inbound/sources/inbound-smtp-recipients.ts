/** The bare address in `Name <address>` or `<address>`, or the setting as it is. */
function addressIn(nameAndAddress: string): string {
  const bracketed = /<([^<>]+)>\s*$/.exec(nameAndAddress);
  return (bracketed ? bracketed[1] : nameAndAddress).trim();
}

/**
 * The allow-list entries the settings give: INBOUND_SMTP_RECIPIENTS (comma-separated addresses
 * and domains) when set, or else the one address people reply to (MAIL_REPLY_TO, or MAIL_FROM),
 * since that is the mailbox the council's mail system relays.
 */
export function inboundSmtpRecipients(settings: {
  readonly INBOUND_SMTP_RECIPIENTS?: string;
  readonly MAIL_REPLY_TO?: string;
  readonly MAIL_FROM: string;
}): string[] {
  if (settings.INBOUND_SMTP_RECIPIENTS?.trim()) {
    return settings.INBOUND_SMTP_RECIPIENTS.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
  }
  return [complaintsMailbox(settings)];
}

/** The one address people reply to and write to: MAIL_REPLY_TO's, or else MAIL_FROM's. */
export function complaintsMailbox(settings: {
  readonly MAIL_REPLY_TO?: string;
  readonly MAIL_FROM: string;
}): string {
  return addressIn(settings.MAIL_REPLY_TO?.trim() || settings.MAIL_FROM);
}

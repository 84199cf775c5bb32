import type Database from 'better-sqlite3';
import { type RecordedEvent } from '@sg/event-store';
import { type SentMail } from './inbound-mail-queries';
import { EventByEventProjection } from './event-by-event-projection';

/** The projection's name, as the runner knows it. */
export const SENT_MAIL = 'sent-mail';
/** Each message's delivery is a stream of its own (libs/notifications' delivery record). */
const NOTIFICATION_STREAM = 'notification-';

/** A message sent, as the queries give it, and the complaint it was about. */
interface SentMailRow extends SentMail {
  readonly complaintId: string;
}

/** The message a `NotificationSent` records, when it records its words (those sent since). */
function sentIn(event: RecordedEvent): SentMailRow | null {
  if (event.type !== 'NotificationSent') return null;
  const data = event.data as {
    notificationId: string;
    complaintId: string;
    kind: string;
    sentAt: string;
    to?: { name: string; email: string };
    subject?: string;
    text?: string;
  };
  if (!data.to || typeof data.subject !== 'string' || typeof data.text !== 'string') return null;
  return {
    notificationId: data.notificationId,
    complaintId: data.complaintId,
    kind: data.kind,
    toName: data.to.name,
    toEmail: data.to.email,
    subject: data.subject,
    text: data.text,
    sentAt: data.sentAt,
  };
}

/**
 * Every message the engine sent about a complaint, with its words, so that whoever answers the
 * school's call can read what the school was told. A message is sent once and its record never
 * changes, so each event is a row of its own, and one handed over again changes nothing.
 */
export class SentMailProjection extends EventByEventProjection {
  readonly name = SENT_MAIL;

  private readonly insert;

  constructor(db: Database.Database) {
    super(db, NOTIFICATION_STREAM, 'sent_mail_checkpoint');
    this.insert = db.prepare<SentMailRow>(
      `INSERT OR IGNORE INTO sent_mail
         (notification_id, complaint_id, kind, to_name, to_email, subject, text, sent_at)
       VALUES (@notificationId, @complaintId, @kind, @toName, @toEmail, @subject, @text, @sentAt)`,
    );
  }

  protected write(event: RecordedEvent): void {
    const sent = sentIn(event);
    if (sent) this.insert.run(sent);
  }
}

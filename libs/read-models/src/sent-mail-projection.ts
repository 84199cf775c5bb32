import type Database from 'better-sqlite3';
import { type Position, type RecordedEvent } from '@sg/event-store';
import { type SentMail } from './inbound-mail-queries';
import { ProjectionCheckpoint } from './projection-checkpoint';
import { type ReadModelProjection } from './projection-reaction';

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
  if (event.type !== 'NotificationSent' || !event.stream.startsWith(NOTIFICATION_STREAM))
    return null;
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
export class SentMailProjection implements ReadModelProjection {
  readonly name = SENT_MAIL;
  readonly streamPrefixes = [NOTIFICATION_STREAM];

  private readonly checkpoint: ProjectionCheckpoint;
  private readonly insert;
  private readonly applyBatch;

  constructor(db: Database.Database) {
    this.checkpoint = new ProjectionCheckpoint(db, 'sent_mail_checkpoint');
    this.insert = db.prepare<SentMailRow>(
      `INSERT OR IGNORE INTO sent_mail
         (notification_id, complaint_id, kind, to_name, to_email, subject, text, sent_at)
       VALUES (@notificationId, @complaintId, @kind, @toName, @toEmail, @subject, @text, @sentAt)`,
    );
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) this.write(event);
      this.checkpoint.write(events[events.length - 1].position);
    });
  }

  apply(events: readonly RecordedEvent[]): Promise<void> {
    const mine = events.filter((event) => event.stream.startsWith(NOTIFICATION_STREAM));
    if (mine.length > 0) this.applyBatch(mine);
    return Promise.resolve();
  }

  position(): Position | null {
    return this.checkpoint.read();
  }

  skip(event: RecordedEvent): void {
    this.checkpoint.write(event.position);
  }

  applyLate(event: RecordedEvent): Promise<void> {
    this.write(event);
    return Promise.resolve();
  }

  private write(event: RecordedEvent): void {
    const sent = sentIn(event);
    if (sent) this.insert.run(sent);
  }
}

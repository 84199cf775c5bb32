import type Database from 'better-sqlite3';
import { type InboundMailRow } from './inbound-mail-projection';

/** One message the engine took in, as lists show it. */
export interface InboundMailSummary {
  readonly mailId: string;
  readonly receivedAt: string;
  readonly fromName: string | null;
  readonly fromEmail: string | null;
  readonly subject: string;
  readonly status: InboundMailRow['status'];
  /** Why it waits, was ignored or was set aside; null once filed. */
  readonly reason: string | null;
  readonly complaintId: string | null;
}

const summaryOf = (row: InboundMailRow): InboundMailSummary => ({
  mailId: row.mail_id,
  receivedAt: row.received_at,
  fromName: row.from_name,
  fromEmail: row.from_email,
  subject: row.subject,
  status: row.status,
  reason: row.reason,
  complaintId: row.complaint_id,
});

/** The most a list shows at once; a queue longer than this is a problem of its own. */
const LIST_LIMIT = 200;

/** A message the engine sent about a complaint, as it was sent. */
export interface SentMail {
  readonly notificationId: string;
  readonly kind: string;
  readonly toName: string;
  readonly toEmail: string;
  readonly subject: string;
  readonly text: string;
  readonly sentAt: string;
}

/** Business Support's matching queue, the emails filed on a complaint, and those sent about it. */
export class InboundMailQueries {
  constructor(private readonly source: { readonly db: Database.Database }) {}

  /** How many wait for a person, and since when the oldest: for Business Support's other queue. */
  awaitingMatchCount(): { readonly waiting: number; readonly oldestAt: string | null } {
    const row = this.source.db
      .prepare<[], { waiting: number; oldestAt: string | null }>(
        `SELECT count(*) AS waiting, min(received_at) AS oldestAt FROM inbound_mail
         WHERE status = 'awaiting-match'`,
      )
      .get();
    return row ?? { waiting: 0, oldestAt: null };
  }

  /** Waiting for a person, oldest first. */
  awaitingMatch(): InboundMailSummary[] {
    return this.rows(
      `SELECT * FROM inbound_mail WHERE status = 'awaiting-match'
       ORDER BY received_at, mail_id LIMIT ${LIST_LIMIT}`,
    );
  }

  /** Taken in lately without a person's help: ignored as automatic, or set aside. Newest first. */
  setAside(): InboundMailSummary[] {
    return this.rows(
      `SELECT * FROM inbound_mail WHERE status IN ('ignored', 'discarded')
       ORDER BY received_at DESC, mail_id LIMIT ${LIST_LIMIT}`,
    );
  }

  /** The emails that lodged or answered a complaint, oldest first. */
  ofComplaint(complaintId: string): InboundMailSummary[] {
    return this.rows(
      `SELECT * FROM inbound_mail WHERE complaint_id = ? AND status = 'filed'
       ORDER BY received_at, mail_id LIMIT ${LIST_LIMIT}`,
      complaintId,
    );
  }

  /** The messages the engine sent about a complaint, of the kinds asked for, oldest first. */
  sentOn(complaintId: string, kinds: readonly string[]): SentMail[] {
    if (kinds.length === 0) return [];
    return this.source.db
      .prepare<string[], SentMail>(
        `SELECT notification_id AS notificationId, kind, to_name AS toName, to_email AS toEmail,
           subject, text, sent_at AS sentAt
         FROM sent_mail WHERE complaint_id = ? AND kind IN (${kinds.map(() => '?').join(', ')})
         ORDER BY sent_at, notification_id LIMIT ${LIST_LIMIT}`,
      )
      .all(complaintId, ...kinds);
  }

  one(mailId: string): InboundMailSummary | null {
    return this.rows('SELECT * FROM inbound_mail WHERE mail_id = ?', mailId)[0] ?? null;
  }

  private rows(sql: string, ...params: string[]): InboundMailSummary[] {
    return this.source.db
      .prepare<string[], InboundMailRow>(sql)
      .all(...params)
      .map(summaryOf);
  }
}

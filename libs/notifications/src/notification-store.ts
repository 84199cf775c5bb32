import type Database from 'better-sqlite3';
import { type RoleGrant } from '@sg/complaints';
import { serviceNameOf } from '@sg/directory';
import { type Position, SqliteCheckpointStore } from '@sg/event-store';
import { type Audience, type ComplaintFacts, type Recipient } from './audience';
import { type DeliveryOutcome } from './delivery-record';
import { type EndedMessages } from './messages-of-a-clock';
import { type Notification, type NotificationKind } from './notification';
import { mayBeTurnedOff } from './mail-choices';

/** The notification reactor's name, under which its checkpoint is kept beside its rows. */
export const NOTIFICATION_REACTOR = 'notification-reactor';

/** A notification waiting in the outbox, with how its delivery has gone so far. */
export interface QueuedNotification extends Notification {
  readonly attempts: number;
  readonly nextAttemptAt: string;
}

interface OutboxRow {
  id: string;
  complaint_id: string;
  kind: NotificationKind;
  to_name: string;
  to_email: string;
  subject: string;
  text: string;
  html: string | null;
  in_reply_to: string | null;
  raised_at: string;
  send_after: string;
  attempts: number;
  next_attempt_at: string;
  correlation_id: string | null;
  causation_id: string | null;
}

const fromOutboxRow = (row: OutboxRow): QueuedNotification => ({
  id: row.id,
  complaintId: row.complaint_id,
  kind: row.kind,
  to: { name: row.to_name, email: row.to_email },
  subject: row.subject,
  text: row.text,
  html: row.html ?? '',
  inReplyTo: row.in_reply_to,
  raisedAt: row.raised_at,
  sendAfter: row.send_after,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
});

const ACCOUNTS_TO_RECHECK = 'accounts-to-recheck';

/** A message still to go: not sent, not given up on, not withdrawn. */
const WAITING = 'sent_at IS NULL AND failed_at IS NULL AND withdrawn_at IS NULL';

/** One write of the notification reactor: what it learnt from one event, and the event's position. */
export interface NotificationChanges {
  readonly person?: { personId: string; name: string; email: string };
  /** An account disabled (left the council or the school) or enabled again. */
  readonly account?: { personId: string; disabled: boolean };
  readonly grant?: { personId: string; grant: RoleGrant };
  readonly revoke?: { personId: string; role: RoleGrant['role'] };
  readonly school?: { urn: string; name: string };
  readonly service?: { serviceId: string; name: string };
  readonly mailPreferences?: { personId: string; turnedOff: readonly string[]; at: string };
  readonly complaint?: ComplaintFacts;
  readonly notifications?: readonly Notification[];
  /** What became of a message, as the worker that sent it recorded it. */
  readonly delivery?: DeliveryOutcome & { readonly notificationId: string };
  /** A complaint's messages, not yet sent, that no longer hold: see messagesEndedBy. */
  readonly withdraw?: EndedMessages & { readonly complaintId: string; readonly at: string };
}

/**
 * The notification reactor's SQLite file: who holds which role, what mail each person turned off,
 * what it knows of each complaint, and the outbox, with the reactor's checkpoint written in the
 * same transaction as each change.
 */
export class NotificationStore implements Audience {
  private readonly statements;
  private readonly writeTransaction;
  private readonly writeLateTransaction;
  private readonly checkpoints: SqliteCheckpointStore;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS people (person_id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS grants (
        person_id TEXT NOT NULL, role TEXT NOT NULL, grant_json TEXT NOT NULL, PRIMARY KEY (person_id, role));
      CREATE TABLE IF NOT EXISTS schools (urn TEXT PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS services (service_id TEXT PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS mail_preferences (person_id TEXT PRIMARY KEY, turned_off_json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS complaints (complaint_id TEXT PRIMARY KEY, facts_json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS outbox (
        id TEXT PRIMARY KEY, complaint_id TEXT NOT NULL, kind TEXT NOT NULL,
        to_name TEXT NOT NULL, to_email TEXT NOT NULL, subject TEXT NOT NULL, text TEXT NOT NULL,
        html TEXT, raised_at TEXT NOT NULL, send_after TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, last_error TEXT, sent_at TEXT,
        failed_at TEXT);
    `);
    const columnsOf = (table: string) =>
      db
        .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
        .all(table)
        .map((column) => column.name);
    const columns = columnsOf('outbox');
    // Files made before permanent failures were told apart have no failed_at yet.
    if (!columns.includes('failed_at')) db.exec('ALTER TABLE outbox ADD COLUMN failed_at TEXT');
    // Nor, before mail had an HTML part, html: what they queued goes as plain text alone.
    if (!columns.includes('html')) db.exec('ALTER TABLE outbox ADD COLUMN html TEXT');
    // Nor, before acknowledgements answered the school's email, what they answer.
    if (!columns.includes('in_reply_to')) db.exec('ALTER TABLE outbox ADD COLUMN in_reply_to TEXT');
    // Files made before disabled accounts were left out of mail: see accountsToRecheck. The note
    // stays until the recheck is done, however many starts that takes.
    db.exec('CREATE TABLE IF NOT EXISTS store_notes (note TEXT PRIMARY KEY)');
    if (!columnsOf('people').includes('disabled'))
      db.transaction(() => {
        db.exec('ALTER TABLE people ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0');
        db.prepare('INSERT OR IGNORE INTO store_notes VALUES (?)').run(ACCOUNTS_TO_RECHECK);
      })();
    // Nor, before warnings that no longer held were kept back, when one was.
    if (!columns.includes('withdrawn_at'))
      db.exec('ALTER TABLE outbox ADD COLUMN withdrawn_at TEXT');
    // Nor, before they were withdrawn by revision, the revision a warning warns of (null: any).
    if (!columns.includes('clock_revision'))
      db.exec('ALTER TABLE outbox ADD COLUMN clock_revision INTEGER');
    // Nor, before a message carried the correlation id of its event, that and the event's id.
    if (!columns.includes('correlation_id'))
      db.exec('ALTER TABLE outbox ADD COLUMN correlation_id TEXT');
    if (!columns.includes('causation_id'))
      db.exec('ALTER TABLE outbox ADD COLUMN causation_id TEXT');
    db.exec(`
      DROP INDEX IF EXISTS outbox_waiting;
      CREATE INDEX IF NOT EXISTS outbox_due ON outbox (next_attempt_at)
        WHERE sent_at IS NULL AND failed_at IS NULL;
    `);
    this.checkpoints = new SqliteCheckpointStore(db);
    this.statements = {
      upsertPerson: db.prepare(
        `INSERT INTO people (person_id, name, email) VALUES (@personId, @name, @email)
         ON CONFLICT (person_id) DO UPDATE SET name = excluded.name, email = excluded.email`,
      ),
      upsertGrant: db.prepare(
        `INSERT INTO grants VALUES (?, ?, ?) ON CONFLICT (person_id, role) DO UPDATE SET grant_json = excluded.grant_json`,
      ),
      setDisabled: db.prepare('UPDATE people SET disabled = ? WHERE person_id = ?'),
      peopleIds: db.prepare<[], { person_id: string }>('SELECT person_id FROM people'),
      noted: db.prepare<[string], { note: string }>('SELECT note FROM store_notes WHERE note = ?'),
      unnote: db.prepare('DELETE FROM store_notes WHERE note = ?'),
      deleteGrant: db.prepare('DELETE FROM grants WHERE person_id = ? AND role = ?'),
      upsertSchool: db.prepare(
        'INSERT INTO schools VALUES (?, ?) ON CONFLICT (urn) DO UPDATE SET name = excluded.name',
      ),
      upsertService: db.prepare(
        'INSERT INTO services VALUES (?, ?) ON CONFLICT (service_id) DO UPDATE SET name = excluded.name',
      ),
      upsertMailPreferences: db.prepare(
        `INSERT INTO mail_preferences VALUES (?, ?)
         ON CONFLICT (person_id) DO UPDATE SET turned_off_json = excluded.turned_off_json`,
      ),
      // What the person turned off and is still waiting to go to them (held for the morning).
      withdrawTurnedOff: db.prepare<{ at: string; personId: string; kinds: string }>(
        `UPDATE outbox SET withdrawn_at = @at
         WHERE lower(to_email) IN (SELECT lower(email) FROM people WHERE person_id = @personId)
           AND kind IN (SELECT value FROM json_each(@kinds)) AND ${WAITING}`,
      ),
      upsertComplaint: db.prepare(
        'INSERT INTO complaints VALUES (?, ?) ON CONFLICT (complaint_id) DO UPDATE SET facts_json = excluded.facts_json',
      ),
      insertNotification: db.prepare(
        `INSERT OR IGNORE INTO outbox (id, complaint_id, kind, to_name, to_email, subject, text, html, in_reply_to, raised_at, send_after, next_attempt_at, clock_revision, correlation_id, causation_id)
         VALUES (@id, @complaintId, @kind, @toName, @toEmail, @subject, @text, @html, @inReplyTo, @raisedAt, @sendAfter, @sendAfter, @clockRevision, @correlationId, @causationId)`,
      ),
      sentOfKinds: db.prepare<[string, string, string], { sent: number }>(
        `SELECT 1 AS sent FROM outbox WHERE complaint_id = ? AND to_email = ? COLLATE NOCASE
           AND kind IN (SELECT value FROM json_each(?)) AND sent_at IS NOT NULL LIMIT 1`,
      ),
      boardMembersAtSchool: db.prepare<[string], { person_id: string }>(
        `SELECT board.person_id FROM grants board JOIN grants staff
           ON staff.person_id = board.person_id AND staff.role = 'school-staff'
         WHERE board.role = 'board-member' AND json_extract(staff.grant_json, '$.schoolUrn') = ?`,
      ),
      holders: db.prepare<
        [string],
        { person_id: string; name: string; email: string; grant_json: string }
      >(
        `SELECT people.person_id, people.name, people.email, grants.grant_json FROM grants
         JOIN people USING (person_id) WHERE grants.role = ? AND NOT people.disabled
         ORDER BY people.person_id`,
      ),
      mailTurnedOff: db.prepare<[string], { turned_off_json: string }>(
        'SELECT turned_off_json FROM mail_preferences WHERE person_id = ?',
      ),
      school: db.prepare<[string], { name: string }>('SELECT name FROM schools WHERE urn = ?'),
      service: db.prepare<[string], { name: string }>(
        'SELECT name FROM services WHERE service_id = ?',
      ),
      complaint: db.prepare<[string], { facts_json: string }>(
        'SELECT facts_json FROM complaints WHERE complaint_id = ?',
      ),
      due: db.prepare<[string, number], OutboxRow>(
        // Held for the same morning, messages go in the order their events happened (then the
        // order they were planned in): the school hears "received" before "proposed".
        `SELECT * FROM outbox WHERE ${WAITING} AND next_attempt_at <= ?
         ORDER BY next_attempt_at, raised_at, rowid LIMIT ?`,
      ),
      nextDue: db.prepare<[], { next_attempt_at: string }>(
        `SELECT MIN(next_attempt_at) AS next_attempt_at FROM outbox WHERE ${WAITING}`,
      ),
      markSent: db.prepare('UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?'),
      waiting: db.prepare<[string], { id: string }>(
        `SELECT id FROM outbox WHERE id = ? AND ${WAITING}`,
      ),
      markDelivered: db.prepare(
        `UPDATE outbox SET sent_at = ?, failed_at = ?, last_error = ?
         WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL`,
      ),
      markFailed: db.prepare(
        'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
      ),
      markFailedForGood: db.prepare(
        'UPDATE outbox SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?',
      ),
      withdraw: db.prepare<{
        at: string;
        complaintId: string;
        kinds: string;
        upToRevision: number | null;
        to: string | null;
      }>(
        `UPDATE outbox SET withdrawn_at = @at
         WHERE complaint_id = @complaintId AND kind IN (SELECT value FROM json_each(@kinds))
           AND (@upToRevision IS NULL OR clock_revision IS NULL OR clock_revision <= @upToRevision)
           AND (@to IS NULL OR lower(to_email) IN (SELECT value FROM json_each(@to)))
           AND ${WAITING}`,
      ),
      backlog: db.prepare<
        [string, string],
        {
          waiting: number;
          due: number;
          retrying: number;
          failed: number;
          oldest_due: string | null;
        }
      >(
        `SELECT COUNT(*) FILTER (WHERE ${WAITING}) AS waiting,
           COUNT(*) FILTER (WHERE ${WAITING} AND next_attempt_at <= ?) AS due,
           COUNT(*) FILTER (WHERE ${WAITING} AND attempts > 0) AS retrying,
           COUNT(*) FILTER (WHERE failed_at IS NOT NULL) AS failed,
           MIN(next_attempt_at) FILTER (WHERE ${WAITING} AND next_attempt_at <= ?) AS oldest_due
         FROM outbox`,
      ),
      all: db.prepare<
        [],
        OutboxRow & {
          sent_at: string | null;
          failed_at: string | null;
          last_error: string | null;
          withdrawn_at: string | null;
        }
      >('SELECT * FROM outbox ORDER BY send_after, raised_at, rowid'),
    };
    this.writeTransaction = db.transaction((changes: NotificationChanges, position: Position) => {
      this.apply(changes);
      this.checkpoints.write(NOTIFICATION_REACTOR, position);
    });
    this.writeLateTransaction = db.transaction((changes: readonly NotificationChanges[]) => {
      for (const change of changes) this.apply(change);
    });
  }

  write(changes: NotificationChanges, position: Position): void {
    this.writeTransaction(changes, position);
  }

  /**
   * One event's changes inside a transaction the caller holds (a batch's), without `write`'s
   * savepoint and checkpoint: the caller moves the checkpoint once, after the batch's last event
   * (`skip`), and a failure anywhere rolls the whole batch back.
   */
  writeWithin(changes: NotificationChanges): void {
    this.apply(changes);
  }

  /**
   * What a parked event handed over again calls for, with its stream's own changes replayed around
   * it in order, all at once. The checkpoint is not moved: the reactor is already past the event.
   */
  writeLate(changes: readonly NotificationChanges[]): void {
    this.writeLateTransaction(changes);
  }

  /**
   * Moves the checkpoint past an event the runner parked, or a batch written `writeWithin`,
   * changing nothing else.
   */
  skip(position: Position): void {
    this.checkpoints.write(NOTIFICATION_REACTOR, position);
  }

  private apply(changes: NotificationChanges): void {
    const s = this.statements;
    if (changes.person) s.upsertPerson.run(changes.person);
    if (changes.account)
      s.setDisabled.run(changes.account.disabled ? 1 : 0, changes.account.personId);
    if (changes.grant)
      s.upsertGrant.run(
        changes.grant.personId,
        changes.grant.grant.role,
        JSON.stringify(changes.grant.grant),
      );
    if (changes.revoke) s.deleteGrant.run(changes.revoke.personId, changes.revoke.role);
    if (changes.school) s.upsertSchool.run(changes.school.urn, changes.school.name);
    if (changes.service) s.upsertService.run(changes.service.serviceId, changes.service.name);
    if (changes.mailPreferences) {
      const { personId, turnedOff, at } = changes.mailPreferences;
      s.upsertMailPreferences.run(personId, JSON.stringify(turnedOff));
      s.withdrawTurnedOff.run({
        at,
        personId,
        kinds: JSON.stringify(turnedOff.filter((kind) => mayBeTurnedOff(kind))),
      });
    }
    if (changes.complaint)
      s.upsertComplaint.run(changes.complaint.complaintId, JSON.stringify(changes.complaint));
    if (changes.delivery) {
      const { delivery } = changes;
      s.markDelivered.run(
        delivery.sent ? delivery.at : null,
        delivery.sent ? null : delivery.at,
        delivery.sent ? null : delivery.error,
        delivery.notificationId,
      );
    }
    if (changes.withdraw) {
      const { withdraw } = changes;
      s.withdraw.run({
        at: withdraw.at,
        complaintId: withdraw.complaintId,
        kinds: JSON.stringify(withdraw.kinds),
        upToRevision: withdraw.upToRevision,
        to: withdraw.to ? JSON.stringify(withdraw.to) : null,
      });
    }
    for (const notification of changes.notifications ?? []) {
      s.insertNotification.run({
        id: notification.id,
        complaintId: notification.complaintId,
        kind: notification.kind,
        toName: notification.to.name,
        toEmail: notification.to.email,
        subject: notification.subject,
        text: notification.text,
        html: notification.html,
        inReplyTo: notification.inReplyTo ?? null,
        clockRevision: notification.clockRevision ?? null,
        correlationId: notification.correlationId ?? null,
        causationId: notification.causationId ?? null,
        raisedAt: notification.raisedAt,
        sendAfter: notification.sendAfter,
      });
    }
  }

  /**
   * Whether this file was made before accounts' being disabled was kept: its people are all taken
   * as enabled until each one's record is read again (NotificationReactor.recheckAccounts).
   */
  get accountsToRecheck(): boolean {
    return this.statements.noted.get(ACCOUNTS_TO_RECHECK) !== undefined;
  }

  /** Everyone the file knows, by id. */
  peopleIds(): string[] {
    return this.statements.peopleIds.all().map((row) => row.person_id);
  }

  /** Marks people as disabled or not, from their records read again. */
  setAccounts(accounts: readonly { personId: string; disabled: boolean }[]): void {
    this.db.transaction(() => {
      for (const account of accounts)
        this.statements.setDisabled.run(account.disabled ? 1 : 0, account.personId);
      this.statements.unnote.run(ACCOUNTS_TO_RECHECK);
    })();
  }

  position(): Position | null {
    return this.checkpoints.read(NOTIFICATION_REACTOR);
  }

  complaint(complaintId: string): ComplaintFacts | null {
    const row = this.statements.complaint.get(complaintId);
    return row ? (JSON.parse(row.facts_json) as ComplaintFacts) : null;
  }

  businessSupport(): Recipient[] {
    return this.holdersOf('business-support');
  }

  managersOf(serviceId: string): Recipient[] {
    return this.holdersOf('service-manager', (grant) =>
      grant.role === 'service-manager' ? grant.serviceIds.includes(serviceId) : false,
    );
  }

  boardMembers(): Recipient[] {
    return this.holdersOf('board-member');
  }

  boardChairs(): Recipient[] {
    return this.holdersOf('board-member', (grant) => grant.role === 'board-member' && grant.chair);
  }

  finance(): Recipient[] {
    return this.holdersOf('finance');
  }

  wasSent(complaintId: string, kinds: readonly string[], email: string): boolean {
    return this.statements.sentOfKinds.get(complaintId, email, JSON.stringify(kinds)) !== undefined;
  }

  boardMembersAtSchool(schoolUrn: string): readonly string[] {
    return this.statements.boardMembersAtSchool.all(schoolUrn).map((row) => row.person_id);
  }

  schoolName(urn: string): string | null {
    return this.statements.school.get(urn)?.name ?? null;
  }

  /** A file made before services were followed knows none: the catalogue names those. */
  serviceName(serviceId: string): string {
    return this.statements.service.get(serviceId)?.name ?? serviceNameOf(serviceId);
  }

  mailTurnedOff(personId: string): readonly string[] {
    const row = this.statements.mailTurnedOff.get(personId);
    return row ? (JSON.parse(row.turned_off_json) as string[]) : [];
  }

  /** Notifications whose time has come (and whose last failure has been waited out). */
  due(now: Date, limit: number): QueuedNotification[] {
    return this.statements.due.all(now.toISOString(), limit).map(fromOutboxRow);
  }

  /** When the next unsent notification may go, if there is one. */
  nextDue(): Date | null {
    const next = this.statements.nextDue.get()?.next_attempt_at;
    return next ? new Date(next) : null;
  }

  /** Whether the message is still to go: not sent, given up on or withdrawn since it was read. */
  isWaiting(id: string): boolean {
    return this.statements.waiting.get(id) !== undefined;
  }

  markSent(id: string, at: Date): void {
    this.statements.markSent.run(at.toISOString(), id);
  }

  markFailed(id: string, retryAt: Date, error: string): void {
    this.statements.markFailed.run(retryAt.toISOString(), error, id);
  }

  /** Sending it again cannot help: it stays in the outbox, with why, and is never tried again. */
  markFailedForGood(id: string, at: Date, error: string): void {
    this.statements.markFailedForGood.run(at.toISOString(), error, id);
  }

  /**
   * How many messages wait to go, how many of those are due now, how many have failed at least
   * once, and how many were given up on; and since when the oldest due one has waited. For metrics:
   * counted in SQLite rather than read out, since the outbox keeps every message ever sent.
   */
  backlog(now: Date): {
    waiting: number;
    due: number;
    retrying: number;
    failed: number;
    oldestDueAt: string | null;
  } {
    const at = now.toISOString();
    const row = this.statements.backlog.get(at, at)!;
    return {
      waiting: row.waiting,
      due: row.due,
      retrying: row.retrying,
      failed: row.failed,
      oldestDueAt: row.oldest_due,
    };
  }

  /** Everything in the outbox, sent, waiting or given up on, for operators and tests. */
  outbox(): (Notification & {
    sentAt: string | null;
    failedAt: string | null;
    lastError: string | null;
    withdrawnAt: string | null;
    attempts: number;
  })[] {
    return this.statements.all.all().map((row) => ({
      ...fromOutboxRow(row),
      sentAt: row.sent_at,
      failedAt: row.failed_at,
      lastError: row.last_error,
      withdrawnAt: row.withdrawn_at,
    }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private holdersOf(
    role: RoleGrant['role'],
    matches: (grant: RoleGrant) => boolean = () => true,
  ): Recipient[] {
    return this.statements.holders
      .all(role)
      .filter((row) => matches(JSON.parse(row.grant_json) as RoleGrant))
      .map((row) => ({ personId: row.person_id, name: row.name, email: row.email }));
  }
}

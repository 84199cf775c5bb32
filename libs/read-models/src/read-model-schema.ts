import type Database from 'better-sqlite3';
import { NO_DEADLINE } from './complaint-row';
import { keepReportDays, REPORT_DAYS_TABLE } from './report-days';

/**
 * Kept in the file's `user_version`. A read-model file of another version was built by other code
 * and is never served: the node starts a fresh file and catches up from the first event instead.
 */
export const READ_MODEL_SCHEMA_VERSION = 20;

/**
 * The query side's tables in one SQLite file per node. Times are ISO strings in UTC, which sort
 * as they compare. The checkpoint lives here too (in `checkpoints`), written in the same
 * transaction as the rows.
 *
 * - `complaints` holds what lists filter, sort and show. A complaint's whole state (its view)
 *   and its timeline are not copied here: they are folded from, and read from, its own stream in
 *   the store, up to the revision its row reflects.
 * - `report_facts` is appended in event order, with no key to keep (no event is applied twice);
 *   the reports read a year of one kind of fact from one range of an index that covers them.
 * - `report_days` counts those facts by day, kept by triggers on `report_facts` (report-days.ts).
 * - `payment_references` holds each payment's reference as finance gave it (trimmed, spaces
 *   single, upper case) and its complaint, so that the same reference given again is noticed.
 * - `fee_agreements` holds each contract and booking with its fees and what is committed against
 *   them (reserved and spent), for listing a school's, by service. Its projection keeps its
 *   checkpoint in `fee_agreements_checkpoint`, beside the rows, written with them.
 * - `inbound_mail` holds each message the engine took in, where it went and why, for Business
 *   Support's matching queue and a complaint's list of emails; `inbound_mail_checkpoint` beside it.
 * - `school_names` holds each school's latest name, and `school_search` indexes it, so that a
 *   search finds a school's complaints by its name; `school_names_checkpoint` beside them.
 */
export function createReadModelSchema(
  db: Database.Database,
  options: { readonly indexes?: boolean } = {},
): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS complaints (
      complaint_id TEXT PRIMARY KEY, reference TEXT NOT NULL, school_urn TEXT NOT NULL,
      service_id TEXT, status TEXT NOT NULL, channel TEXT NOT NULL, summary TEXT NOT NULL,
      lodged_at TEXT NOT NULL, referred_at TEXT,
      active_clock TEXT, active_due_date TEXT, active_deadline TEXT, active_warning_at TEXT,
      queue_deadline TEXT NOT NULL, service_queue_rank INTEGER NOT NULL,
      triage_deadline TEXT, board_deadline TEXT, proposal_status TEXT, closed_at TEXT,
      revision INTEGER NOT NULL, case_officer_id TEXT, logged_by TEXT, logged_role TEXT,
      reroute_asked_at TEXT);
    CREATE VIRTUAL TABLE IF NOT EXISTS complaint_search USING fts5(
      complaint_id UNINDEXED, council_only UNINDEXED, reference, summary, details, notes, contact,
      tokenize = 'porter unicode61');
    CREATE TABLE IF NOT EXISTS report_facts (
      complaint_id TEXT NOT NULL, revision INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL,
      service_id TEXT, channel TEXT, outcome TEXT, within_target INTEGER, working_days INTEGER,
      amount_pence INTEGER, recorded_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS payment_references (
      reference_key TEXT NOT NULL, complaint_id TEXT NOT NULL,
      PRIMARY KEY (reference_key, complaint_id));
    CREATE TABLE IF NOT EXISTS fee_agreements (
      kind TEXT NOT NULL, agreement_id TEXT NOT NULL, school_urn TEXT NOT NULL,
      service_id TEXT NOT NULL, description TEXT NOT NULL, fees_paid_pence INTEGER NOT NULL,
      committed_pence INTEGER NOT NULL, revision INTEGER NOT NULL,
      PRIMARY KEY (kind, agreement_id));
    CREATE TABLE IF NOT EXISTS fee_agreements_checkpoint (
      id INTEGER PRIMARY KEY CHECK (id = 1), commit_position INTEGER NOT NULL,
      prepare_position INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS inbound_mail (
      mail_id TEXT PRIMARY KEY, received_at TEXT NOT NULL, from_name TEXT, from_email TEXT,
      subject TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, complaint_id TEXT,
      school_urn TEXT, revision INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS inbound_mail_checkpoint (
      id INTEGER PRIMARY KEY CHECK (id = 1), commit_position INTEGER NOT NULL,
      prepare_position INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS school_names (
      urn TEXT PRIMARY KEY, name TEXT NOT NULL, revision INTEGER NOT NULL);
    CREATE VIRTUAL TABLE IF NOT EXISTS school_search USING fts5(
      urn UNINDEXED, name, tokenize = 'unicode61 remove_diacritics 2');
    CREATE TABLE IF NOT EXISTS school_names_checkpoint (
      id INTEGER PRIMARY KEY CHECK (id = 1), commit_position INTEGER NOT NULL,
      prepare_position INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS sent_mail (
      notification_id TEXT PRIMARY KEY, complaint_id TEXT NOT NULL, kind TEXT NOT NULL,
      to_name TEXT NOT NULL, to_email TEXT NOT NULL, subject TEXT NOT NULL, text TEXT NOT NULL,
      sent_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS sent_mail_checkpoint (
      id INTEGER PRIMARY KEY CHECK (id = 1), commit_position INTEGER NOT NULL,
      prepare_position INTEGER NOT NULL);
    ${REPORT_DAYS_TABLE}
  `);
  db.pragma(`user_version = ${READ_MODEL_SCHEMA_VERSION}`);
  if (options.indexes ?? true) createReadModelIndexes(db);
}

/** The schema version a read-model file was made with; 0 for a file with nothing in it yet. */
export const readModelSchemaVersionOf = (db: Database.Database): number =>
  db.pragma('user_version', { simple: true }) as number;

/**
 * The indexes the queries use, and the report's day counts. A rebuild makes them once the rows are
 * in, which is faster; the projection itself never reads through them.
 */
export function createReadModelIndexes(db: Database.Database): void {
  db.exec(`
    CREATE INDEX IF NOT EXISTS complaints_by_status ON complaints (status, lodged_at, complaint_id);
    CREATE INDEX IF NOT EXISTS complaints_service_queue ON complaints (service_id, service_queue_rank, queue_deadline, lodged_at, complaint_id) WHERE status <> 'closed';
    CREATE INDEX IF NOT EXISTS complaints_by_status_deadline ON complaints (status, queue_deadline, lodged_at, complaint_id);
    CREATE INDEX IF NOT EXISTS complaints_by_school ON complaints (school_urn, lodged_at, complaint_id);
    CREATE INDEX IF NOT EXISTS complaints_by_lodging ON complaints (lodged_at, complaint_id);
    CREATE INDEX IF NOT EXISTS complaints_logged_by ON complaints (logged_by) WHERE logged_by IS NOT NULL;
    CREATE INDEX IF NOT EXISTS complaints_open_until ON complaints (ifnull(closed_at, '${NO_DEADLINE}'), lodged_at, complaint_id);
    CREATE INDEX IF NOT EXISTS report_facts_by_kind ON report_facts (kind, at, service_id, channel, outcome, within_target, working_days, amount_pence) WHERE kind <> 'assigned';
    CREATE INDEX IF NOT EXISTS report_facts_recorded_late ON report_facts (at, recorded_at) WHERE recorded_at > at AND kind <> 'assigned';
    CREATE INDEX IF NOT EXISTS report_facts_assignments ON report_facts (complaint_id, at, revision, service_id) WHERE kind = 'assigned';
    CREATE INDEX IF NOT EXISTS fee_agreements_by_school ON fee_agreements (school_urn, service_id, kind, agreement_id);
    CREATE INDEX IF NOT EXISTS complaints_by_reference ON complaints (reference);
    CREATE INDEX IF NOT EXISTS inbound_mail_by_status ON inbound_mail (status, received_at, mail_id);
    CREATE INDEX IF NOT EXISTS inbound_mail_by_complaint ON inbound_mail (complaint_id, received_at) WHERE complaint_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS sent_mail_by_complaint ON sent_mail (complaint_id, sent_at);
  `);
  keepReportDays(db);
}

import type Database from 'better-sqlite3';

/**
 * The query side's tables in one SQLite file per node. Times are ISO strings in UTC, which sort
 * as they compare. The checkpoint lives here too (in `checkpoints`), written in the same transaction as the rows.
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
      queue_deadline TEXT NOT NULL,
      triage_deadline TEXT, board_deadline TEXT, proposal_status TEXT, closed_at TEXT,
      revision INTEGER NOT NULL, state_json TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS timeline (
      complaint_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
      by_id TEXT NOT NULL, by_role TEXT NOT NULL, recorded_at TEXT NOT NULL, details_json TEXT NOT NULL,
      council_only INTEGER NOT NULL, PRIMARY KEY (complaint_id, revision));
    CREATE VIRTUAL TABLE IF NOT EXISTS complaint_search USING fts5(
      complaint_id UNINDEXED, council_only UNINDEXED, reference, summary, details, notes,
      tokenize = 'porter unicode61');
    CREATE TABLE IF NOT EXISTS report_facts (
      complaint_id TEXT NOT NULL, revision INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL,
      service_id TEXT, channel TEXT, outcome TEXT, within_target INTEGER, working_days INTEGER,
      amount_pence INTEGER, PRIMARY KEY (complaint_id, revision, kind));
  `);
  if (options.indexes ?? true) createReadModelIndexes(db);
}

/**
 * The indexes the queries use, the report's covering every column it reads so a year of facts is
 * read from the index alone. A rebuild creates them once the rows are in, which is faster.
 */
export function createReadModelIndexes(db: Database.Database): void {
  db.exec(`
    CREATE INDEX IF NOT EXISTS complaints_by_status ON complaints (status, lodged_at, complaint_id);
    CREATE INDEX IF NOT EXISTS complaints_service_queue ON complaints (service_id, queue_deadline, lodged_at, complaint_id) WHERE status <> 'closed';
    CREATE INDEX IF NOT EXISTS complaints_by_status_deadline ON complaints (status, queue_deadline, lodged_at, complaint_id);
    CREATE INDEX IF NOT EXISTS complaints_by_school ON complaints (school_urn, lodged_at, complaint_id);
    CREATE INDEX IF NOT EXISTS complaints_by_lodging ON complaints (lodged_at, complaint_id);
    CREATE INDEX IF NOT EXISTS report_facts_by_kind ON report_facts (kind, at, service_id, channel, outcome, within_target, working_days, amount_pence, complaint_id);
    CREATE INDEX IF NOT EXISTS report_facts_by_complaint ON report_facts (complaint_id, kind, at, revision, service_id);
  `);
}

import type Database from 'better-sqlite3';

/**
 * A year's report reads the facts of a year: hundreds of thousands of rows for a county's
 * hundred thousand complaints. `report_days` keeps their counts by UTC day, service, channel,
 * outcome and working days, kept by triggers on `report_facts` in the same transaction as the
 * facts (on every path that writes them: live, late and rebuilt), so a report adds up a few
 * thousand day rows and reads only the hours at its edges from the facts themselves.
 *
 * Key columns hold '' and -1 for "none": SQLite's primary keys treat NULLs as all different.
 */
const KEY = `kind, day, service_id, channel, outcome, working_days`;

const KEY_OF = (row: 'NEW' | 'OLD') =>
  `${row}.kind, substr(${row}.at, 1, 10), ifnull(${row}.service_id, ''), ifnull(${row}.channel, ''),
   ifnull(${row}.outcome, ''), ifnull(${row}.working_days, -1)`;

const MATCHES_OLD = `kind = OLD.kind AND day = substr(OLD.at, 1, 10)
  AND service_id = ifnull(OLD.service_id, '') AND channel = ifnull(OLD.channel, '')
  AND outcome = ifnull(OLD.outcome, '') AND working_days = ifnull(OLD.working_days, -1)`;

export const REPORT_DAYS_TABLE = `
  CREATE TABLE IF NOT EXISTS report_days (
    kind TEXT NOT NULL, day TEXT NOT NULL, service_id TEXT NOT NULL, channel TEXT NOT NULL,
    outcome TEXT NOT NULL, working_days INTEGER NOT NULL, n INTEGER NOT NULL,
    within INTEGER NOT NULL, pence INTEGER NOT NULL,
    PRIMARY KEY (${KEY})) WITHOUT ROWID;`;

const TRIGGERS = `
  CREATE TRIGGER report_days_add AFTER INSERT ON report_facts WHEN NEW.kind <> 'assigned' BEGIN
    INSERT INTO report_days (${KEY}, n, within, pence)
    VALUES (${KEY_OF('NEW')}, 1, ifnull(NEW.within_target, 0), ifnull(NEW.amount_pence, 0))
    ON CONFLICT (${KEY}) DO UPDATE SET
      n = n + 1, within = within + excluded.within, pence = pence + excluded.pence;
  END;
  CREATE TRIGGER report_days_remove AFTER DELETE ON report_facts WHEN OLD.kind <> 'assigned' BEGIN
    UPDATE report_days SET n = n - 1, within = within - ifnull(OLD.within_target, 0),
      pence = pence - ifnull(OLD.amount_pence, 0)
    WHERE ${MATCHES_OLD};
    DELETE FROM report_days WHERE ${MATCHES_OLD} AND n = 0;
  END;`;

/**
 * Keeps `report_days` from now on, filling it first from the facts already there (a rebuild
 * writes the facts before it asks for this, as it does for the indexes).
 */
export function keepReportDays(db: Database.Database): void {
  const kept = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'report_days_add'`)
    .get();
  if (kept) return;
  db.transaction(() => {
    db.exec(`DELETE FROM report_days;
      INSERT INTO report_days (${KEY}, n, within, pence)
      SELECT kind, substr(at, 1, 10), ifnull(service_id, ''), ifnull(channel, ''), ifnull(outcome, ''),
        ifnull(working_days, -1), COUNT(*), SUM(ifnull(within_target, 0)), SUM(ifnull(amount_pence, 0))
      FROM report_facts WHERE kind <> 'assigned'
      GROUP BY 1, 2, 3, 4, 5, 6;`);
    db.exec(TRIGGERS);
  })();
}

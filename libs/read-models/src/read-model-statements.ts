import type Database from 'better-sqlite3';

/**
 * The read model's SQL, prepared once per file in service (a finished rebuild swaps the file under
 * the queries), and the rows of the lists people ask for again and again, kept until anything is
 * next committed to that file: a manager's queue refreshed every few seconds is read from SQLite
 * once per change, not once per request.
 */
export class ReadModelStatements {
  private statements = new Map<string, Database.Statement>();
  private rows = new Map<string, readonly unknown[]>();
  private of: Database.Database | null = null;
  private rowsMark = '';

  constructor(
    private readonly source: { readonly db: Database.Database },
    /** Filters make a few hundred shapes and pages at most; the bounds only guard against surprises. */
    private readonly limits = { statements: 1_000, lists: 2_000 },
  ) {}

  prepare<Params extends unknown[], Result>(sql: string): Database.Statement<Params, Result> {
    const db = this.source.db;
    if (this.of !== db || this.statements.size >= this.limits.statements) {
      this.statements = new Map();
      this.rows = new Map();
      this.of = db;
    }
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = db.prepare(sql)));
    return statement as Database.Statement<Params, Result>;
  }

  /**
   * The rows of `sql` with `params`, as they were when last read if nothing has been committed to
   * the file since. The caller must not change them.
   */
  all<Result>(sql: string, params: readonly unknown[]): readonly Result[] {
    // Read before the query: a commit that lands between the two leaves an older mark on newer
    // rows, which only costs one more read.
    const mark = this.changeMark();
    if (mark !== this.rowsMark || this.rows.size >= this.limits.lists) {
      this.rows = new Map();
      this.rowsMark = mark;
    }
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    let rows = this.rows.get(key) as readonly Result[] | undefined;
    if (!rows) this.rows.set(key, (rows = this.prepare<unknown[], Result>(sql).all(...params)));
    return rows;
  }

  /**
   * Moves whenever a transaction commits to the file: data_version counts other connections'
   * commits (another process, the CLI), total_changes() this connection's own (the projections).
   */
  private changeMark(): string {
    const version = this.prepare<[], number>('PRAGMA data_version').pluck().get();
    const changes = this.prepare<[], number>('SELECT total_changes()').pluck().get();
    return `${version}:${changes}`;
  }
}

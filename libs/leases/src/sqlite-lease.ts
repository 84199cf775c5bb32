import Database from 'better-sqlite3';
import { type Lease } from './lease';

/**
 * A lease in a SQLite file, for processes on one host that share a data directory with no Redis
 * between them (an API that runs its worker in process beside a separate worker, by mistake or
 * while one takes over from the other): each step is one immediate transaction, so two processes
 * never both find the lease free. Time is the host's clock, which every holder shares.
 */
export class SqliteLease implements Lease {
  private readonly db: Database.Database;
  readonly keptIn: string;

  constructor(
    file: string,
    readonly key: string,
    readonly holder: string,
    readonly ttlMs: number,
    /** Whether a holder has surely let go before its lease ran out (its process is gone). */
    private readonly isGone: (holder: string) => boolean = () => false,
    private readonly now: () => number = Date.now,
  ) {
    this.keptIn = `the lease file ${file}`;
    this.db = new Database(file, { timeout: 5_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS leases (key TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL)',
    );
  }

  tryAcquire(): Promise<boolean> {
    return this.step(() => {
      const now = this.now();
      this.db.prepare('DELETE FROM leases WHERE key = ? AND expires_at <= ?').run(this.key, now);
      const held = this.db.prepare('SELECT holder FROM leases WHERE key = ?').get(this.key) as
        { holder: string } | undefined;
      if (held && held.holder !== this.holder && this.isGone(held.holder))
        this.db
          .prepare('DELETE FROM leases WHERE key = ? AND holder = ?')
          .run(this.key, held.holder);
      this.db
        .prepare('INSERT OR IGNORE INTO leases (key, holder, expires_at) VALUES (?, ?, ?)')
        .run(this.key, this.holder, now + this.ttlMs);
      return this.extend(now);
    });
  }

  renew(): Promise<boolean> {
    return this.step(() => this.extend(this.now()));
  }

  release(): Promise<void> {
    return this.step(() => {
      this.db.prepare('DELETE FROM leases WHERE key = ? AND holder = ?').run(this.key, this.holder);
    });
  }

  currentHolder(): Promise<string | null> {
    return this.step(() => {
      const row = this.db
        .prepare('SELECT holder FROM leases WHERE key = ? AND expires_at > ?')
        .get(this.key, this.now()) as { holder: string } | undefined;
      return row?.holder ?? null;
    });
  }

  close(): void {
    this.db.close();
  }

  /** Extends the lease only for this holder, and only while it has not run out. */
  private extend(now: number): boolean {
    return (
      this.db
        .prepare('UPDATE leases SET expires_at = ? WHERE key = ? AND holder = ? AND expires_at > ?')
        .run(now + this.ttlMs, this.key, this.holder, now).changes === 1
    );
  }

  private step<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(this.db.transaction(work).immediate());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type SqliteSynchronous = 'FULL' | 'NORMAL';

export interface SqliteDatabaseOptions {
  /** FULL (the default) makes every acknowledged commit survive a power cut; NORMAL, only a crash. */
  readonly synchronous?: SqliteSynchronous;
  readonly busyTimeoutMs?: number;
  /** Bytes per page, for a file made now; a file that exists keeps the size it was made with. */
  readonly pageSize?: number;
}

/**
 * Pages the write-ahead log takes before they are copied back into the file (SQLite's default is
 * 1,000: 4 MB). Events' ids and streams are random keys, so each commit rewrites index pages all
 * over the file; copied back less often, a page rewritten by many commits is copied (and synced)
 * once. The 40,000 events of 10,000 escalations appended in 1.1 s rather than 1.4 s on a quiet
 * machine (1.85 s rather than 3.0 s beside other work) at 4,000 pages, 16 MB of log, which a
 * checkpoint then copies in one go; docs/decisions/0025.
 */
export const WAL_PAGES_BETWEEN_CHECKPOINTS = 4_000;

/** The pragmas every SQLite file of the engine is opened with; benchmarks use the same ones. */
export function openSqliteDatabase(
  file: string,
  options: SqliteDatabaseOptions = {},
): { db: Database.Database; path: string | null } {
  const inMemory = file === ':memory:';
  const path = inMemory ? null : resolve(file);
  if (path) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path ?? ':memory:');
  try {
    // Only takes effect before the first write, and so before the switch to WAL.
    if (options.pageSize) db.pragma(`page_size = ${options.pageSize}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma(`wal_autocheckpoint = ${WAL_PAGES_BETWEEN_CHECKPOINTS}`);
  } catch (error) {
    // A file that is no database, or not ours to write: not left open by the attempt.
    db.close();
    throw error;
  }
  return { db, path };
}

/**
 * A file the engine derives from the event store and can make again from it: a read model, the
 * notification outbox, the running clocks. It is opened with `synchronous=NORMAL` (in WAL mode):
 * a commit does not wait for the disk, and only a power cut or a crash of the operating system
 * (not a crash of the process) can take the last commits back. Every such file commits its
 * reaction's checkpoint in the same transaction as its rows, so what is taken back is rows and
 * checkpoint together: the reaction resumes from the older checkpoint and handles those events
 * again from the event store, which stays `FULL` (a reaction only ever sees events the store has
 * made durable). So nothing may go in such a file that those events cannot make again, unless
 * losing it is harmless: not parked events (the node's checkpoints file, `FULL`, records them
 * before a reaction goes past them); the outbox's "sent" marks may, since losing one sends a
 * message again under the same Message-ID, as a crash between sending and marking already could.
 * See docs/decisions/0016-reactions-commit-batches-without-waiting-for-the-disk.md.
 */
export function openDerivedSqliteDatabase(
  file: string,
  options: Omit<SqliteDatabaseOptions, 'synchronous'> = {},
): { db: Database.Database; path: string | null } {
  return openSqliteDatabase(file, { ...options, synchronous: 'NORMAL' });
}

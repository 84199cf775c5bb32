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

/** The pragmas every SQLite file of the engine is opened with; benchmarks use the same ones. */
export function openSqliteDatabase(
  file: string,
  options: SqliteDatabaseOptions = {},
): { db: Database.Database; path: string | null } {
  const inMemory = file === ':memory:';
  const path = inMemory ? null : resolve(file);
  if (path) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path ?? ':memory:');
  // Only takes effect before the first write, and so before the switch to WAL.
  if (options.pageSize) db.pragma(`page_size = ${options.pageSize}`);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  return { db, path };
}

import Database from 'better-sqlite3';
import { CommandRefused } from '../command-refused';

/**
 * A consistent copy of a live SQLite file: `VACUUM INTO` reads it in one read transaction, which in
 * WAL mode neither waits for the engine's writers nor holds them up, and writes a compact file of
 * what was committed when it began. The copy is then checked (`quick_check`).
 */
export function snapshotSqliteFile(source: string, target: string): void {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('VACUUM INTO ?').run(target);
  } finally {
    db.close();
  }
  requireSoundSqliteFile(target);
}

/** Refuses a file SQLite finds damaged. */
export function requireSoundSqliteFile(file: string): void {
  const db = new Database(file, { fileMustExist: true, readonly: true });
  try {
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new CommandRefused(`${file} is damaged: ${String(result)}`);
  } finally {
    db.close();
  }
}

/** How many events an `events.sqlite` file holds. */
export function sqliteEventCount(file: string): number {
  const db = new Database(file, { fileMustExist: true, readonly: true });
  try {
    return db.prepare<[], { count: number }>('SELECT count(*) AS count FROM events').get()!.count;
  } finally {
    db.close();
  }
}

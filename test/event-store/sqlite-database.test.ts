import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDerivedSqliteDatabase, openSqliteDatabase } from '@sg/event-store';

describe('opening the engine’s SQLite files', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sg-sqlite-files-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const modes = (db: Database.Database) => [
    db.pragma('journal_mode', { simple: true }),
    db.pragma('synchronous', { simple: true }),
  ];

  it('waits for the disk at every commit of the store, and of a derived file only at checkpoints', () => {
    const store = openSqliteDatabase(join(directory, 'events.sqlite')).db;
    const derived = openDerivedSqliteDatabase(join(directory, 'read-models.sqlite'), {
      pageSize: 16_384,
    }).db;
    // 2 is FULL, 1 NORMAL.
    expect(modes(store)).toEqual(['wal', 2]);
    expect(modes(derived)).toEqual(['wal', 1]);
    expect(derived.pragma('page_size', { simple: true })).toBe(16_384);
    store.close();
    derived.close();
  });
});

import { openDerivedSqliteDatabase } from '@sg/event-store';
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  createReadModelSchema,
  READ_MODEL_SCHEMA_VERSION,
  readModelSchemaVersionOf,
} from './read-model-schema';

/** Names the read-model file in service; replaced atomically when a rebuild finishes. */
const POINTER = 'read-models.current';
const FIRST = 'read-models.sqlite';
/**
 * A complaint's folded state is about 2 KB: on the default 4 KB pages one fits a page with half
 * of it empty, on 16 KB pages seven do, which makes the file a quarter smaller and a rebuild quicker.
 */
const PAGE_SIZE = 16_384;

/** The file the node's read model is in now. */
export function currentReadModelFile(dataDir: string): string {
  const pointer = join(dataDir, POINTER);
  const name = existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : FIRST;
  return join(dataDir, basename(name));
}

/** Makes `file` the read model in service, in one rename: a reader sees the old or the new. */
export function publishReadModelFile(dataDir: string, file: string): void {
  const aside = join(dataDir, `.${POINTER}.${randomBytes(4).toString('hex')}`);
  writeFileSync(aside, basename(file));
  renameSync(aside, join(dataDir, POINTER));
}

export const freshReadModelFile = (dataDir: string, now: Date) =>
  join(
    dataDir,
    `read-models-${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}.sqlite`,
  );

/**
 * A read-model file commits without waiting for the disk (`synchronous=NORMAL`): its checkpoints
 * commit with its rows, so a power cut takes both back together and the projection folds those
 * events again from the store (see `openDerivedSqliteDatabase`).
 */
export function openReadModelFile(
  file: string,
  options: { readonly indexes?: boolean } = {},
): Database.Database {
  const { db } = openDerivedSqliteDatabase(file, { pageSize: PAGE_SIZE });
  createReadModelSchema(db, options);
  return db;
}

export interface ServingReadModel {
  readonly file: string;
  readonly db: Database.Database;
  /** The file in service was of another schema version, so serving starts again from empty. */
  readonly restarted: boolean;
}

/**
 * Opens the read model in service. One made by code with another schema is set aside for a fresh,
 * empty file (published in its place), which the projection fills from the first event.
 */
export function openServingReadModel(dataDir: string, now: Date): ServingReadModel {
  const file = currentReadModelFile(dataDir);
  let db: Database.Database | undefined;
  try {
    db = openDerivedSqliteDatabase(file, { pageSize: PAGE_SIZE }).db;
    const version = readModelSchemaVersionOf(db);
    const empty =
      version === 0 && db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get() === undefined;
    if (version === READ_MODEL_SCHEMA_VERSION || empty) {
      createReadModelSchema(db);
      return { file, db, restarted: false };
    }
  } catch (error) {
    // Not left open: a node that tries again must not run out of file handles doing so.
    if (db?.open) db.close();
    throw new Error(
      `cannot open the read model ${file} (${error instanceof Error ? error.message : String(error)}): give it to the engine's user, or remove it and read-models.current, and a new one fills from the events`,
      { cause: error },
    );
  }
  db.close();
  const fresh = freshReadModelFile(dataDir, now);
  const freshDb = openReadModelFile(fresh);
  publishReadModelFile(dataDir, fresh);
  removeReadModelFile(file);
  return { file: fresh, db: freshDb, restarted: true };
}

/** Removes a read-model file and its WAL companions. */
export function removeReadModelFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

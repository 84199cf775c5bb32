import { openSqliteDatabase } from '@sg/event-store';
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createReadModelSchema } from './read-model-schema';

/** Names the read-model file in service; replaced atomically when a rebuild finishes. */
const POINTER = 'read-models.current';
const FIRST = 'read-models.sqlite';

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

export function openReadModelFile(
  file: string,
  options: { readonly indexes?: boolean } = {},
): Database.Database {
  const { db } = openSqliteDatabase(file);
  createReadModelSchema(db, options);
  return db;
}

/** Removes a read-model file and its WAL companions. */
export function removeReadModelFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

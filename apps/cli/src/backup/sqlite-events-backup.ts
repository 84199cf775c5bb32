import { constants, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CommandRefused } from '../command-refused';
import { sqliteEventsFile } from '../stores/engine-files';
import { type BackedUpEvents } from './backup-manifest';
import { syncFile } from './durable-files';
import { requireSoundSqliteFile, snapshotSqliteFile, sqliteEventCount } from './sqlite-snapshot';
import { makeFolders } from './make-folders';

const FILE = 'events.sqlite';

/**
 * The embedded store as it was when the copy began: every event committed by then, which is a
 * prefix of the store's order (SQLite has one writer at a time), while the engine goes on appending.
 */
export function backUpSqliteEvents(dataDir: string, folder: string): BackedUpEvents {
  const source = sqliteEventsFile(dataDir);
  const target = join(folder, FILE);
  snapshotSqliteFile(source, target);
  syncFile(target);
  return { file: FILE, count: sqliteEventCount(target) };
}

/** Refuses before anything is written when DATA_DIR has no store to back up. */
export function requireSqliteEvents(dataDir: string): void {
  const file = sqliteEventsFile(dataDir);
  if (!existsSync(file))
    throw new CommandRefused(
      `There is no event store at ${file} (DATA_DIR is the folder of events.sqlite).`,
    );
}

/**
 * Puts the backed-up store in place under a temporary name first, and renames it only once it is
 * whole and holds the events the backup counted, so an engine started meanwhile never opens half a
 * file.
 */
export function restoreSqliteEvents(
  folder: string,
  events: BackedUpEvents,
  dataDir: string,
): number {
  const source = join(folder, events.file);
  requireSoundSqliteFile(source);
  makeFolders(dataDir);
  const partial = join(dataDir, `.${FILE}.restoring`);
  copyFileSync(source, partial, constants.COPYFILE_EXCL);
  syncFile(partial);
  const count = sqliteEventCount(partial);
  if (count !== events.count) {
    rmSync(partial, { force: true });
    throw new CommandRefused(
      `${source} holds ${count} events, but the backup counted ${events.count} when it was taken: it has changed since.`,
    );
  }
  renameSync(partial, sqliteEventsFile(dataDir));
  syncFile(dataDir);
  return count;
}

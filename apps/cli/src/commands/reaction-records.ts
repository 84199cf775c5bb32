import {
  checkpointDatabaseFile,
  openSqliteDatabase,
  SqliteParkedEventStore,
  SqliteReactionProgressStore,
} from '@sg/event-store';
import { existsSync } from 'node:fs';

export interface ReactionRecords {
  readonly file: string;
  readonly parked: SqliteParkedEventStore;
  readonly progress: SqliteReactionProgressStore;
  close(): void;
}

/**
 * The node-local file in which the engine's runners record parked events and their reactions'
 * progress, shared with them through SQLite's locking; null when no runner has used DATA_DIR.
 */
export function openReactionRecords(dataDir: string): ReactionRecords | null {
  const file = checkpointDatabaseFile(dataDir);
  if (!existsSync(file)) return null;
  const { db } = openSqliteDatabase(file);
  return {
    file,
    parked: new SqliteParkedEventStore(db),
    progress: new SqliteReactionProgressStore(db),
    close: () => db.close(),
  };
}

import { createEventStore, type EventStore, type EventStoreSettings } from '@sg/event-store';
import { existsSync } from 'node:fs';
import { CommandRefused } from '../command-refused';
import { POSTGRES_EVENTS_TABLE, sqliteEventsFile } from '../stores/engine-files';
import { connectToPostgres, postgresEventCount } from '../stores/postgres-connection';
import { PostgresStoredRows } from './postgres-stored-rows';
import { SqliteStoredRows } from './sqlite-stored-rows';
import { type StoredRows } from './stored-rows';

export interface StoreToVerify {
  /** Which store, for the report's first line. */
  readonly description: string;
  readonly store: EventStore;
  readonly rows: StoredRows | null;
  close(): Promise<void>;
}

const open = (settings: EventStoreSettings) =>
  createEventStore(settings, {
    log: () => undefined,
    warn: (message) => process.stderr.write(`${String(message)}\n`),
  });

/**
 * The store the settings choose, as the engine opens it, with its table read directly where the
 * CLI can (SQLite, PostgreSQL). A store that is not there is refused: opening it through the
 * adapter would make an empty one, and an empty store has no problems to find.
 */
export async function openStoreToVerify(settings: EventStoreSettings): Promise<StoreToVerify> {
  if (settings.EVENT_STORE === 'sqlite') {
    const file = sqliteEventsFile(settings.DATA_DIR);
    if (!existsSync(file))
      throw new CommandRefused(
        `There is no event store at ${file} (DATA_DIR is the folder of events.sqlite).`,
      );
    const store = open(settings);
    const rows = new SqliteStoredRows(file);
    return {
      description: `the SQLite event store at ${file}`,
      store,
      rows,
      close: async () => {
        await rows.close();
        await store.close();
      },
    };
  }
  if (settings.EVENT_STORE === 'postgres') {
    const client = await connectToPostgres(settings.DATABASE_URL!);
    if ((await postgresEventCount(client)) === null) {
      await client.end();
      throw new CommandRefused(
        `The database DATABASE_URL names has no event store (no table ${POSTGRES_EVENTS_TABLE}).`,
      );
    }
    const store = open(settings);
    const rows = new PostgresStoredRows(client);
    return {
      description: `the PostgreSQL event store (${POSTGRES_EVENTS_TABLE})`,
      store,
      rows,
      close: async () => {
        await rows.close();
        await store.close();
      },
    };
  }
  const store = open(settings);
  return {
    description: 'the EventStoreDB event store',
    store,
    rows: null,
    close: () => store.close(),
  };
}

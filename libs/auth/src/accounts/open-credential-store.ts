import { openSqliteDatabase } from '@sg/event-store';
import { join } from 'node:path';
import { type CredentialStore } from './credential-store';
import { PostgresCredentialStore } from './postgres-credential-store';
import { SqliteCredentialStore } from './sqlite-credential-store';

export interface CredentialStoreSettings {
  readonly EVENT_STORE: string;
  readonly DATABASE_URL?: string;
  readonly DATA_DIR: string;
}

/**
 * The credential store the settings call for, the same for the API and the CLI so that what the
 * CLI writes is where the API reads: with the PostgreSQL event store, its database, which every
 * node shares; otherwise DATA_DIR/credentials.sqlite, the node's own.
 */
export function openCredentialStore(settings: CredentialStoreSettings): CredentialStore {
  if (settings.EVENT_STORE === 'postgres') {
    if (!settings.DATABASE_URL) throw new Error('EVENT_STORE=postgres needs DATABASE_URL');
    return new PostgresCredentialStore({ connectionString: settings.DATABASE_URL });
  }
  return new SqliteCredentialStore(
    openSqliteDatabase(join(settings.DATA_DIR, 'credentials.sqlite')).db,
  );
}

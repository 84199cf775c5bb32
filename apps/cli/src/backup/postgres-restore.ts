import { join } from 'node:path';
import type pg from 'pg';
import { CommandRefused } from '../command-refused';
import {
  connectToPostgres,
  type EngineTable,
  postgresEngineTables,
} from '../stores/postgres-connection';
import { type BackedUpEvents } from './backup-manifest';
import { requirePostgresTool, runPostgresTool } from './postgres-tools';

/** The application names the engine's pools give their connections (event store, attachments, credentials). */
const ENGINE_CONNECTIONS = `application_name LIKE 'event-store/%' OR application_name IN ('attachments', 'credentials')`;

export interface PostgresRestore {
  /** Restores the dump; resolves with the rows restored, by table. */
  run(): Promise<EngineTable[]>;
  close(): Promise<void>;
}

/**
 * Checks, before anything is written, that the database DATABASE_URL names may take the backup:
 * the engine's tables there are missing or empty (a restore never overwrites), no engine is
 * connected to it, and the server's transaction ids are past every event's. The store orders
 * events by the id of the transaction that wrote them (decision 0021), and those ids are restored
 * as they were: on a server whose ids are behind them, readers would wait for the restored events
 * forever and new appends would sort before them.
 */
export async function preparePostgresRestore(
  databaseUrl: string,
  folder: string,
  events: BackedUpEvents,
): Promise<PostgresRestore> {
  requirePostgresTool('pg_restore');
  const client = await connectToPostgres(databaseUrl);
  try {
    await refuseUnlessEmpty(client);
    await refuseUnlessPast(client, events.highestTransactionId);
  } catch (error) {
    await client.end();
    throw error;
  }
  return {
    run: async () => {
      await runPostgresTool('pg_restore', databaseUrl, [
        '--single-transaction',
        '--exit-on-error',
        '--no-owner',
        '--no-privileges',
        // Tables the engine made empty (it was started against this database) are replaced.
        '--clean',
        '--if-exists',
        join(folder, events.file),
      ]);
      const restored = await postgresEngineTables(client);
      for (const [name, rows] of Object.entries(events.tables ?? { events: events.count })) {
        const found = restored.find((table) => table.name === name)?.rows ?? 0;
        if (found !== rows)
          throw new CommandRefused(
            `pg_restore restored ${found} rows of ${name}, but the backup counted ${rows} when it was taken.`,
          );
      }
      return restored;
    },
    close: () => client.end(),
  };
}

async function refuseUnlessEmpty(client: pg.Client): Promise<void> {
  const holding = (await postgresEngineTables(client)).filter((table) => table.rows > 0);
  if (holding.length > 0)
    throw new CommandRefused(
      `The database DATABASE_URL names is not empty: ` +
        `${holding.map((table) => `${table.rows} rows of ${table.name}`).join(', ')}. ` +
        'A restore never overwrites a store: restore into a new database (or drop those tables ' +
        'yourself, once you are sure).',
    );
  const { rows } = await client.query<{ connections: number }>(
    `SELECT count(*)::int AS connections FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND (${ENGINE_CONNECTIONS})`,
  );
  if (rows[0].connections > 0)
    throw new CommandRefused(
      `${rows[0].connections} connections of the engine are open to the database DATABASE_URL names: ` +
        'stop every node that uses it before restoring.',
    );
}

async function refuseUnlessPast(client: pg.Client, highest: string | undefined): Promise<void> {
  if (highest === undefined) return;
  const { rows } = await client.query<{ next: string }>(
    'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next',
  );
  const next = BigInt(rows[0].next);
  if (BigInt(highest) < next) return;
  const epoch = (BigInt(highest) >> 32n) + 1n;
  throw new CommandRefused(
    `This PostgreSQL server’s transaction ids (the next is ${next}) are not yet past the backup’s ` +
      `(up to ${highest}). The store orders events by the transaction that wrote them, so readers ` +
      'would not see the restored events and new ones would sort before them. Restore to the server ' +
      'the backup came from (or a copy of it), or stop this server and raise its transaction id ' +
      `epoch past the backup’s: pg_resetwal --epoch=${epoch} <its data directory>; then start it ` +
      'and restore again.',
  );
}

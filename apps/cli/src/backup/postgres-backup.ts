import { join } from 'node:path';
import { CommandRefused } from '../command-refused';
import { POSTGRES_EVENTS_TABLE } from '../stores/engine-files';
import { connectToPostgres, postgresEngineTables } from '../stores/postgres-connection';
import { type BackedUpEvents } from './backup-manifest';
import { syncFile } from './durable-files';
import { runPostgresTool } from './postgres-tools';

const FILE = 'events.pgdump';

/**
 * pg_dump, in its custom format, of the engine's tables (events, attachments' bytes, credentials)
 * while the engine runs. A transaction of the CLI's own exports its snapshot for pg_dump to read
 * in, and counts the rows in that same snapshot, so the counts the restore checks against are
 * exactly what was dumped: everything committed when the backup began. The caller has made sure
 * pg_dump is there (`requirePostgresTool`) before it made the folder.
 */
export async function backUpPostgresEvents(
  databaseUrl: string,
  folder: string,
): Promise<BackedUpEvents> {
  const client = await connectToPostgres(databaseUrl);
  const file = join(folder, FILE);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string }>(
      'SELECT pg_export_snapshot() AS snapshot',
    );
    const tables = await postgresEngineTables(client);
    const events = tables.find((table) => table.name === 'events');
    if (!events)
      throw new CommandRefused(
        `The database DATABASE_URL names has no event store (no table ${POSTGRES_EVENTS_TABLE}).`,
      );
    const highest = await client.query<{ transaction_id: string }>(
      `SELECT e.transaction_id::text AS transaction_id FROM ${POSTGRES_EVENTS_TABLE} AS e
       ORDER BY e.transaction_id DESC LIMIT 1`,
    );
    await runPostgresTool('pg_dump', databaseUrl, [
      '--format=custom',
      `--file=${file}`,
      `--snapshot=${rows[0].snapshot}`,
      '--no-owner',
      '--no-privileges',
      ...tables.map((table) => `--table=${table.sql}`),
    ]);
    await client.query('COMMIT');
    syncFile(file);
    return {
      file: FILE,
      count: events.rows,
      ...(highest.rows.length > 0 ? { highestTransactionId: highest.rows[0].transaction_id } : {}),
      tables: Object.fromEntries(tables.map((table) => [table.name, table.rows])),
    };
  } finally {
    await client.end();
  }
}

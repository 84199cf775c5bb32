import pg from 'pg';
import { POSTGRES_EVENTS_TABLE, POSTGRES_SCHEMA } from './engine-files';

/** A connection of its own to DATABASE_URL, for what the CLI asks PostgreSQL outside the adapter. */
export async function connectToPostgres(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString,
    application_name: 'service-guarantee-cli',
    connectionTimeoutMillis: 10_000,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** How many events the store at the connection holds; null when it has no events table. */
export async function postgresEventCount(client: pg.Client): Promise<number | null> {
  const { rows } = await client.query<{ present: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AS present',
    [POSTGRES_EVENTS_TABLE],
  );
  if (!rows[0].present) return null;
  const counted = await client.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM ${POSTGRES_EVENTS_TABLE}`,
  );
  return Number(counted.rows[0].count);
}

/** A table of the engine's, as SQL names it, and the rows it holds. */
export interface EngineTable {
  readonly name: string;
  readonly sql: string;
  readonly rows: number;
}

/**
 * The engine's tables in the database that hold what no event can make again: the events, the
 * attachments' bytes and the credentials (`credential_*`), as far as they have been made.
 */
export async function postgresEngineTables(client: pg.Client): Promise<EngineTable[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables
     WHERE schemaname = $1 AND (tablename IN ('events', 'attachments') OR tablename LIKE 'credential\\_%')
     ORDER BY tablename`,
    [POSTGRES_SCHEMA],
  );
  const tables: EngineTable[] = [];
  for (const { name } of rows) {
    const sql = `"${POSTGRES_SCHEMA}"."${name}"`;
    const counted = await client.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM ${sql}`,
    );
    tables.push({ name, sql, rows: Number(counted.rows[0].count) });
  }
  return tables;
}

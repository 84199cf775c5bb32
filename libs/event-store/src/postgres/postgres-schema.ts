import type pg from 'pg';
import { isConnectionLost } from './connection-lost';

/**
 * Schema names are written into SQL and into the notification channel's name, so only plain
 * identifiers short enough for the channel (PostgreSQL names stop at 63 bytes) are taken.
 */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;

/** Where one store lives in a database: its table, its channel and the names of its connections. */
export interface PostgresNames {
  readonly schema: string;
  /** The quoted, schema-qualified events table. */
  readonly table: string;
  readonly channel: string;
  readonly poolApplicationName: string;
  readonly listenerApplicationName: string;
}

export function postgresNames(schema: string): PostgresNames {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `The event store's schema name must be letters, digits or _ (at most 40, not starting with a digit): ${JSON.stringify(schema)}`,
    );
  }
  return {
    schema,
    table: `"${schema}".events`,
    channel: `${schema}_events_appended`,
    poolApplicationName: `event-store/${schema}`,
    listenerApplicationName: `event-store/${schema}/listen`,
  };
}

/**
 * The events table. `sequence_number` numbers events in the order they were inserted, which is
 * not the order they became visible: `transaction_id` (the inserting transaction's id) is what
 * reads order by first, so that a transaction still running sorts after everything a reader has
 * been given. `data` and `metadata` are `json`, which keeps the text it was given as it was
 * (`jsonb` would refuse `\u0000` and reorder keys).
 */
const tableDefinition = ({ table }: PostgresNames) => `
  CREATE TABLE IF NOT EXISTS ${table} (
    sequence_number bigint      GENERATED ALWAYS AS IDENTITY,
    transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    stream          text        NOT NULL,
    revision        bigint      NOT NULL,
    id              uuid        NOT NULL,
    type            text        NOT NULL,
    data            json        NOT NULL,
    metadata        json        NOT NULL,
    recorded_at     timestamptz NOT NULL,
    CONSTRAINT events_pkey PRIMARY KEY (sequence_number),
    CONSTRAINT events_id_unique UNIQUE (id),
    CONSTRAINT events_stream_revision_unique UNIQUE (stream, revision),
    CONSTRAINT events_revision_from_zero CHECK (revision >= 0)
  );
  CREATE INDEX IF NOT EXISTS events_commit_order ON ${table} (transaction_id, sequence_number);
`;

/** The constraint a second writer at a revision, or a second copy of an event, runs into. */
export const UNIQUE_CONSTRAINTS = new Set(['events_id_unique', 'events_stream_revision_unique']);

/**
 * Makes the schema and the table unless they exist. The existence checks come first so that a
 * role that may only use an existing table (no CREATE right) can open the store; the advisory
 * lock keeps stores opening at the same moment from racing to create the same objects.
 */
export async function createSchemaIfMissing(pool: pg.Pool, names: PostgresNames): Promise<void> {
  const client = await pool.connect();
  let failure: unknown;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `event-store:${names.schema}`,
    ]);
    const { rows } = await client.query<{ schema_exists: boolean; table_exists: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS schema_exists,
              to_regclass($2) IS NOT NULL AS table_exists`,
      [names.schema, names.table],
    );
    if (!rows[0].schema_exists) await client.query(`CREATE SCHEMA IF NOT EXISTS "${names.schema}"`);
    if (!rows[0].table_exists) await client.query(tableDefinition(names));
    await client.query('COMMIT');
  } catch (error) {
    failure = error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(isConnectionLost(failure) ? (failure as Error) : undefined);
  }
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the PostgreSQL event store's tests run against. */
export const postgresTestUrl = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of its own for one test file, so files running at once never see each other's events. */
export const throwawaySchema = () => `event_store_test_${randomBytes(6).toString('hex')}`;

/** Runs statements on a connection of their own, closed afterwards. */
export async function withClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: postgresTestUrl,
    connectionTimeoutMillis: 5000,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

let answered = false;

/**
 * These tests prove what only a real server can show (commit order, NOTIFY, killed connections),
 * so when none answers they fail, each with this one message, rather than skip.
 */
export async function requirePostgres(): Promise<void> {
  let version: number;
  try {
    version = await withClient(async (client) => {
      const { rows } = await client.query<{ version: number }>(
        "SELECT current_setting('server_version_num')::int AS version",
      );
      return rows[0].version;
    });
  } catch (error) {
    throw new Error(
      `PostgreSQL does not answer at ${postgresTestUrl} (${(error as Error).message}). ` +
        "The PostgreSQL event store's tests need a running server: install and start Debian's " +
        '`postgresql` package (apt-get install postgresql, then service postgresql start), allow ' +
        'the postgres user in from 127.0.0.1 and create the database `test`, or set PG_TEST_URL ' +
        'to a server of your own.',
    );
  }
  if (version < 130000) {
    throw new Error(
      `The PostgreSQL at ${postgresTestUrl} is version ${version}; the event store needs 13 or later (xid8).`,
    );
  }
  answered = true;
}

/** Removes a test file's schema and everything in it; nothing to do if no server answered. */
export async function dropSchema(schema: string): Promise<void> {
  if (!answered) return;
  await withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

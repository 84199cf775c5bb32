import { checkedSchemaName, TablesMadeOnce } from '@sg/postgres';
import pg from 'pg';
import {
  type ApiTokenRecord,
  type CredentialStore,
  type LockoutRecord,
  NO_LOCKOUT,
  type OneTimeTokenPurpose,
  type OneTimeTokenRecord,
  type SecondFactorRecord,
} from './credential-store';

export interface PostgresCredentialStoreOptions {
  /** DATABASE_URL: the database the PostgreSQL event store uses, shared by every API node. */
  readonly connectionString: string;
  /** Where the tables live; `public` unless a test keeps its own. */
  readonly schema?: string;
}

const tablesIn = (schema: string) => `
  CREATE SCHEMA IF NOT EXISTS "${schema}";
  CREATE TABLE IF NOT EXISTS "${schema}".credential_passwords (
    person_id text PRIMARY KEY, hash text NOT NULL, set_at timestamptz NOT NULL);
  CREATE TABLE IF NOT EXISTS "${schema}".credential_second_factors (
    person_id text PRIMARY KEY, secret text NOT NULL, confirmed boolean NOT NULL,
    last_step bigint);
  CREATE TABLE IF NOT EXISTS "${schema}".credential_recovery_codes (
    person_id text NOT NULL, position integer NOT NULL, digest text,
    PRIMARY KEY (person_id, position));
  CREATE TABLE IF NOT EXISTS "${schema}".credential_one_time_tokens (
    digest text PRIMARY KEY, purpose text NOT NULL, person_id text, email text NOT NULL,
    expires_at timestamptz NOT NULL, used_at timestamptz);
  CREATE TABLE IF NOT EXISTS "${schema}".credential_api_tokens (
    token_id text PRIMARY KEY, digest text NOT NULL, name text NOT NULL, roles_json text NOT NULL,
    created_by text NOT NULL, created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL,
    revoked_at timestamptz, last_used_at timestamptz);
  CREATE TABLE IF NOT EXISTS "${schema}".credential_lockouts (
    person_id text PRIMARY KEY, failures integer NOT NULL, lockouts integer NOT NULL,
    locked_until timestamptz);
`;

/**
 * Credentials in the PostgreSQL database every API node shares (EVENT_STORE=postgres), so a
 * password set through one node signs in through any. What must happen once is one statement that
 * tests and changes the row together (`UPDATE … WHERE … RETURNING`): under READ COMMITTED a second
 * node's UPDATE waits for the first's row lock, then finds its condition no longer holds.
 */
export class PostgresCredentialStore implements CredentialStore {
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private readonly tables: TablesMadeOnce;

  constructor(options: PostgresCredentialStoreOptions) {
    this.schema = checkedSchemaName(options.schema ?? 'public');
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      application_name: 'credentials',
      max: 4,
    });
    // An idle connection the server dropped is replaced on next use; it must not end the process.
    this.pool.on('error', () => undefined);
    this.tables = new TablesMadeOnce(this.pool, tablesIn(this.schema));
  }

  async passwordHash(personId: string): Promise<string | null> {
    const rows = await this.rows<{ hash: string }>(
      `SELECT hash FROM ${this.table('passwords')} WHERE person_id = $1`,
      [personId],
    );
    return rows[0]?.hash ?? null;
  }

  async setPasswordHash(personId: string, hash: string, at: Date): Promise<void> {
    await this.rows(
      `INSERT INTO ${this.table('passwords')} (person_id, hash, set_at) VALUES ($1, $2, $3)
       ON CONFLICT (person_id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at`,
      [personId, hash, at],
    );
  }

  async secondFactor(personId: string): Promise<SecondFactorRecord | null> {
    const rows = await this.rows<{ secret: string; confirmed: boolean; last_step: string | null }>(
      `SELECT secret, confirmed, last_step FROM ${this.table('second_factors')} WHERE person_id = $1`,
      [personId],
    );
    const row = rows[0];
    return row
      ? {
          secret: row.secret,
          confirmed: row.confirmed,
          lastStep: row.last_step === null ? null : Number(row.last_step),
        }
      : null;
  }

  async startSecondFactor(personId: string, secret: string): Promise<void> {
    await this.replaceSecondFactor(personId, secret, false);
  }

  async enrolSecondFactor(personId: string, secret: string): Promise<void> {
    await this.replaceSecondFactor(personId, secret, true);
  }

  async useTotpStep(personId: string, step: number, confirm: boolean): Promise<boolean> {
    const rows = await this.rows(
      `UPDATE ${this.table('second_factors')} SET last_step = $1, confirmed = confirmed OR $2
       WHERE person_id = $3 AND (last_step IS NULL OR last_step < $1)
       RETURNING person_id`,
      [step, confirm, personId],
    );
    return rows.length === 1;
  }

  async clearSecondFactor(personId: string): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query(`DELETE FROM ${this.table('second_factors')} WHERE person_id = $1`, [
        personId,
      ]);
      await client.query(`DELETE FROM ${this.table('recovery_codes')} WHERE person_id = $1`, [
        personId,
      ]);
    });
  }

  async recoveryCodeDigests(personId: string): Promise<(string | null)[]> {
    const rows = await this.rows<{ digest: string | null }>(
      `SELECT digest FROM ${this.table('recovery_codes')} WHERE person_id = $1 ORDER BY position`,
      [personId],
    );
    return rows.map((row) => row.digest);
  }

  async setRecoveryCodes(personId: string, digests: readonly string[]): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query(`DELETE FROM ${this.table('recovery_codes')} WHERE person_id = $1`, [
        personId,
      ]);
      await client.query(
        `INSERT INTO ${this.table('recovery_codes')} (person_id, position, digest)
         SELECT $1, code.position - 1, code.digest
         FROM unnest($2::text[]) WITH ORDINALITY AS code (digest, position)`,
        [personId, digests],
      );
    });
  }

  async useRecoveryCode(personId: string, position: number): Promise<boolean> {
    const rows = await this.rows(
      `UPDATE ${this.table('recovery_codes')} SET digest = NULL
       WHERE person_id = $1 AND position = $2 AND digest IS NOT NULL
       RETURNING position`,
      [personId, position],
    );
    return rows.length === 1;
  }

  async saveOneTimeToken(digest: string, token: OneTimeTokenRecord): Promise<void> {
    await this.rows(
      `INSERT INTO ${this.table('one_time_tokens')} (digest, purpose, person_id, email, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [digest, token.purpose, token.personId, token.email, token.expiresAt],
    );
  }

  async peekOneTimeToken(
    digest: string,
    purpose: OneTimeTokenPurpose,
    now: Date,
  ): Promise<OneTimeTokenRecord | null> {
    const rows = await this.rows<OneTimeTokenRow>(
      `SELECT purpose, person_id, email, expires_at FROM ${this.table('one_time_tokens')}
       WHERE digest = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`,
      [digest, purpose, now],
    );
    return rows[0] ? oneTimeTokenFrom(rows[0]) : null;
  }

  async takeOneTimeToken(
    digest: string,
    purpose: OneTimeTokenPurpose,
    now: Date,
  ): Promise<OneTimeTokenRecord | null> {
    const rows = await this.rows<OneTimeTokenRow>(
      `UPDATE ${this.table('one_time_tokens')} SET used_at = $3
       WHERE digest = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
       RETURNING purpose, person_id, email, expires_at`,
      [digest, purpose, now],
    );
    return rows[0] ? oneTimeTokenFrom(rows[0]) : null;
  }

  async spendTokensOf(personId: string, purpose: OneTimeTokenPurpose, now: Date): Promise<void> {
    await this.rows(
      `UPDATE ${this.table('one_time_tokens')} SET used_at = $3
       WHERE person_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [personId, purpose, now],
    );
  }

  async forgetOldTokens(now: Date): Promise<void> {
    await this.rows(`DELETE FROM ${this.table('one_time_tokens')} WHERE expires_at < $1`, [
      new Date(now.getTime() - 86_400_000),
    ]);
  }

  async saveApiToken(token: Omit<ApiTokenRecord, 'revokedAt' | 'lastUsedAt'>): Promise<void> {
    await this.rows(
      `INSERT INTO ${this.table('api_tokens')}
         (token_id, digest, name, roles_json, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        token.tokenId,
        token.digest,
        token.name,
        token.rolesJson,
        token.createdBy,
        token.createdAt,
        token.expiresAt,
      ],
    );
  }

  async apiToken(tokenId: string): Promise<ApiTokenRecord | null> {
    const rows = await this.rows<ApiTokenRow>(
      `SELECT * FROM ${this.table('api_tokens')} WHERE token_id = $1`,
      [tokenId],
    );
    return rows[0] ? apiTokenFrom(rows[0]) : null;
  }

  async apiTokens(): Promise<ApiTokenRecord[]> {
    // Byte order for the ids, as SQLite sorts them, whatever the database's collation.
    const rows = await this.rows<ApiTokenRow>(
      `SELECT * FROM ${this.table('api_tokens')} ORDER BY created_at, token_id COLLATE "C"`,
    );
    return rows.map(apiTokenFrom);
  }

  async revokeApiToken(tokenId: string, at: Date): Promise<boolean> {
    const rows = await this.rows(
      `UPDATE ${this.table('api_tokens')} SET revoked_at = $1
       WHERE token_id = $2 AND revoked_at IS NULL
       RETURNING token_id`,
      [at, tokenId],
    );
    return rows.length === 1;
  }

  async markApiTokenUsed(tokenId: string, at: Date): Promise<void> {
    await this.rows(
      `UPDATE ${this.table('api_tokens')} SET last_used_at = $1 WHERE token_id = $2`,
      [at, tokenId],
    );
  }

  async lockout(personId: string): Promise<LockoutRecord> {
    return lockoutFrom(
      await this.rows<LockoutRow>(
        `SELECT failures, lockouts, locked_until FROM ${this.table('lockouts')} WHERE person_id = $1`,
        [personId],
      ),
    );
  }

  async changeLockout(
    personId: string,
    change: (record: LockoutRecord) => LockoutRecord,
  ): Promise<LockoutRecord> {
    let changed = NO_LOCKOUT;
    // The row is made first so that FOR UPDATE has something to lock: a second node's change
    // then waits for this transaction and reads what it wrote.
    await this.inTransaction(async (client) => {
      await client.query(
        `INSERT INTO ${this.table('lockouts')} (person_id, failures, lockouts, locked_until)
         VALUES ($1, 0, 0, NULL) ON CONFLICT (person_id) DO NOTHING`,
        [personId],
      );
      const { rows } = await client.query<LockoutRow>(
        `SELECT failures, lockouts, locked_until FROM ${this.table('lockouts')}
         WHERE person_id = $1 FOR UPDATE`,
        [personId],
      );
      changed = change(lockoutFrom(rows));
      await client.query(
        `UPDATE ${this.table('lockouts')} SET failures = $2, lockouts = $3, locked_until = $4
         WHERE person_id = $1`,
        [personId, changed.failures, changed.lockouts, changed.lockedUntil],
      );
    });
    return changed;
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private table(name: string): string {
    return `"${this.schema}".credential_${name}`;
  }

  private async replaceSecondFactor(
    personId: string,
    secret: string,
    confirmed: boolean,
  ): Promise<void> {
    await this.rows(
      `INSERT INTO ${this.table('second_factors')} (person_id, secret, confirmed, last_step)
       VALUES ($1, $2, $3, NULL)
       ON CONFLICT (person_id) DO UPDATE
         SET secret = excluded.secret, confirmed = excluded.confirmed, last_step = NULL`,
      [personId, secret, confirmed],
    );
  }

  private async rows<Row extends pg.QueryResultRow>(
    text: string,
    values: unknown[] = [],
  ): Promise<Row[]> {
    await this.tables.ready();
    return (await this.pool.query<Row>(text, values)).rows;
  }

  private async inTransaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    await this.tables.ready();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

interface LockoutRow {
  failures: number;
  lockouts: number;
  locked_until: Date | null;
}

const lockoutFrom = ([row]: LockoutRow[]): LockoutRecord =>
  row
    ? { failures: row.failures, lockouts: row.lockouts, lockedUntil: isoOrNull(row.locked_until) }
    : NO_LOCKOUT;

interface OneTimeTokenRow {
  purpose: OneTimeTokenPurpose;
  person_id: string | null;
  email: string;
  expires_at: Date;
}

const oneTimeTokenFrom = (row: OneTimeTokenRow): OneTimeTokenRecord => ({
  purpose: row.purpose,
  personId: row.person_id,
  email: row.email,
  expiresAt: row.expires_at.toISOString(),
});

interface ApiTokenRow {
  token_id: string;
  digest: string;
  name: string;
  roles_json: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const isoOrNull = (at: Date | null) => (at === null ? null : at.toISOString());

const apiTokenFrom = (row: ApiTokenRow): ApiTokenRecord => ({
  tokenId: row.token_id,
  digest: row.digest,
  name: row.name,
  rolesJson: row.roles_json,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
  revokedAt: isoOrNull(row.revoked_at),
  lastUsedAt: isoOrNull(row.last_used_at),
});

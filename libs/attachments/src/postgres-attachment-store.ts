import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import pg from 'pg';
import {
  type AttachmentStore,
  SHA256_HEX,
  type StoredBytes,
  type StoredFile,
} from './attachment-store';

export interface PostgresAttachmentStoreOptions {
  /** DATABASE_URL: the database the PostgreSQL event store uses. */
  readonly connectionString: string;
  /** Where the table lives; `public` unless a test keeps its own. */
  readonly schema?: string;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;
/** unique_violation (on the catalogue), duplicate_table, duplicate_schema. */
const CREATED_CONCURRENTLY = new Set(['23505', '42P07', '42P06']);

/**
 * Attachments' bytes in PostgreSQL, for nodes that share no disk: every API node reads what any of
 * them kept. One row per digest; a row is committed whole or not at all, so there is nothing half
 * written to guard against, and two uploads of the same bytes at once keep one row
 * (`ON CONFLICT DO NOTHING`). The complaint's event is appended only after `put` resolves, when the
 * row is committed.
 */
export class PostgresAttachmentStore implements AttachmentStore {
  private readonly pool: pg.Pool;
  private readonly schema: string;
  private readonly table: string;
  private ready: Promise<void> | null = null;

  constructor(options: PostgresAttachmentStoreOptions) {
    const schema = options.schema ?? 'public';
    if (!SCHEMA_NAME.test(schema)) throw new Error(`Not a schema name: ${JSON.stringify(schema)}`);
    this.schema = schema;
    this.table = `"${schema}".attachments`;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      application_name: 'attachments',
      max: 4,
    });
    // An idle connection the server dropped is replaced on next use; it must not end the process.
    this.pool.on('error', () => undefined);
  }

  async put(bytes: Uint8Array): Promise<StoredBytes> {
    await this.created();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.pool.query(
      `INSERT INTO ${this.table} (sha256, size_bytes, bytes) VALUES ($1, $2, $3)
       ON CONFLICT (sha256) DO NOTHING`,
      [sha256, bytes.length, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)],
    );
    return { sha256, sizeBytes: bytes.length };
  }

  async open(sha256: string): Promise<StoredFile | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    await this.created();
    const { rows } = await this.pool.query<{ bytes: Buffer }>(
      `SELECT bytes FROM ${this.table} WHERE sha256 = $1`,
      [sha256],
    );
    if (rows.length === 0) return null;
    const { bytes } = rows[0];
    return { sizeBytes: bytes.length, stream: Readable.from([bytes]) };
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  /** Nest ends the pool with the application that provides the store. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  private created(): Promise<void> {
    this.ready ??= this.create().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private async create(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.pool.query(
          `CREATE SCHEMA IF NOT EXISTS "${this.schema}";
           CREATE TABLE IF NOT EXISTS ${this.table} (
             sha256     text    PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
             size_bytes integer NOT NULL CHECK (size_bytes >= 0),
             bytes      bytea   NOT NULL CHECK (octet_length(bytes) = size_bytes)
           )`,
        );
        return;
      } catch (error) {
        // Another node created them at the same moment (IF NOT EXISTS does not serialise that):
        // once its transaction has committed, asking again finds them.
        const code = (error as { code?: string }).code ?? '';
        if (!CREATED_CONCURRENTLY.has(code) || attempt >= 3) throw error;
      }
    }
  }
}

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { checkedSchemaName, TablesMadeOnce } from '@sg/postgres';
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

/**
 * Attachments' bytes in PostgreSQL, for nodes that share no disk: every API node reads what any of
 * them kept. One row per digest; a row is committed whole or not at all, so there is nothing half
 * written to guard against, and two uploads of the same bytes at once keep one row
 * (`ON CONFLICT DO NOTHING`). The complaint's event is appended only after `put` resolves, when the
 * row is committed.
 */
export class PostgresAttachmentStore implements AttachmentStore {
  private readonly pool: pg.Pool;
  private readonly table: string;
  private readonly tables: TablesMadeOnce;

  constructor(options: PostgresAttachmentStoreOptions) {
    const schema = checkedSchemaName(options.schema ?? 'public');
    this.table = `"${schema}".attachments`;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      application_name: 'attachments',
      max: 4,
    });
    // An idle connection the server dropped is replaced on next use; it must not end the process.
    this.pool.on('error', () => undefined);
    this.tables = new TablesMadeOnce(
      this.pool,
      `CREATE SCHEMA IF NOT EXISTS "${schema}";
       CREATE TABLE IF NOT EXISTS ${this.table} (
         sha256     text    PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
         size_bytes integer NOT NULL CHECK (size_bytes >= 0),
         bytes      bytea   NOT NULL CHECK (octet_length(bytes) = size_bytes)
       )`,
    );
  }

  async put(bytes: Uint8Array): Promise<StoredBytes> {
    await this.tables.ready();
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
    await this.tables.ready();
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
}

import { type Position } from '@sg/event-store';
import type pg from 'pg';
import { POSTGRES_EVENTS_TABLE } from '../stores/engine-files';
import { type StoredRow, type StoredRows } from './stored-rows';

/**
 * The PostgreSQL store's events table, in its global order (transaction id, then sequence number).
 * Its `json` columns hold nothing but JSON, so only the adapter's error can say what is wrong with
 * a row (metadata without a schema version).
 */
export class PostgresStoredRows implements StoredRows {
  constructor(private readonly client: pg.Client) {}

  async after(position: Position | null): Promise<StoredRow | null> {
    const { rows } = await this.client.query<{
      transaction_id: string;
      sequence_number: string;
      id: string;
      stream: string;
      revision: string;
    }>(
      `SELECT e.transaction_id::text AS transaction_id, e.sequence_number::text AS sequence_number,
              e.id::text AS id, e.stream, e.revision::text AS revision
       FROM ${POSTGRES_EVENTS_TABLE} AS e
       WHERE (e.transaction_id, e.sequence_number) > ($1::xid8, $2::bigint)
       ORDER BY e.transaction_id, e.sequence_number LIMIT 1`,
      [String(position?.commit ?? 0n), String(position?.prepare ?? 0n)],
    );
    if (rows.length === 0) return null;
    const [row] = rows;
    const commit = BigInt(row.transaction_id);
    const prepare = BigInt(row.sequence_number);
    return {
      id: row.id,
      stream: row.stream,
      revision: BigInt(row.revision),
      position: { commit, prepare },
      next: { commit, prepare: prepare + 1n },
      unreadable: null,
    };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

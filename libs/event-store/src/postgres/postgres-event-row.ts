import { UnreadableEventError } from '../errors';
import { type EventMetadata } from '../event-metadata';
import { type RecordedEvent } from '../event-store';
import { type Position } from '../position';

/**
 * A row of the events table as the reads select it: the 64-bit numbers cast to text, so that they
 * reach BigInt whole; `data` and `metadata` parsed from their JSON by node-postgres.
 */
export interface PostgresEventRow {
  readonly transaction_id: string;
  readonly sequence_number: string;
  readonly id: string;
  readonly stream: string;
  readonly revision: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recorded_at: Date;
}

/** The columns of a `PostgresEventRow`, for every read; the events table is called `e` in it. */
export const EVENT_COLUMNS = `e.transaction_id::text AS transaction_id,
  e.sequence_number::text AS sequence_number, e.id::text AS id, e.stream,
  e.revision::text AS revision, e.type, e.data, e.metadata, e.recorded_at`;

/**
 * An event's place in the global order: the id of the transaction that stored it, then its
 * sequence number within the table (see docs/decisions/0021-postgresql-event-store.md).
 */
export const postgresPosition = (transactionId: string, sequenceNumber: string): Position => ({
  commit: BigInt(transactionId),
  prepare: BigInt(sequenceNumber),
});

const isMetadata = (value: unknown): value is EventMetadata =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Number.isInteger((value as { schemaVersion?: unknown }).schemaVersion);

/**
 * The event a row holds. The adapter writes metadata with a schema version only, but the table
 * can be written by anyone with SQL: a row without one stops reading rather than be passed over.
 */
export function toRecorded(row: PostgresEventRow): RecordedEvent {
  if (!isMetadata(row.metadata)) {
    throw new UnreadableEventError(
      row.stream,
      BigInt(row.revision),
      row.id,
      'its metadata is not a JSON object with a schemaVersion',
    );
  }
  return {
    id: row.id,
    stream: row.stream,
    type: row.type,
    revision: BigInt(row.revision),
    position: postgresPosition(row.transaction_id, row.sequence_number),
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

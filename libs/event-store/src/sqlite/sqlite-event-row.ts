import { type EventMetadata } from '../event-metadata';
import { type RecordedEvent } from '../event-store';
import { type Position } from '../position';

/** A row of the `events` table. */
export interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
}

export const sqlitePosition = (position: number): Position => ({
  commit: BigInt(position),
  prepare: BigInt(position),
});

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    type: row.type,
    revision: BigInt(row.revision),
    position: sqlitePosition(row.position),
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: new Date(row.recorded_at),
  };
}

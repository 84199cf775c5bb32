import {
  comparePositions,
  type EventStore,
  formatPosition,
  type Position,
  type RecordedEvent,
} from '@sg/event-store';
import { type Problems } from './problem';
import { followRevision } from './revision-sequence';
import { type StoredRows } from './stored-rows';

/** What reading every event learnt of one stream, for reading the stream on its own to compare. */
export interface StreamTally {
  events: number;
  nextRevision: bigint;
  /** An event of it could not be read, and was reported so. */
  unreadable: boolean;
}

export interface AllEvents {
  readonly events: number;
  readonly lastPosition: Position | null;
  readonly streams: ReadonlyMap<string, StreamTally>;
}

/** The port's `UnreadableEventError`, which @sg/event-store throws but does not export. */
interface UnreadableEvent {
  readonly stream: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly reason: string;
}

const asUnreadableEvent = (error: unknown): UnreadableEvent | null =>
  error instanceof Error &&
  error.name === 'UnreadableEventError' &&
  typeof (error as Partial<UnreadableEvent>).stream === 'string' &&
  typeof (error as Partial<UnreadableEvent>).revision === 'bigint'
    ? (error as unknown as UnreadableEvent)
    : null;

const isJsonObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Reads every event in the store's global order through the engine's adapter, as reactions and
 * rebuilds do: positions must only grow, ids must be unique, each stream's revisions must follow
 * one another from 0, and data and metadata must be JSON objects (metadata with a schema
 * version). An event the adapter cannot return stops its reading; `rows`, the store's own table,
 * then names that event and reading goes on after it. Without `rows` (EventStoreDB) the check
 * stops there and says so.
 */
export async function checkAllEvents(
  store: EventStore,
  rows: StoredRows | null,
  problems: Problems,
): Promise<AllEvents> {
  const streams = new Map<string, StreamTally>();
  const ids = new Set<string>();
  let events = 0;
  let last: Position | null = null;

  const count = (found: {
    readonly id: string;
    readonly stream: string;
    readonly revision: bigint;
    readonly position: Position;
  }): StreamTally => {
    const { stream, revision, position } = found;
    const at = formatPosition(position);
    if (last && comparePositions(position, last) <= 0)
      problems.add(`order:${at}`, {
        stream,
        revision,
        position: at,
        message: `its position is not after the one before it (${formatPosition(last)})`,
      });
    last = position;
    const id = found.id.toLowerCase();
    if (ids.has(id))
      problems.add(`id:${id}:${stream}:${revision}`, {
        stream,
        revision,
        position: at,
        message: `event id ${found.id} is stored more than once`,
      });
    ids.add(id);
    const tally = streams.get(stream) ?? { events: 0, nextRevision: 0n, unreadable: false };
    tally.nextRevision = followRevision(problems, stream, tally.nextRevision, found);
    tally.events += 1;
    streams.set(stream, tally);
    events += 1;
    return tally;
  };

  const inspect = (event: RecordedEvent) => {
    count(event);
    const where = {
      stream: event.stream,
      revision: event.revision,
      position: formatPosition(event.position),
    };
    if (!isJsonObject(event.data))
      problems.add(`data:${event.stream}:${event.revision}`, {
        ...where,
        message: 'its data is not a JSON object',
      });
    const version = isJsonObject(event.metadata) ? event.metadata.schemaVersion : undefined;
    if (!Number.isInteger(version) || (version as number) < 1)
      problems.add(`metadata:${event.stream}:${event.revision}`, {
        ...where,
        message: 'its metadata has no schemaVersion (a whole number from 1)',
      });
  };

  let from: Position | undefined;
  for (;;) {
    try {
      for await (const event of store.readAll(from ? { fromPosition: from } : {})) inspect(event);
      return { events, lastPosition: last, streams };
    } catch (error) {
      const named = asUnreadableEvent(error);
      const row = rows ? await rows.after(last) : null;
      const why = row && (row.unreadable ?? (named?.eventId === row.id ? named.reason : null));
      if (row && why) {
        problems.add(`unreadable:${row.stream}:${row.revision}`, {
          stream: row.stream,
          revision: row.revision,
          position: formatPosition(row.position),
          message: `cannot be read: ${why}`,
        });
        count(row).unreadable = true;
        from = row.next;
        continue;
      }
      if (named) {
        problems.add(`unreadable:${named.stream}:${named.revision}`, {
          stream: named.stream,
          revision: named.revision,
          position: null,
          message: `cannot be read: ${named.reason}`,
        });
        const tally = streams.get(named.stream);
        if (tally) tally.unreadable = true;
      }
      const after = last ? `after position ${formatPosition(last)}` : 'at the first event';
      problems.add('stopped', {
        stream: null,
        revision: null,
        position: last && formatPosition(last),
        message: `reading every event stopped ${after}: ${message(error)}; the events after it were not checked`,
      });
      return { events, lastPosition: last, streams };
    }
  }
}

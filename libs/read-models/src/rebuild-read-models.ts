import {
  comparePositions,
  matchesFilter,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@sg/event-store';
import { type WorkingDayCalendar } from '@sg/working-days';
import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ComplaintProjection } from './complaint-projection';
import { FeeAgreementProjection } from './fee-agreement-projection';
import { SchoolNameProjection } from './school-name-projection';
import { SentMailProjection } from './sent-mail-projection';
import { InboundMailProjection } from './inbound-mail-projection';
import { createReadModelIndexes } from './read-model-schema';
import {
  currentReadModelFile,
  freshReadModelFile,
  openReadModelFile,
  publishReadModelFile,
  removeReadModelFile,
} from './read-model-files';

export interface RebuildProgress {
  readonly events: number;
  /** 0 to 1, by position in the store (exact for SQLite, by bytes for EventStoreDB). */
  readonly fraction: number;
  readonly eventsPerSecond: number;
  readonly secondsLeft: number | null;
}

export interface RebuildResult {
  readonly file: string;
  readonly events: number;
  readonly seconds: number;
}

const fractionOf = (position: Position, head: Position | null) =>
  head && head.commit > 0n ? Math.min(1, Number(position.commit) / Number(head.commit)) : 1;

/**
 * Builds every read model afresh from the event store into a new file while the one in service
 * goes on serving, then swaps the new one in with one rename. Killed midway, it leaves the file in
 * service untouched (and its half-built file is removed by the next rebuild).
 */
export async function rebuildReadModels(
  store: EventStore,
  dataDir: string,
  options: {
    /** The calendar of the engine, with its closure days: reports count working days by it. */
    readonly calendar: WorkingDayCalendar;
    readonly batchSize?: number;
    readonly now?: () => Date;
    readonly onProgress?: (progress: RebuildProgress) => void;
  },
): Promise<RebuildResult> {
  const batchSize = options.batchSize ?? 5_000;
  const serving = currentReadModelFile(dataDir);
  removeAbandonedRebuilds(dataDir, serving);
  const file = freshReadModelFile(dataDir, (options.now ?? (() => new Date()))());
  const db = openReadModelFile(file, { indexes: false });
  // Nothing depends on this file until it is published, and a rebuild that fails is thrown away
  // whole, so it is written with no journal, without waiting for the disk, through a large page
  // cache, and indexed once the rows are in; it is made durable, in WAL mode, before the swap.
  db.pragma('journal_mode = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const projection = new ComplaintProjection(db, options.calendar, store);
  const others = [
    new FeeAgreementProjection(db, store),
    new InboundMailProjection(db, store),
    new SchoolNameProjection(db),
    new SentMailProjection(db),
  ];
  // Each projection takes the events its live subscription would: the same rows, and the same
  // checkpoint (its own last event, not whatever the store holds after it).
  const apply = async (events: readonly RecordedEvent[]) => {
    for (const each of [projection, ...others]) {
      const followed = events.filter((event) =>
        matchesFilter({ streamPrefixes: each.streamPrefixes }, event),
      );
      if (followed.length === 0) continue;
      try {
        await each.apply(followed);
      } catch {
        // The batch was rolled back whole: one event at a time finds the one that cannot be
        // projected, so the operator is told which it is.
        for (const event of followed) await applyNamingEvent(each, event);
      }
    }
  };
  const started = performance.now();
  const head = await store.headPosition();
  let events = 0;
  let batch = [];
  const report = (position: Position) => {
    const seconds = (performance.now() - started) / 1000;
    const fraction = fractionOf(position, head);
    const eventsPerSecond = seconds > 0 ? events / seconds : 0;
    options.onProgress?.({
      events,
      fraction,
      eventsPerSecond,
      secondsLeft: fraction > 0 ? (seconds / fraction) * (1 - fraction) : null,
    });
  };
  try {
    for await (const event of store.readAll()) {
      batch.push(event);
      if (batch.length >= batchSize) {
        await apply(batch);
        events += batch.length;
        report(batch[batch.length - 1].position);
        batch = [];
      }
      if (head && comparePositions(event.position, head) >= 0) break;
    }
    await apply(batch);
    events += batch.length;
    if (batch.length > 0) report(batch[batch.length - 1].position);
    createReadModelIndexes(db);
    db.pragma('synchronous = FULL');
    db.pragma('journal_mode = WAL');
    db.pragma('locking_mode = NORMAL');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    flushToDisk(file);
  } catch (error) {
    if (db.open) db.close();
    removeReadModelFile(file);
    throw error;
  }
  publishReadModelFile(dataDir, file);
  return { file, events, seconds: (performance.now() - started) / 1000 };
}

/** Applies one event, or throws saying which event could not be projected, and why. */
async function applyNamingEvent(
  projection: { apply(events: readonly RecordedEvent[]): Promise<void> },
  event: RecordedEvent,
): Promise<void> {
  try {
    await projection.apply([event]);
  } catch (error) {
    throw new Error(
      `event ${event.revision} of ${event.stream} (${event.type}, position ${event.position.commit}) cannot be projected: ${(error as Error).message}`,
    );
  }
}

/** Written with no journal and without syncing, the file reaches the disk here, before it serves. */
function flushToDisk(file: string) {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Half-built files of rebuilds that were killed: never the file in service. */
function removeAbandonedRebuilds(dataDir: string, serving: string) {
  let names: string[] = [];
  try {
    names = readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    const file = join(dataDir, name);
    if (/^read-models-.*\.sqlite$/.test(name) && file !== serving) removeReadModelFile(file);
  }
}

import { type EventStore, formatPosition } from '@sg/event-store';
import { checkAllEvents } from './all-events-pass';
import { type Problem, Problems } from './problem';
import { checkEachStream } from './stream-pass';
import { categoryOf, STREAM_CATEGORIES, type StreamCategory } from './stream-category';
import { type StoredRows } from './stored-rows';

export interface StoreReport {
  readonly events: number;
  readonly streams: number;
  readonly lastPosition: string | null;
  readonly categories: Readonly<Record<StreamCategory, { streams: number; events: number }>>;
  readonly problems: readonly Problem[];
}

/** Reads the whole store twice (every event, then each stream) and reports what is wrong in it. */
export async function verifyStore(
  store: EventStore,
  rows: StoredRows | null,
): Promise<StoreReport> {
  const problems = new Problems();
  const all = await checkAllEvents(store, rows, problems);
  await checkEachStream(store, all.streams, problems);
  const categories = Object.fromEntries(
    STREAM_CATEGORIES.map((category) => [category, { streams: 0, events: 0 }]),
  ) as Record<StreamCategory, { streams: number; events: number }>;
  for (const [stream, tally] of all.streams) {
    const category = categories[categoryOf(stream)];
    category.streams += 1;
    category.events += tally.events;
  }
  return {
    events: all.events,
    streams: all.streams.size,
    lastPosition: all.lastPosition && formatPosition(all.lastPosition),
    categories,
    problems: problems.all(),
  };
}

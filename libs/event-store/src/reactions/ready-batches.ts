import { type RecordedEvent } from '../event-store';

const NEXT_TURN = Symbol('next turn');

/**
 * A subscription's events in batches: the next event, and with it every later one the
 * subscription hands over before the event loop's next turn (the rest of a page the SQLite store
 * has read, what EventStoreDB has buffered), up to `max`. It never waits for an event to batch
 * it with: a lone event is a batch of one. The event after a batch is asked for while the batch
 * is handled; a failure reading it is thrown when that batch is asked for.
 */
export async function* readyBatches(
  events: AsyncIterable<RecordedEvent>,
  max: number,
): AsyncGenerator<RecordedEvent[], void, undefined> {
  const iterator = events[Symbol.asyncIterator]();
  const pull = () => {
    const next = iterator.next();
    // Awaited later; until then a failure must not count as unhandled.
    next.catch(() => undefined);
    return next;
  };
  let pending = pull();
  try {
    for (;;) {
      const first = await pending;
      if (first.done) return;
      const batch = [first.value];
      pending = pull();
      const turn = new Promise<typeof NEXT_TURN>((resolve) => setImmediate(resolve, NEXT_TURN));
      let ended = false;
      while (batch.length < max) {
        const next = await Promise.race([pending, turn]);
        if (next === NEXT_TURN) break;
        if (next.done) {
          ended = true;
          break;
        }
        batch.push(next.value);
        pending = pull();
      }
      yield batch;
      if (ended) return;
    }
  } finally {
    // Not awaited: it waits behind the read asked for ahead, which a stopped subscription ends.
    void iterator.return?.()?.catch(() => undefined);
  }
}

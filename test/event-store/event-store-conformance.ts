import { randomUUID } from 'node:crypto';
import {
  comparePositions,
  DuplicateEventIdError,
  type EventStore,
  type ExpectedRevision,
  InvalidAppendError,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedVersion,
} from '@sg/event-store';

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export function newEvent(type = 'ThingHappened', data: Record<string, unknown> = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata: { schemaVersion: 1 } };
}

const events = (count: number, type = 'ThingHappened') =>
  Array.from({ length: count }, (_, i) => newEvent(type, { n: i }));

/** Takes events from a subscription until `count` have arrived, then stops it. */
async function take(
  subscription: AsyncIterable<RecordedEvent> & { stop(): Promise<void> },
  count: number,
) {
  const received: RecordedEvent[] = [];
  for await (const event of subscription) {
    received.push(event);
    if (received.length === count) break;
  }
  await subscription.stop();
  return received;
}

/**
 * The guarantees every EventStore adapter gives, as one suite. Streams are named with a prefix
 * unique to each test, so the suite can run against a server that keeps earlier runs' data.
 */
export function describeEventStoreConformance(
  adapter: string,
  open: () => Promise<EventStore>,
): void {
  describe(`${adapter}: event store conformance`, () => {
    let store: EventStore;
    let prefix: string;
    const stream = (name: string) => `${prefix}${name}`;
    const read = (name: string, options?: Parameters<EventStore['readStream']>[1]) =>
      collect(store.readStream(stream(name), options));

    beforeEach(async () => {
      store = await open();
      prefix = `conformance${randomUUID().replace(/-/g, '').slice(0, 12)}-`;
    });

    afterEach(async () => {
      await store.close();
    });

    describe('expected revision', () => {
      it('no_stream: creates a stream once, then refuses', async () => {
        const first = await store.appendToStream(stream('a'), [newEvent()], {
          expectedRevision: 'no_stream',
        });
        expect(first.nextExpectedRevision).toBe(0n);
        const refused = store.appendToStream(stream('a'), [newEvent()], {
          expectedRevision: 'no_stream',
        });
        await expect(refused).rejects.toBeInstanceOf(WrongExpectedVersion);
        await expect(refused).rejects.toMatchObject({
          stream: stream('a'),
          expected: 'no_stream',
          actual: 0n,
        });
        expect(await read('a')).toHaveLength(1);
      });

      it('stream_exists: refuses a missing stream, accepts an existing one', async () => {
        const refused = store.appendToStream(stream('b'), [newEvent()], {
          expectedRevision: 'stream_exists',
        });
        await expect(refused).rejects.toMatchObject({
          expected: 'stream_exists',
          actual: 'no_stream',
        });
        expect(await read('b')).toEqual([]);
        await store.appendToStream(stream('b'), [newEvent()], { expectedRevision: 'any' });
        const accepted = await store.appendToStream(stream('b'), [newEvent()], {
          expectedRevision: 'stream_exists',
        });
        expect(accepted.nextExpectedRevision).toBe(1n);
      });

      it('an exact revision: accepts the current one, refuses stale and future ones', async () => {
        await store.appendToStream(stream('c'), events(3), { expectedRevision: 'no_stream' });
        const next = await store.appendToStream(stream('c'), [newEvent()], {
          expectedRevision: 2n,
        });
        expect(next.nextExpectedRevision).toBe(3n);
        await expect(
          store.appendToStream(stream('c'), [newEvent()], { expectedRevision: 2n }),
        ).rejects.toMatchObject({ name: 'WrongExpectedVersion', expected: 2n, actual: 3n });
        await expect(
          store.appendToStream(stream('c'), [newEvent()], { expectedRevision: 7n }),
        ).rejects.toMatchObject({ expected: 7n, actual: 3n });
        await expect(
          store.appendToStream(stream('missing'), [newEvent()], { expectedRevision: 0n }),
        ).rejects.toMatchObject({ expected: 0n, actual: 'no_stream' });
        expect(await read('c')).toHaveLength(4);
      });

      it('any: appends whatever the stream holds', async () => {
        expect(
          (await store.appendToStream(stream('d'), [newEvent()], { expectedRevision: 'any' }))
            .nextExpectedRevision,
        ).toBe(0n);
        expect(
          (await store.appendToStream(stream('d'), events(2), { expectedRevision: 'any' }))
            .nextExpectedRevision,
        ).toBe(2n);
      });

      it('two writers at the same revision: exactly one wins', async () => {
        await store.appendToStream(stream('e'), [newEvent()], { expectedRevision: 'no_stream' });
        const writers = await Promise.allSettled(
          Array.from({ length: 5 }, (_, i) =>
            store.appendToStream(stream('e'), [newEvent('Written', { writer: i })], {
              expectedRevision: 0n,
            }),
          ),
        );
        expect(writers.filter((w) => w.status === 'fulfilled')).toHaveLength(1);
        for (const loser of writers.filter(
          (w): w is PromiseRejectedResult => w.status === 'rejected',
        )) {
          expect(loser.reason).toBeInstanceOf(WrongExpectedVersion);
        }
        expect(await read('e')).toHaveLength(2);
      });
    });

    // The rule is in the port's doc comment (EventStore.appendToStream). Two writer's mistakes
    // are left out, because EventStoreDB cannot see them and stores the events a second time:
    // ids of another stream, and ids stored at or before an expected revision that holds. SQLite
    // refuses both (sqlite-event-store.test.ts).
    describe('idempotent appends', () => {
      const ids = (list: readonly { id: string }[]) => list.map((e) => e.id);
      const at = async (name: string, revision: bigint) =>
        (await read(name, { fromRevision: revision, maxCount: 1 }))[0];

      it('a retry passing its original’s expectation gets the original result, however far the stream has moved on', async () => {
        const first = events(2);
        const original = await store.appendToStream(stream('moved-on'), first, {
          expectedRevision: 'no_stream',
        });
        expect(original).toEqual({
          nextExpectedRevision: 1n,
          position: (await at('moved-on', 1n)).position,
        });
        const later = [newEvent()];
        const laterResult = await store.appendToStream(stream('moved-on'), later, {
          expectedRevision: 1n,
        });
        const last = [newEvent()];
        await store.appendToStream(stream('moved-on'), last, { expectedRevision: 2n });

        expect(
          await store.appendToStream(stream('moved-on'), first, { expectedRevision: 'no_stream' }),
        ).toEqual(original);
        expect(
          await store.appendToStream(stream('moved-on'), later, { expectedRevision: 1n }),
        ).toEqual(laterResult);
        expect(ids(await read('moved-on'))).toEqual(ids([...first, ...later, ...last]));
      });

      it('a retry passing any, stream_exists or an earlier expectation gets the original result too', async () => {
        await store.appendToStream(stream('other-expectations'), [newEvent()], {
          expectedRevision: 'no_stream',
        });
        const batch = events(2);
        const original = await store.appendToStream(stream('other-expectations'), batch, {
          expectedRevision: 0n,
        });
        await store.appendToStream(stream('other-expectations'), [newEvent()], {
          expectedRevision: 2n,
        });
        for (const expectedRevision of ['any', 'stream_exists', 'no_stream'] as const) {
          expect(
            await store.appendToStream(stream('other-expectations'), batch, { expectedRevision }),
          ).toEqual(original);
        }
        expect(await read('other-expectations')).toHaveLength(4);
      });

      it('concurrent copies of one append: one stores it, every copy gets its result', async () => {
        await store.appendToStream(stream('concurrent'), [newEvent()], {
          expectedRevision: 'no_stream',
        });
        const batch = events(3);
        const results = await Promise.all(
          Array.from({ length: 4 }, () =>
            store.appendToStream(stream('concurrent'), batch, { expectedRevision: 0n }),
          ),
        );
        for (const result of results) expect(result).toEqual(results[0]);
        expect(results[0].nextExpectedRevision).toBe(3n);
        expect(await read('concurrent')).toHaveLength(4);
      });

      it('part of an earlier append sent again on its own is a retry of that part', async () => {
        const batch = events(3);
        await store.appendToStream(stream('part'), batch, { expectedRevision: 'no_stream' });
        expect(
          await store.appendToStream(stream('part'), [batch[1]], { expectedRevision: 0n }),
        ).toEqual({ nextExpectedRevision: 1n, position: (await at('part', 1n)).position });
        expect(
          await store.appendToStream(stream('part'), batch.slice(1), { expectedRevision: 'any' }),
        ).toEqual({ nextExpectedRevision: 2n, position: (await at('part', 2n)).position });
        expect(await read('part')).toHaveLength(3);
      });

      it('an append overlapping stored events only in part, or out of order, is refused and stores nothing', async () => {
        const [a, b] = events(2);
        await store.appendToStream(stream('overlap'), [a, b], { expectedRevision: 'no_stream' });
        const [n1, n2] = events(2);
        const refused = (batch: NewEvent[], expectedRevision: ExpectedRevision) =>
          expect(
            store.appendToStream(stream('overlap'), batch, { expectedRevision }),
          ).rejects.toMatchObject({ name: 'DuplicateEventIdError', storedIn: stream('overlap') });
        await refused([a, b, n1], 'no_stream');
        await refused([n2, a], 'any');
        await refused([b, a], 'no_stream');
        await refused([a, n1], 'stream_exists');
        await expect(
          store.appendToStream(stream('overlap'), [n2, b], { expectedRevision: 0n }),
        ).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(ids(await read('overlap'))).toEqual([a.id, b.id]);
        // Nothing of them was stored: the new events append as new.
        const next = await store.appendToStream(stream('overlap'), [n1, n2], {
          expectedRevision: 1n,
        });
        expect(next.nextExpectedRevision).toBe(3n);
        expect(ids(await read('overlap'))).toEqual([a.id, b.id, n1.id, n2.id]);
      });

      it('an append refused for its expectation stores nothing: sent again it is refused again, then stored once', async () => {
        await store.appendToStream(stream('refused'), [newEvent()], {
          expectedRevision: 'no_stream',
        });
        const batch = events(2);
        for (let attempt = 0; attempt < 2; attempt += 1) {
          await expect(
            store.appendToStream(stream('refused'), batch, { expectedRevision: 'no_stream' }),
          ).rejects.toMatchObject({ name: 'WrongExpectedVersion', actual: 0n });
          await expect(
            store.appendToStream(stream('refused'), batch, { expectedRevision: 5n }),
          ).rejects.toBeInstanceOf(WrongExpectedVersion);
        }
        expect(await read('refused')).toHaveLength(1);
        const stored = await store.appendToStream(stream('refused'), batch, {
          expectedRevision: 0n,
        });
        expect(stored.nextExpectedRevision).toBe(2n);
        expect(
          await store.appendToStream(stream('refused'), batch, { expectedRevision: 0n }),
        ).toEqual(stored);
        expect(await read('refused')).toHaveLength(3);
      });

      it('events stored at or before the expected revision are not looked for: an expectation that no longer holds is refused', async () => {
        const [a] = events(1);
        await store.appendToStream(stream('stale'), [a], { expectedRevision: 'no_stream' });
        await store.appendToStream(stream('stale'), events(2), { expectedRevision: 0n });
        for (const expectedRevision of [0n, 1n, 9n]) {
          await expect(
            store.appendToStream(stream('stale'), [a], { expectedRevision }),
          ).rejects.toMatchObject({
            name: 'WrongExpectedVersion',
            expected: expectedRevision,
            actual: 2n,
          });
        }
        expect(await read('stale')).toHaveLength(3);
      });
    });

    describe('reading a stream', () => {
      beforeEach(async () => {
        await store.appendToStream(stream('g'), events(5), { expectedRevision: 'no_stream' });
      });

      it('forwards from the start, or from a revision', async () => {
        expect((await read('g')).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect((await read('g', { fromRevision: 3n })).map((e) => e.revision)).toEqual([3n, 4n]);
      });

      it('forwards from past its last revision: nothing, until more is appended', async () => {
        expect(await read('g', { fromRevision: 5n })).toEqual([]);
        expect(await read('g', { fromRevision: 9n })).toEqual([]);
        await store.appendToStream(stream('g'), events(1), { expectedRevision: 4n });
        expect((await read('g', { fromRevision: 5n })).map((e) => e.revision)).toEqual([5n]);
      });

      it('backwards from the end, or from a revision', async () => {
        expect((await read('g', { direction: 'backwards' })).map((e) => e.revision)).toEqual([
          4n,
          3n,
          2n,
          1n,
          0n,
        ]);
        expect(
          (await read('g', { direction: 'backwards', fromRevision: 1n })).map((e) => e.revision),
        ).toEqual([1n, 0n]);
      });

      it('at most maxCount events', async () => {
        expect((await read('g', { maxCount: 2 })).map((e) => e.revision)).toEqual([0n, 1n]);
        expect(
          (await read('g', { direction: 'backwards', maxCount: 2 })).map((e) => e.revision),
        ).toEqual([4n, 3n]);
      });

      it('a stream that does not exist reads as empty', async () => {
        expect(await read('never-written')).toEqual([]);
      });
    });

    describe('recorded events', () => {
      it('keep id, type, data, metadata, stream, revision and the time they were recorded', async () => {
        const before = Date.now();
        const written: NewEvent = {
          id: randomUUID(),
          type: 'ComplaintLodged',
          data: { school: 'URN 119300', pence: 125_000, nested: { list: [1, 'two', null, true] } },
          metadata: {
            schemaVersion: 2,
            correlationId: randomUUID(),
            causationId: randomUUID(),
            actor: { id: 'user-42', role: 'business-support' },
          },
        };
        const { position } = await store.appendToStream(stream('h'), [written], {
          expectedRevision: 'no_stream',
        });
        const [recorded] = await read('h');
        expect(recorded).toMatchObject({ ...written, stream: stream('h'), revision: 0n, position });
        expect(recorded.recordedAt).toBeInstanceOf(Date);
        expect(recorded.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
      });

      it('keep unicode in stream names and data', async () => {
        const name = 'ysgol-Llanfairpwllgwyngyll-🏫-学校-Ελληνικά';
        const data = {
          text: 'Ysgol Gymraeg — “quotes”, emoji 🏫👩‍🏫, 学校, Ελληνικά, \u0000 nul, \ud83d\ude00',
        };
        await store.appendToStream(stream(name), [newEvent('Noted', data)], {
          expectedRevision: 'no_stream',
        });
        const [recorded] = await read(name);
        expect(recorded.stream).toBe(stream(name));
        expect(recorded.data).toEqual(data);
      });

      it('keep a 1 MB event whole', async () => {
        const blob = 'x'.repeat(1024 * 1024 - 64) + '🏫'.repeat(8);
        await store.appendToStream(stream('big'), [newEvent('Big', { blob })], {
          expectedRevision: 'no_stream',
        });
        const [recorded] = await read('big');
        expect((recorded.data as { blob: string }).blob).toBe(blob);
      });

      it('keep a 10,000-event stream in order', async () => {
        for (let batch = 0; batch < 100; batch += 1) {
          await store.appendToStream(
            stream('long'),
            Array.from({ length: 100 }, (_, i) => newEvent('Counted', { n: batch * 100 + i })),
            { expectedRevision: batch === 0 ? 'no_stream' : BigInt(batch * 100 - 1) },
          );
        }
        const all = await read('long');
        expect(all).toHaveLength(10_000);
        expect(
          all.every(
            (event, i) => event.revision === BigInt(i) && (event.data as { n: number }).n === i,
          ),
        ).toBe(true);
        expect((await read('long', { direction: 'backwards', maxCount: 1 }))[0].revision).toBe(
          9999n,
        );
      });
    });

    describe('reading all', () => {
      it('returns every stream’s events in the order they were stored, from a position on', async () => {
        const a0 = await store.appendToStream(stream('x'), [newEvent('One')], {
          expectedRevision: 'no_stream',
        });
        await store.appendToStream(stream('y'), [newEvent('Two')], {
          expectedRevision: 'no_stream',
        });
        await store.appendToStream(stream('x'), [newEvent('Three')], { expectedRevision: 0n });
        const ours = (await collect(store.readAll({ fromPosition: a0.position }))).filter((e) =>
          e.stream.startsWith(prefix),
        );
        expect(ours.map((e) => `${e.stream.slice(prefix.length)}:${e.type}`)).toEqual([
          'x:One',
          'y:Two',
          'x:Three',
        ]);
        expect(ours[0].position).toEqual(a0.position);
        for (let i = 1; i < ours.length; i += 1) {
          expect(comparePositions(ours[i - 1].position, ours[i].position)).toBeLessThan(0);
        }
        expect(
          await collect(store.readAll({ fromPosition: a0.position, maxCount: 2 })),
        ).toHaveLength(2);
      });
    });

    describe('the head of the store', () => {
      it('is the position of the last event appended', async () => {
        await store.appendToStream(stream('h'), [newEvent('One')], {
          expectedRevision: 'no_stream',
        });
        const last = await store.appendToStream(stream('h'), [newEvent('Two'), newEvent('Three')], {
          expectedRevision: 0n,
        });
        expect(await store.headPosition()).toEqual(last.position);
      });
    });

    describe('subscribing to all', () => {
      it('catches up, then follows live appends racing the switch, with no gap and no duplicate', async () => {
        const appended: string[] = [];
        const write = async (name: string, n: number) => {
          const event = newEvent('Raced', { n });
          await store.appendToStream(stream(name), [event], { expectedRevision: 'any' });
          appended.push(event.id);
        };
        for (let n = 0; n < 200; n += 1) await write(`r${n % 7}`, n);
        const subscription = store.subscribeToAll({
          fromPosition: 'start',
          filter: { streamPrefixes: [prefix] },
        });
        const received = take(subscription, 500);
        for (let n = 200; n < 500; n += 1) await write(`r${n % 7}`, n);
        expect((await received).map((e) => e.id)).toEqual(appended);
      });

      it('starts after the given position (exclusive) and resumes there', async () => {
        const results = [];
        for (let n = 0; n < 10; n += 1) {
          results.push(
            await store.appendToStream(stream('s'), [newEvent('Step', { n })], {
              expectedRevision: 'any',
            }),
          );
        }
        const subscription = store.subscribeToAll({
          fromPosition: results[3].position,
          filter: { streamPrefixes: [prefix] },
        });
        const received = take(subscription, 7);
        await store.appendToStream(stream('s'), [newEvent('Step', { n: 10 })], {
          expectedRevision: 'any',
        });
        expect((await received).map((e) => (e.data as { n: number }).n)).toEqual([
          4, 5, 6, 7, 8, 9, 10,
        ]);
      });

      it('filters by event-type prefix', async () => {
        const tag = prefix.replace(/-$/, '');
        await store.appendToStream(
          stream('t'),
          [newEvent(`${tag}Wanted`), newEvent(`${tag}Ignored`), newEvent(`${tag}Wanted`)],
          { expectedRevision: 'no_stream' },
        );
        const received = await take(
          store.subscribeToAll({
            fromPosition: 'start',
            filter: { eventTypePrefixes: [`${tag}Wanted`] },
          }),
          2,
        );
        expect(received.map((e) => e.type)).toEqual([`${tag}Wanted`, `${tag}Wanted`]);
      });

      it('ends when stopped, even while waiting for live events', async () => {
        await store.appendToStream(stream('u'), [newEvent()], { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll({
          fromPosition: 'start',
          filter: { streamPrefixes: [prefix] },
        });
        const seen: RecordedEvent[] = [];
        const consumed = (async () => {
          for await (const event of subscription) {
            seen.push(event);
            if (seen.length === 1) setTimeout(() => void subscription.stop(), 50);
          }
        })();
        await consumed;
        expect(seen).toHaveLength(1);
      });
    });

    describe('refused appends store nothing', () => {
      it.each([
        ['no events', () => [] as NewEvent[]],
        ['an id that is not a UUID', () => [{ ...newEvent(), id: 'not-a-uuid' }]],
        [
          'the same id twice',
          () => {
            const event = newEvent();
            return [event, event];
          },
        ],
        ['no schema version', () => [{ ...newEvent(), metadata: {} as NewEvent['metadata'] }]],
        ['a reserved type', () => [newEvent('$system')]],
      ])('%s', async (_, make) => {
        await expect(
          store.appendToStream(stream('v'), make(), { expectedRevision: 'any' }),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await read('v')).toEqual([]);
      });
    });
  });
}

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DuplicateEventIdError,
  type RecordedEvent,
  SqliteEventStore,
  WrongExpectedVersion,
} from '@sg/event-store';
import { repositoryRoot } from '../support/run-built';
import { collect, newEvent } from './event-store-conformance';

const library = join(repositoryRoot, 'dist/libs/event-store/src/index.js');
let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'sg-sqlite-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

/** A separate Node process appending to the same file through the compiled adapter. */
function appendFromAnotherProcess(file: string, stream: string, expected: string, count = 1) {
  const program = `
    const { SqliteEventStore } = require(${JSON.stringify(library)});
    const { randomUUID } = require('node:crypto');
    const store = new SqliteEventStore({ file: ${JSON.stringify(file)} });
    const expected = ${JSON.stringify(expected)};
    const events = Array.from({ length: ${count} }, () => ({ id: randomUUID(), type: 'FromAnotherProcess', data: {}, metadata: { schemaVersion: 1 } }));
    store.appendToStream(${JSON.stringify(stream)}, events, { expectedRevision: /^\\d+$/.test(expected) ? BigInt(expected) : expected })
      .then(() => { process.stdout.write('won'); }, (e) => { process.stdout.write(e.name); })
      .finally(() => store.close());
  `;
  return spawn(process.execPath, ['-e', program]);
}

const outputOf = (child: ReturnType<typeof spawn>) =>
  new Promise<string>((resolve) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', () => resolve(out));
  });

describe('SQLite event store', () => {
  it('creates its file and folders under the data directory', async () => {
    const file = join(directory, 'nested/data/events.sqlite');
    const store = new SqliteEventStore({ file });
    await store.appendToStream('complaint-1', [newEvent()], { expectedRevision: 'no_stream' });
    await store.close();
    expect(existsSync(file)).toBe(true);
  });

  it('keeps what it stored across a restart', async () => {
    const file = join(directory, 'events.sqlite');
    const first = new SqliteEventStore({ file });
    await first.appendToStream('complaint-1', [newEvent(), newEvent()], {
      expectedRevision: 'no_stream',
    });
    await first.close();
    const second = new SqliteEventStore({ file });
    expect(await collect(second.readStream('complaint-1'))).toHaveLength(2);
    await expect(
      second.appendToStream('complaint-1', [newEvent()], { expectedRevision: 0n }),
    ).rejects.toBeInstanceOf(WrongExpectedVersion);
    await second.close();
  });

  it('lets exactly one of several processes win the same expected revision', async () => {
    expect(existsSync(library)).toBe(true);
    const file = join(directory, 'events.sqlite');
    const store = new SqliteEventStore({ file });
    await store.appendToStream('contested', [newEvent()], { expectedRevision: 'no_stream' });
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => outputOf(appendFromAnotherProcess(file, 'contested', '0'))),
    );
    expect(outcomes.sort()).toEqual([
      'WrongExpectedVersion',
      'WrongExpectedVersion',
      'WrongExpectedVersion',
      'won',
    ]);
    expect(await collect(store.readStream('contested'))).toHaveLength(2);
    await store.close();
  });

  it('wakes live subscribers in the process at once, without waiting for the poll', async () => {
    const file = join(directory, 'events.sqlite');
    const writer = new SqliteEventStore({ file });
    const reader = new SqliteEventStore({ file, pollIntervalMs: 3_600_000 });
    const subscription = reader.subscribeToAll({ fromPosition: 'start' });
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writer.appendToStream('complaint-9', [newEvent('Woken')], {
      expectedRevision: 'no_stream',
    });
    expect(((await next).value as RecordedEvent).type).toBe('Woken');
    await subscription.stop();
    await Promise.all([reader.close(), writer.close()]);
  });

  it('finds appends made by another process by polling', async () => {
    const file = join(directory, 'events.sqlite');
    const reader = new SqliteEventStore({ file, pollIntervalMs: 50 });
    const subscription = reader.subscribeToAll({ fromPosition: 'start' });
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    expect(await outputOf(appendFromAnotherProcess(file, 'elsewhere', 'no_stream'))).toBe('won');
    expect(((await next).value as RecordedEvent).type).toBe('FromAnotherProcess');
    await subscription.stop();
    await reader.close();
  });

  it('gives every live subscriber every event, in order, when several read the same page', async () => {
    const file = join(directory, 'events.sqlite');
    const store = new SqliteEventStore({ file, pollIntervalMs: 50 });
    const subscriptions = Array.from({ length: 3 }, () =>
      store.subscribeToAll({ fromPosition: 'start' }),
    );
    const received = subscriptions.map(async (subscription) => {
      const types: string[] = [];
      for await (const event of subscription) {
        types.push(event.type);
        if (types.length === 7) break;
      }
      return types;
    });
    // Appends in one turn, in turns one after another, and by another process (found by polling).
    await Promise.all([
      store.appendToStream('a', [newEvent('A1')], { expectedRevision: 'any' }),
      store.appendToStream('b', [newEvent('B1')], { expectedRevision: 'any' }),
    ]);
    await store.appendToStream('a', [newEvent('A2')], { expectedRevision: 'any' });
    await store.appendToStream('a', [newEvent('A3')], { expectedRevision: 'any' });
    expect(await outputOf(appendFromAnotherProcess(file, 'elsewhere', 'no_stream'))).toBe('won');
    await store.appendToStream('b', [newEvent('B2'), newEvent('B3')], { expectedRevision: 'any' });
    const expected = ['A1', 'B1', 'A2', 'A3', 'FromAnotherProcess', 'B2', 'B3'];
    expect(await Promise.all(received)).toEqual([expected, expected, expected]);
    await store.close();
  });

  it('gives positions that only grow, whichever instance writes', async () => {
    const file = join(directory, 'events.sqlite');
    const a = new SqliteEventStore({ file });
    const b = new SqliteEventStore({ file });
    for (let i = 0; i < 20; i += 1) {
      await (i % 2 ? a : b).appendToStream(`s-${i % 3}`, [newEvent()], { expectedRevision: 'any' });
    }
    const positions = (await collect(a.readAll())).map((e) => e.position.commit);
    expect(positions).toEqual([...positions].sort((x, y) => (x < y ? -1 : 1)));
    expect(new Set(positions).size).toBe(20);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses an event id already stored by another append, naming it', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const event = newEvent();
    await store.appendToStream('one', [event], { expectedRevision: 'any' });
    await expect(
      store.appendToStream('two', [event], { expectedRevision: 'any' }),
    ).rejects.toBeInstanceOf(DuplicateEventIdError);
    const reused = store.appendToStream('one', [newEvent(), event], { expectedRevision: 'any' });
    await expect(reused).rejects.toThrow(new RegExp(event.id));
    expect(await collect(store.readStream('one'))).toHaveLength(1);
    expect(await collect(store.readStream('two'))).toHaveLength(0);
    await store.close();
  });

  it('refuses the mistakes EventStoreDB cannot see: ids of another stream, or stored at or before a revision that holds', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const [a, b] = [newEvent(), newEvent()];
    await store.appendToStream('one', [a, b], { expectedRevision: 'no_stream' });
    // Decided again after reading the stream, with the same ids: a new append, not a retry.
    await expect(
      store.appendToStream('one', [a, b], { expectedRevision: 1n }),
    ).rejects.toMatchObject({
      name: 'DuplicateEventIdError',
      eventId: a.id,
      storedIn: 'one',
      message: expect.stringMatching(/not a retry/),
    });
    await expect(
      store.appendToStream('two', [b], { expectedRevision: 'no_stream' }),
    ).rejects.toMatchObject({ name: 'DuplicateEventIdError', eventId: b.id, storedIn: 'one' });
    // Where the expectation does not hold, the append is refused for that, as on EventStoreDB.
    await expect(store.appendToStream('two', [b], { expectedRevision: 0n })).rejects.toBeInstanceOf(
      WrongExpectedVersion,
    );
    await expect(store.appendToStream('one', [a], { expectedRevision: 0n })).rejects.toBeInstanceOf(
      WrongExpectedVersion,
    );
    expect(await collect(store.readStream('one'))).toHaveLength(2);
    expect(await collect(store.readStream('two'))).toHaveLength(0);
    await store.close();
  });

  it('commits appends made in the same turn together, rolling back only the one that fails', async () => {
    const store = new SqliteEventStore({ file: join(directory, 'events.sqlite') });
    const outcomes = await Promise.allSettled([
      store.appendToStream('complaint-1', [newEvent()], { expectedRevision: 'no_stream' }),
      store.appendToStream('complaint-1', [newEvent(), newEvent()], {
        expectedRevision: 'no_stream',
      }),
      store.appendToStream('complaint-2', [newEvent(), newEvent()], {
        expectedRevision: 'no_stream',
      }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
    const all = await collect(store.readAll());
    expect(all.map((event) => [event.stream, Number(event.position.commit)])).toEqual([
      ['complaint-1', 1],
      ['complaint-2', 2],
      ['complaint-2', 3],
    ]);
    await store.close();
  });

  it('commits appends still waiting for their turn when it is closed', async () => {
    const file = join(directory, 'events.sqlite');
    const store = new SqliteEventStore({ file });
    const appended = store.appendToStream('complaint-1', [newEvent()], {
      expectedRevision: 'no_stream',
    });
    await store.close();
    await expect(appended).resolves.toMatchObject({ nextExpectedRevision: 0n });
    const reopened = new SqliteEventStore({ file });
    expect(await collect(reopened.readStream('complaint-1'))).toHaveLength(1);
    await reopened.close();
  });

  it('reads pages of any length, however many different lengths are asked for', async () => {
    // Each length read gets a statement of its own, up to a limit; beyond it one statement serves.
    const store = new SqliteEventStore({ file: ':memory:', pageSize: 7 });
    await store.appendToStream(
      'complaint-1',
      Array.from({ length: 30 }, (_, n) => newEvent('Numbered', { n })),
      { expectedRevision: 'no_stream' },
    );
    const numbers = (events: RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
    for (let count = 1; count <= 40; count += 1) {
      const all = Array.from({ length: Math.min(count, 30) }, (_, n) => n);
      expect(numbers(await collect(store.readStream('complaint-1', { maxCount: count })))).toEqual(
        all,
      );
      expect(
        numbers(
          await collect(
            store.readStream('complaint-1', { direction: 'backwards', maxCount: count }),
          ),
        ),
      ).toEqual(all.map((n) => 29 - n));
      expect(numbers(await collect(store.readAll({ maxCount: count })))).toEqual(all);
    }
    await store.close();
  });

  it('records the time from its injected clock', async () => {
    const store = new SqliteEventStore({
      file: ':memory:',
      now: () => new Date('2025-04-17T09:00:00Z'),
    });
    await store.appendToStream('timed', [newEvent()], { expectedRevision: 'any' });
    const [event] = await collect(store.readStream('timed'));
    expect(event.recordedAt.toISOString()).toBe('2025-04-17T09:00:00.000Z');
    await store.close();
  });

  it('survives a writer killed mid-stream: what was committed is whole, the rest is absent', () => {
    const file = join(directory, 'events.sqlite');
    const program = `
      const { SqliteEventStore } = require(${JSON.stringify(library)});
      const { randomUUID } = require('node:crypto');
      const store = new SqliteEventStore({ file: ${JSON.stringify(file)} });
      (async () => {
        for (let i = 0; ; i += 1) {
          await store.appendToStream('killed', Array.from({ length: 10 }, () => ({ id: randomUUID(), type: 'Batch', data: { i }, metadata: { schemaVersion: 1 } })), { expectedRevision: 'any' });
          if (i === 25) process.kill(process.pid, 'SIGKILL');
        }
      })();
    `;
    try {
      execFileSync(process.execPath, ['-e', program]);
    } catch {
      // Killed, as intended.
    }
    const store = new SqliteEventStore({ file });
    return collect(store.readStream('killed')).then(async (events) => {
      expect(events.length % 10).toBe(0);
      expect(events.length).toBeGreaterThanOrEqual(260);
      expect(events.every((e, i) => e.revision === BigInt(i))).toBe(true);
      await store.close();
    });
  });
});

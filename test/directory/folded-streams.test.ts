import { Directory, DirectoryWriter } from '@sg/directory';
import {
  type EventStore,
  type ReadStreamOptions,
  type RecordedEvent,
  SqliteEventStore,
} from '@sg/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reservation } from './support/reservation';

const CONTEXT = { actor: { id: 'board-2', role: 'board-member' } };
const CONTRACT = { kind: 'contract', id: 'C1' } as const;

/** The store, noting from which revision each read of a stream began. */
function readsNoted(inner: EventStore, reads: string[]): EventStore {
  return {
    appendToStream: (stream, events, options) => inner.appendToStream(stream, events, options),
    readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
      reads.push(`${stream}@${options?.fromRevision ?? 0n}`);
      return inner.readStream(stream, options);
    },
    readAll: (options) => inner.readAll(options),
    subscribeToAll: (options) => inner.subscribeToAll(options),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
  };
}

describe('the directory’s kept folds of its streams', () => {
  let folder: string;
  let stores: SqliteEventStore[];
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sg-folds-'));
    stores = [0, 1].map(() => new SqliteEventStore({ file: join(folder, 'events.db') }));
    await new DirectoryWriter(new Directory(stores[1]), CONTEXT).feeAgreements([
      {
        kind: 'contract',
        id: 'C1',
        schoolUrn: '100001',
        serviceId: 'schools-hr',
        description: 'SLA',
        feesPaidPence: 100_000,
      },
    ]);
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads again only what was appended after the fold it keeps', async () => {
    const reads: string[] = [];
    const here = new Directory(readsNoted(stores[0], reads));
    expect((await here.feeLedger('contract', 'C1'))?.committedPence).toBe(0);
    expect((await here.feeLedger('contract', 'C1'))?.committedPence).toBe(0);
    expect(reads).toEqual(['contract-C1@0', 'contract-C1@1']);
    await here.reserveReimbursement(CONTRACT, reservation('a', 30_000), CONTEXT);
    expect((await here.feeLedger('contract', 'C1'))?.committedPence).toBe(30_000);
    expect((await here.feeLedger('contract', 'C1'))?.committedPence).toBe(30_000);
    expect(reads.slice(2)).toEqual(['contract-C1@1', 'contract-C1@1', 'contract-C1@2']);
  });

  it('counts what another node appended at once, and a stream it had not yet seen', async () => {
    const [here, there] = stores.map((store) => new Directory(store));
    expect((await here.feeLedger('contract', 'C1'))?.committedPence).toBe(0);
    await there.reserveReimbursement(CONTRACT, reservation('a', 60_000), CONTEXT);
    expect((await here.feeLedger('contract', 'C1'))?.committedPence).toBe(60_000);
    await expect(
      here.reserveReimbursement(CONTRACT, reservation('b', 60_000), CONTEXT),
    ).rejects.toMatchObject({ code: 'REIMBURSEMENT_EXCEEDS_FEES' });
    expect(await here.feeLedger('booking', 'B1')).toBeNull();
    await new DirectoryWriter(there, CONTEXT).feeAgreements([
      {
        kind: 'booking',
        id: 'B1',
        schoolUrn: '100001',
        serviceId: 'schools-hr',
        description: 'One day',
        feesPaidPence: 5_000,
      },
    ]);
    expect((await here.feeLedger('booking', 'B1'))?.agreement.feesPaidPence).toBe(5_000);
  });
});

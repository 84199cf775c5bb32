import { complaintStream, schemaVersionOf } from '@sg/complaints';
import { SqliteEventStore } from '@sg/event-store';
import { rebuildReadModels } from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('rebuilding from a store with an event that cannot be projected', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'sg-rebuild-damaged-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('names the event, its stream and its position, and publishes nothing', async () => {
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    const complaintId = randomUUID();
    // A complaint's first event with its fields gone, as a hand edit of the file might leave it.
    const { position } = await store.appendToStream(
      complaintStream(complaintId),
      [
        {
          id: randomUUID(),
          type: 'ComplaintLodged',
          data: {},
          metadata: { schemaVersion: schemaVersionOf('ComplaintLodged') },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    await expect(
      rebuildReadModels(store, dataDir, { calendar: new WorkingDayCalendar() }),
    ).rejects.toThrow(
      `event 0 of ${complaintStream(complaintId)} (ComplaintLodged, position ${position.commit}) cannot be projected: `,
    );
    await store.close();
    expect(readdirSync(dataDir).filter((name) => name.startsWith('read-models'))).toEqual([]);
  });
});

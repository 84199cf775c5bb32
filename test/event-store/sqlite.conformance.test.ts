import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@sg/event-store';
import { describeEventStoreConformance } from './event-store-conformance';

const directory = mkdtempSync(join(tmpdir(), 'sg-conformance-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
describeEventStoreConformance('SQLite (file, WAL)', () => {
  files += 1;
  return Promise.resolve(new SqliteEventStore({ file: join(directory, `events-${files}.sqlite`) }));
});

describeEventStoreConformance('SQLite (in memory)', () =>
  Promise.resolve(new SqliteEventStore({ file: ':memory:' })),
);

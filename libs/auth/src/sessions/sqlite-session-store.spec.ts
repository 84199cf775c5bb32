import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteSessionStore } from './sqlite-session-store';
import { type StoredSession } from './session-store';
import { sessionStoreConformance } from './testing/session-store.conformance';

const directory = mkdtempSync(join(tmpdir(), 'sg-sessions-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const shared = join(directory, 'sessions.sqlite');
sessionStoreConformance('SQLite file', () =>
  Promise.resolve(new SqliteSessionStore({ file: shared })),
);

const T0 = Date.parse('2025-04-17T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const session = (key: string, minute: number): StoredSession => ({
  key,
  personId: 'person-1',
  stage: 'signed-in',
  method: 'password',
  createdAt: at(minute).toISOString(),
  lastSeenAt: at(minute).toISOString(),
  expiresAt: at(minute + 720).toISOString(),
  idleExpiresAt: at(minute + 30).toISOString(),
  userAgent: null,
  ip: null,
  data: {},
});

describe('SQLite session store', () => {
  it('drops the rows of ended sessions when it saves, and only those', async () => {
    const file = join(directory, 'purged.sqlite');
    const store = new SqliteSessionStore({ file });
    await store.save(session('ended-by-then', 0), at(0));
    await store.save(session('still-live', 10), at(10));
    await store.save(session('saved-last', 31), at(31));
    await store.close();

    const db = new Database(file, { readonly: true });
    const keys = db.prepare('SELECT key FROM sessions ORDER BY key').pluck().all();
    db.close();
    expect(keys).toEqual(['saved-last', 'still-live']);
  });

  it('keeps sessions in its file across a restart', async () => {
    const file = join(directory, 'restarted.sqlite');
    const before = new SqliteSessionStore({ file });
    await before.save(session('kept', 0), at(0));
    await before.close();

    const after = new SqliteSessionStore({ file });
    expect(await after.find('kept', at(1))).toStrictEqual(session('kept', 0));
    await after.close();
  });
});

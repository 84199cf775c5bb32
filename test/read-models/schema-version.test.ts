import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { SqliteCheckpointStore } from '@sg/event-store';
import {
  currentReadModelFile,
  openServingReadModel,
  READ_MODEL_SCHEMA_VERSION,
} from '@sg/read-models';

describe('a read-model file made by another version of the engine', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-read-model-version-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const now = new Date('2025-04-17T09:00:00.000Z');

  it('is set aside for an empty file of this version, which the projection fills from the first event', () => {
    const old = currentReadModelFile(dataDir);
    const made = new Database(old);
    made.exec(`CREATE TABLE complaints (complaint_id TEXT PRIMARY KEY, state_json TEXT NOT NULL);
               CREATE TABLE checkpoints (name TEXT PRIMARY KEY, commit_position TEXT)`);
    made.exec(`INSERT INTO checkpoints VALUES ('read-models', '42')`);
    made.close();

    const serving = openServingReadModel(dataDir, now);
    try {
      expect(serving.restarted).toBe(true);
      expect(serving.file).not.toBe(old);
      expect(existsSync(old)).toBe(false);
      expect(readFileSync(join(dataDir, 'read-models.current'), 'utf8')).toBe(
        basename(serving.file),
      );
      expect(serving.db.pragma('user_version', { simple: true })).toBe(READ_MODEL_SCHEMA_VERSION);
      expect(new SqliteCheckpointStore(serving.db).read('read-models')).toBeNull();
    } finally {
      serving.db.close();
    }
  });

  it('is served as it is when it is of this version, and a new data directory starts one', () => {
    const first = openServingReadModel(dataDir, now);
    expect(first.restarted).toBe(false);
    first.db
      .prepare(
        `INSERT INTO report_facts (complaint_id, revision, kind, at, recorded_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run('c-1', 0, 'received', '2025-04-17T09:00:00.000Z', '2025-04-17T09:00:00.000Z');
    first.db.close();
    const again = openServingReadModel(dataDir, now);
    try {
      expect(again).toMatchObject({ file: first.file, restarted: false });
      expect(again.db.prepare('SELECT COUNT(*) AS n FROM report_facts').get()).toEqual({ n: 1 });
    } finally {
      again.db.close();
    }
  });
});

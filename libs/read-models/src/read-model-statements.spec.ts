import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelStatements } from './read-model-statements';

describe('the read model’s statements', () => {
  let folder: string;
  let source: { db: Database.Database };
  let statements: ReadModelStatements;
  const QUEUE = 'SELECT id, status FROM complaints WHERE status <> ? ORDER BY id';
  const queue = () => statements.all<{ id: string; status: string }>(QUEUE, ['closed']);

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'sg-read-model-statements-'));
    source = { db: new Database(join(folder, 'read-model.sqlite')) };
    source.db.pragma('journal_mode = WAL');
    source.db.exec(`CREATE TABLE complaints (id TEXT PRIMARY KEY, status TEXT NOT NULL);
      INSERT INTO complaints VALUES ('a', 'lodged'), ('b', 'closed');`);
    statements = new ReadModelStatements(source);
  });

  afterEach(() => {
    source.db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('answers a list asked again with nothing committed between from the rows it read', () => {
    const first = queue();
    expect(first).toEqual([{ id: 'a', status: 'lodged' }]);
    expect(queue()).toBe(first);
    expect(statements.all(QUEUE, ['lodged'])).toEqual([{ id: 'b', status: 'closed' }]);
  });

  it('reads again once this connection (the projections) has committed a change', () => {
    const first = queue();
    source.db.prepare("UPDATE complaints SET status = 'referred' WHERE id = 'a'").run();
    expect(queue()).toEqual([{ id: 'a', status: 'referred' }]);
    source.db.prepare("INSERT INTO complaints VALUES ('c', 'lodged')").run();
    expect(queue().map((row) => row.id)).toEqual(['a', 'c']);
    expect(queue()).not.toBe(first);
  });

  it('reads again once another connection to the file has committed', () => {
    queue();
    const other = new Database(join(folder, 'read-model.sqlite'));
    try {
      other.prepare("UPDATE complaints SET status = 'closed' WHERE id = 'a'").run();
    } finally {
      other.close();
    }
    expect(queue()).toEqual([]);
  });

  it('starts afresh on the file a rebuild swapped in', () => {
    queue();
    const rebuilt = new Database(':memory:');
    rebuilt.exec(`CREATE TABLE complaints (id TEXT PRIMARY KEY, status TEXT NOT NULL);
      INSERT INTO complaints VALUES ('z', 'escalated');`);
    const previous = source.db;
    source.db = rebuilt;
    try {
      expect(queue()).toEqual([{ id: 'z', status: 'escalated' }]);
    } finally {
      source.db = previous;
      rebuilt.close();
    }
  });
});

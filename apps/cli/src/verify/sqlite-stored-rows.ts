import { type Position } from '@sg/event-store';
import Database from 'better-sqlite3';
import { type StoredRow, type StoredRows } from './stored-rows';

interface Row {
  position: number;
  id: string;
  stream: string;
  revision: number;
  data: string;
  metadata: string;
}

const at = (position: number): Position => ({
  commit: BigInt(position),
  prepare: BigInt(position),
});

function notJson(text: string, what: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return `its ${what} is not JSON (${(error as Error).message})`;
  }
}

/** The SQLite store's `events` table, whose position is its one global order. */
export class SqliteStoredRows implements StoredRows {
  private readonly db: Database.Database;
  private readonly next;

  constructor(file: string) {
    this.db = new Database(file, { fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
    this.next = this.db.prepare<[number], Row>(
      'SELECT position, id, stream, revision, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT 1',
    );
  }

  after(position: Position | null): Promise<StoredRow | null> {
    const row = this.next.get(position ? Number(position.commit) : 0);
    if (!row) return Promise.resolve(null);
    return Promise.resolve({
      id: row.id,
      stream: row.stream,
      revision: BigInt(row.revision),
      position: at(row.position),
      next: at(row.position + 1),
      unreadable: notJson(row.data, 'data') ?? notJson(row.metadata, 'metadata'),
    });
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

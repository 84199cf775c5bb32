import type Database from 'better-sqlite3';
import { IdempotencyStore, KEEP_ANSWERS_MS, type StoredResponse } from './idempotency-store';

/** First answers in a SQLite file of the node's own: for one API node. */
export class SqliteIdempotencyStore extends IdempotencyStore {
  private readonly select;
  private readonly insert;
  private readonly expire;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
    super();
    db.exec(`CREATE TABLE IF NOT EXISTS idempotent_responses (
      actor_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
      headers TEXT NOT NULL, body TEXT NOT NULL, stored_at INTEGER NOT NULL, PRIMARY KEY (actor_id, key))`);
    this.select = db.prepare<
      [string, string],
      { request_hash: string; status: number; headers: string; body: string }
    >(
      'SELECT request_hash, status, headers, body FROM idempotent_responses WHERE actor_id = ? AND key = ?',
    );
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO idempotent_responses (actor_id, key, request_hash, status, headers, body, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.expire = db.prepare('DELETE FROM idempotent_responses WHERE stored_at < ?');
  }

  find(actorId: string, key: string): Promise<StoredResponse | null> {
    const row = this.select.get(actorId, key);
    return Promise.resolve(
      row
        ? {
            requestHash: row.request_hash,
            status: row.status,
            headers: JSON.parse(row.headers) as Record<string, string>,
            body: JSON.parse(row.body) as unknown,
          }
        : null,
    );
  }

  /** One node's file: its own requests are waited for in process (IdempotencyInterceptor). */
  claim(): Promise<boolean> {
    return Promise.resolve(true);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }

  save(actorId: string, key: string, response: StoredResponse): Promise<void> {
    const now = this.now().getTime();
    this.expire.run(now - KEEP_ANSWERS_MS);
    this.insert.run(
      actorId,
      key,
      response.requestHash,
      response.status,
      JSON.stringify(response.headers),
      JSON.stringify(response.body),
      now,
    );
    return Promise.resolve();
  }
}

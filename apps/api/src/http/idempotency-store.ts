import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface StoredResponse {
  readonly requestHash: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

const KEEP_MS = 24 * 60 * 60 * 1000;

export const requestHash = (method: string, path: string, body: unknown) =>
  createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');

/** First answers to requests that carried an Idempotency-Key, per person, kept for a day. */
export class IdempotencyStore {
  private readonly select;
  private readonly insert;
  private readonly expire;

  constructor(
    db: Database.Database,
    private readonly now: () => Date,
  ) {
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

  find(actorId: string, key: string): StoredResponse | null {
    const row = this.select.get(actorId, key);
    return row
      ? {
          requestHash: row.request_hash,
          status: row.status,
          headers: JSON.parse(row.headers) as Record<string, string>,
          body: JSON.parse(row.body),
        }
      : null;
  }

  save(actorId: string, key: string, response: StoredResponse): void {
    const now = this.now().getTime();
    this.expire.run(now - KEEP_MS);
    this.insert.run(
      actorId,
      key,
      response.requestHash,
      response.status,
      JSON.stringify(response.headers),
      JSON.stringify(response.body),
      now,
    );
  }
}

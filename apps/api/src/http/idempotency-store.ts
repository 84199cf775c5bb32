import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export interface StoredResponse {
  readonly requestHash: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

const KEEP_MS = 24 * 60 * 60 * 1000;

/** JSON with every object's keys in order: the same request whatever order its fields came in. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, field: unknown) =>
    typeof field === 'object' && field !== null && !Array.isArray(field)
      ? Object.fromEntries(
          Object.entries(field as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : field,
  );

const digest = (method: string, path: string, json: string) =>
  createHash('sha256').update(`${method} ${path}\n${json}`).digest('hex');

/** What a request asked, as a digest: its method, its path and its body, whatever its fields' order. */
export const requestHash = (method: string, path: string, body: unknown) =>
  digest(method, path, canonicalJson(body));

/**
 * Whether a request, whose requestHash is `hash`, is the one a key was first used for. Answers kept
 * before digests put fields in order were digested in the order the fields came, which a retry
 * sends again.
 */
export const sameRequest = (
  kept: string,
  hash: string,
  request: { readonly method: string; readonly path: string; readonly body: unknown },
) =>
  kept === hash ||
  kept === digest(request.method, request.path, JSON.stringify(request.body ?? null));

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

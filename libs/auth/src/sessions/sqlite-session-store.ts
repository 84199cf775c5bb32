import { openSqliteDatabase } from '@sg/event-store';
import type Database from 'better-sqlite3';
import { endOfStorable, idleLimitWithin, instantMs, isLive, newestFirst } from './session-expiry';
import {
  type SessionStage,
  type SessionStore,
  type StoredSession,
  storedFields,
} from './session-store';

export interface SqliteSessionStoreOptions {
  /** The database file (DATA_DIR/sessions.sqlite in the app); several stores may share one. */
  readonly file: string;
}

interface SessionRow {
  readonly key: string;
  readonly person_id: string | null;
  readonly stage: string;
  readonly method: string | null;
  readonly created_at: string;
  readonly last_seen_at: string;
  readonly expires_at: string;
  readonly idle_expires_at: string;
  readonly user_agent: string | null;
  readonly ip: string | null;
  readonly data: string;
}

/*
 * The instants are kept as given, so a session reads back exactly as saved, and the earlier limit
 * beside them in milliseconds (`ends_ms`), so that expiry is compared as numbers and not as text
 * that could be written with another offset.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS sessions (
    key TEXT PRIMARY KEY,
    person_id TEXT,
    stage TEXT NOT NULL,
    method TEXT,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    idle_expires_at TEXT NOT NULL,
    ends_ms INTEGER NOT NULL,
    user_agent TEXT,
    ip TEXT,
    data TEXT NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS sessions_by_person ON sessions (person_id);
  CREATE INDEX IF NOT EXISTS sessions_by_end ON sessions (ends_ms);
`;

/**
 * Sessions in the embedded SQLite database, for a single node. Opened with synchronous=FULL, as
 * the event store is: a sign-out that was acknowledged must not come back after a power cut.
 */
export class SqliteSessionStore implements SessionStore {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;

  constructor(options: SqliteSessionStoreOptions) {
    this.db = openSqliteDatabase(options.file).db;
    this.db.exec(SCHEMA);
    this.statements = prepare(this.db);
  }

  save(session: StoredSession, now: Date): Promise<void> {
    return settled(() => {
      const endsMs = endOfStorable(session);
      this.db
        .transaction(() => {
          // Sessions over a limit can never be found or touched again, so saving is a fine time to
          // drop them: the table holds little more than the live sessions.
          this.statements.purge.run({ nowMs: now.getTime() });
          this.statements.save.run({
            ...storedFields(session),
            endsMs,
            data: JSON.stringify(session.data),
          });
        })
        .immediate();
    });
  }

  find(key: string, now: Date): Promise<StoredSession | null> {
    return settled(() => {
      const row = this.statements.find.get({ key }) as SessionRow | undefined;
      const session = row ? sessionFrom(row) : null;
      return session && isLive(session, now) ? session : null;
    });
  }

  touch(key: string, lastSeenAt: string, idleExpiresAt: string, now: Date): Promise<void> {
    return settled(() => {
      instantMs(lastSeenAt, 'lastSeenAt');
      this.db
        .transaction(() => {
          const row = this.statements.find.get({ key }) as SessionRow | undefined;
          if (!row || !isLive(sessionFrom(row), now)) return;
          const idle = idleLimitWithin(idleExpiresAt, row.expires_at);
          this.statements.touch.run({
            key,
            lastSeenAt,
            idleExpiresAt: idle,
            endsMs: Math.min(
              instantMs(idle, 'idleExpiresAt'),
              instantMs(row.expires_at, 'expiresAt'),
            ),
          });
        })
        .immediate();
    });
  }

  remove(key: string): Promise<boolean> {
    return settled(() => this.statements.remove.run({ key }).changes > 0);
  }

  listFor(personId: string, now: Date): Promise<StoredSession[]> {
    return settled(() => {
      const rows = this.statements.listFor.all({ personId, nowMs: now.getTime() }) as SessionRow[];
      return rows.map(sessionFrom).sort(newestFirst);
    });
  }

  removeAllFor(personId: string, except: string | null): Promise<number> {
    return settled(() => this.statements.removeAllFor.run({ personId, except }).changes);
  }

  close(): Promise<void> {
    return settled(() => {
      this.db.close();
    });
  }
}

function prepare(db: Database.Database) {
  return {
    purge: db.prepare('DELETE FROM sessions WHERE ends_ms <= @nowMs'),
    save: db.prepare(
      `INSERT OR REPLACE INTO sessions (key, person_id, stage, method, created_at, last_seen_at,
         expires_at, idle_expires_at, ends_ms, user_agent, ip, data)
       VALUES (@key, @personId, @stage, @method, @createdAt, @lastSeenAt,
         @expiresAt, @idleExpiresAt, @endsMs, @userAgent, @ip, @data)`,
    ),
    find: db.prepare('SELECT * FROM sessions WHERE key = @key'),
    touch: db.prepare(
      `UPDATE sessions SET last_seen_at = @lastSeenAt, idle_expires_at = @idleExpiresAt,
         ends_ms = @endsMs
       WHERE key = @key`,
    ),
    remove: db.prepare('DELETE FROM sessions WHERE key = @key'),
    listFor: db.prepare('SELECT * FROM sessions WHERE person_id = @personId AND ends_ms > @nowMs'),
    removeAllFor: db.prepare(
      'DELETE FROM sessions WHERE person_id = @personId AND key IS NOT @except',
    ),
  };
}

/** The port is asynchronous; better-sqlite3 is not. A throw becomes a rejection, as a caller awaits. */
function settled<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

function sessionFrom(row: SessionRow): StoredSession {
  return {
    key: row.key,
    personId: row.person_id,
    stage: row.stage as SessionStage,
    method: row.method,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    idleExpiresAt: row.idle_expires_at,
    userAgent: row.user_agent,
    ip: row.ip,
    data: JSON.parse(row.data) as Record<string, string>,
  };
}

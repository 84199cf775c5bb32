import type Database from 'better-sqlite3';
import {
  type ApiTokenRecord,
  type CredentialStore,
  type LockoutRecord,
  NO_LOCKOUT,
  type OneTimeTokenPurpose,
  type OneTimeTokenRecord,
  type SecondFactorRecord,
} from './credential-store';

/**
 * Credentials in a SQLite file of the node's own (DATA_DIR/credentials.sqlite): enough for one API
 * node. SQLite runs one statement at a time, so each conditional UPDATE is already atomic; the
 * methods are async only to fit the port.
 */
export class SqliteCredentialStore implements CredentialStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS passwords (
        person_id TEXT PRIMARY KEY, hash TEXT NOT NULL, set_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS second_factors (
        person_id TEXT PRIMARY KEY, secret TEXT NOT NULL, confirmed INTEGER NOT NULL,
        last_step INTEGER);
      CREATE TABLE IF NOT EXISTS recovery_codes (
        person_id TEXT NOT NULL, position INTEGER NOT NULL, digest TEXT,
        PRIMARY KEY (person_id, position));
      CREATE TABLE IF NOT EXISTS one_time_tokens (
        digest TEXT PRIMARY KEY, purpose TEXT NOT NULL, person_id TEXT, email TEXT NOT NULL,
        expires_at TEXT NOT NULL, used_at TEXT);
      CREATE TABLE IF NOT EXISTS api_tokens (
        token_id TEXT PRIMARY KEY, digest TEXT NOT NULL, name TEXT NOT NULL, roles_json TEXT NOT NULL,
        created_by TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
        revoked_at TEXT, last_used_at TEXT);
      CREATE TABLE IF NOT EXISTS lockouts (
        person_id TEXT PRIMARY KEY, failures INTEGER NOT NULL, lockouts INTEGER NOT NULL,
        locked_until TEXT);
    `);
  }

  passwordHash(personId: string): Promise<string | null> {
    return settled(() => {
      const row = this.db
        .prepare<[string], { hash: string }>('SELECT hash FROM passwords WHERE person_id = ?')
        .get(personId);
      return row?.hash ?? null;
    });
  }

  setPasswordHash(personId: string, hash: string, at: Date): Promise<void> {
    return settled(() => {
      this.db
        .prepare(
          `INSERT INTO passwords (person_id, hash, set_at) VALUES (?, ?, ?)
           ON CONFLICT (person_id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at`,
        )
        .run(personId, hash, at.toISOString());
    });
  }

  secondFactor(personId: string): Promise<SecondFactorRecord | null> {
    return settled(() => {
      const row = this.db
        .prepare<[string], { secret: string; confirmed: number; last_step: number | null }>(
          'SELECT secret, confirmed, last_step FROM second_factors WHERE person_id = ?',
        )
        .get(personId);
      return row
        ? { secret: row.secret, confirmed: row.confirmed === 1, lastStep: row.last_step }
        : null;
    });
  }

  startSecondFactor(personId: string, secret: string): Promise<void> {
    return settled(() => {
      this.replaceSecondFactor(personId, secret);
    });
  }

  enrolSecondFactor(personId: string, secret: string): Promise<void> {
    return settled(() => {
      this.db.transaction(() => {
        this.replaceSecondFactor(personId, secret);
        this.db
          .prepare('UPDATE second_factors SET confirmed = 1 WHERE person_id = ?')
          .run(personId);
      })();
    });
  }

  useTotpStep(personId: string, step: number, confirm: boolean): Promise<boolean> {
    return settled(() => {
      const changed = this.db
        .prepare(
          `UPDATE second_factors SET last_step = ?, confirmed = CASE WHEN ? THEN 1 ELSE confirmed END
           WHERE person_id = ? AND (last_step IS NULL OR last_step < ?)`,
        )
        .run(step, confirm ? 1 : 0, personId, step).changes;
      return changed === 1;
    });
  }

  clearSecondFactor(personId: string): Promise<void> {
    return settled(() => {
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM second_factors WHERE person_id = ?').run(personId);
        this.db.prepare('DELETE FROM recovery_codes WHERE person_id = ?').run(personId);
      })();
    });
  }

  recoveryCodeDigests(personId: string): Promise<(string | null)[]> {
    return settled(() => {
      return this.db
        .prepare<[string], { digest: string | null }>(
          'SELECT digest FROM recovery_codes WHERE person_id = ? ORDER BY position',
        )
        .all(personId)
        .map((row) => row.digest);
    });
  }

  setRecoveryCodes(personId: string, digests: readonly string[]): Promise<void> {
    return settled(() => {
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM recovery_codes WHERE person_id = ?').run(personId);
        const insert = this.db.prepare(
          'INSERT INTO recovery_codes (person_id, position, digest) VALUES (?, ?, ?)',
        );
        digests.forEach((digest, position) => insert.run(personId, position, digest));
      })();
    });
  }

  useRecoveryCode(personId: string, position: number): Promise<boolean> {
    return settled(() => {
      return (
        this.db
          .prepare(
            'UPDATE recovery_codes SET digest = NULL WHERE person_id = ? AND position = ? AND digest IS NOT NULL',
          )
          .run(personId, position).changes === 1
      );
    });
  }

  saveOneTimeToken(digest: string, token: OneTimeTokenRecord): Promise<void> {
    return settled(() => {
      this.db
        .prepare(
          'INSERT INTO one_time_tokens (digest, purpose, person_id, email, expires_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(digest, token.purpose, token.personId, token.email, token.expiresAt);
    });
  }

  peekOneTimeToken(
    digest: string,
    purpose: OneTimeTokenPurpose,
    now: Date,
  ): Promise<OneTimeTokenRecord | null> {
    return settled(() => {
      return this.unusedToken(digest, purpose, now);
    });
  }

  takeOneTimeToken(
    digest: string,
    purpose: OneTimeTokenPurpose,
    now: Date,
  ): Promise<OneTimeTokenRecord | null> {
    return settled(() => {
      return this.db
        .transaction(() => {
          const token = this.unusedToken(digest, purpose, now);
          if (!token) return null;
          this.db
            .prepare('UPDATE one_time_tokens SET used_at = ? WHERE digest = ?')
            .run(now.toISOString(), digest);
          return token;
        })
        .immediate();
    });
  }

  spendTokensOf(personId: string, purpose: OneTimeTokenPurpose, now: Date): Promise<void> {
    return settled(() => {
      this.db
        .prepare(
          'UPDATE one_time_tokens SET used_at = ? WHERE person_id = ? AND purpose = ? AND used_at IS NULL',
        )
        .run(now.toISOString(), personId, purpose);
    });
  }

  forgetOldTokens(now: Date): Promise<void> {
    return settled(() => {
      this.db
        .prepare('DELETE FROM one_time_tokens WHERE expires_at < ?')
        .run(new Date(now.getTime() - 86_400_000).toISOString());
    });
  }

  saveApiToken(token: Omit<ApiTokenRecord, 'revokedAt' | 'lastUsedAt'>): Promise<void> {
    return settled(() => {
      this.db
        .prepare(
          `INSERT INTO api_tokens (token_id, digest, name, roles_json, created_by, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          token.tokenId,
          token.digest,
          token.name,
          token.rolesJson,
          token.createdBy,
          token.createdAt,
          token.expiresAt,
        );
    });
  }

  apiToken(tokenId: string): Promise<ApiTokenRecord | null> {
    return settled(() => {
      const row = this.db
        .prepare<[string], ApiTokenRow>('SELECT * FROM api_tokens WHERE token_id = ?')
        .get(tokenId);
      return row ? apiTokenFrom(row) : null;
    });
  }

  apiTokens(): Promise<ApiTokenRecord[]> {
    return settled(() => {
      return this.db
        .prepare<[], ApiTokenRow>('SELECT * FROM api_tokens ORDER BY created_at, token_id')
        .all()
        .map(apiTokenFrom);
    });
  }

  revokeApiToken(tokenId: string, at: Date): Promise<boolean> {
    return settled(() => {
      return (
        this.db
          .prepare('UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL')
          .run(at.toISOString(), tokenId).changes === 1
      );
    });
  }

  markApiTokenUsed(tokenId: string, at: Date): Promise<void> {
    return settled(() => {
      this.db
        .prepare('UPDATE api_tokens SET last_used_at = ? WHERE token_id = ?')
        .run(at.toISOString(), tokenId);
    });
  }

  lockout(personId: string): Promise<LockoutRecord> {
    return settled(() => this.lockoutNow(personId));
  }

  changeLockout(
    personId: string,
    change: (record: LockoutRecord) => LockoutRecord,
  ): Promise<LockoutRecord> {
    // IMMEDIATE takes the write lock before the read, so a second process on the same file
    // waits for this change instead of changing what this one read.
    return settled(() =>
      this.db
        .transaction(() => {
          const record = change(this.lockoutNow(personId));
          this.db
            .prepare(
              `INSERT INTO lockouts (person_id, failures, lockouts, locked_until) VALUES (?, ?, ?, ?)
               ON CONFLICT (person_id) DO UPDATE SET failures = excluded.failures,
                 lockouts = excluded.lockouts, locked_until = excluded.locked_until`,
            )
            .run(personId, record.failures, record.lockouts, record.lockedUntil);
          return record;
        })
        .immediate(),
    );
  }

  private lockoutNow(personId: string): LockoutRecord {
    const row = this.db
      .prepare<[string], { failures: number; lockouts: number; locked_until: string | null }>(
        'SELECT failures, lockouts, locked_until FROM lockouts WHERE person_id = ?',
      )
      .get(personId);
    return row
      ? { failures: row.failures, lockouts: row.lockouts, lockedUntil: row.locked_until }
      : NO_LOCKOUT;
  }

  close(): Promise<void> {
    return settled(() => {
      this.db.close();
    });
  }

  private replaceSecondFactor(personId: string, secret: string): void {
    this.db
      .prepare(
        `INSERT INTO second_factors (person_id, secret, confirmed, last_step) VALUES (?, ?, 0, NULL)
         ON CONFLICT (person_id) DO UPDATE SET secret = excluded.secret, confirmed = 0, last_step = NULL`,
      )
      .run(personId, secret);
  }

  private unusedToken(
    digest: string,
    purpose: OneTimeTokenPurpose,
    now: Date,
  ): OneTimeTokenRecord | null {
    const row = this.db
      .prepare<
        [string, string, string],
        {
          purpose: OneTimeTokenPurpose;
          person_id: string | null;
          email: string;
          expires_at: string;
        }
      >(
        `SELECT purpose, person_id, email, expires_at FROM one_time_tokens
         WHERE digest = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?`,
      )
      .get(digest, purpose, now.toISOString());
    return row
      ? {
          purpose: row.purpose,
          personId: row.person_id,
          email: row.email,
          expiresAt: row.expires_at,
        }
      : null;
  }
}

interface ApiTokenRow {
  token_id: string;
  digest: string;
  name: string;
  roles_json: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** The port is asynchronous; better-sqlite3 is not. A throw becomes a rejection, as a caller awaits. */
function settled<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

const apiTokenFrom = (row: ApiTokenRow): ApiTokenRecord => ({
  tokenId: row.token_id,
  digest: row.digest,
  name: row.name,
  rolesJson: row.roles_json,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  lastUsedAt: row.last_used_at,
});

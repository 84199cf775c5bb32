import { schemaVersionOf } from '@sg/complaints';
import { ReferenceAllocator } from '@sg/complaint-service';
import { envelope, PostgresEventStore, SqliteEventStore } from '@sg/event-store';
import { DeliveryRecord } from '@sg/notifications';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  postgresTestUrl,
  requirePostgres,
  withClient,
} from '../event-store/postgres-test-database';
import { noteAt } from '../support/complaint-history';
import { cli, recordComplaints } from './backup-support';

jest.setTimeout(120_000);

interface Report {
  events: number;
  streams: number;
  categories: Record<string, { streams: number; events: number }>;
  problems: {
    stream: string | null;
    revision: number | null;
    position: string | null;
    message: string;
  }[];
}

describe('cli verify on the SQLite store', () => {
  let dataDir: string;
  let complaints: string[];
  const sqlite = () => ({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir });

  /** Runs SQL on the store's file directly, as damage (or a hand at the database) would. */
  function onEvents<T>(run: (db: Database.Database) => T): T {
    const db = new Database(join(dataDir, 'events.sqlite'), { fileMustExist: true });
    try {
      return run(db);
    } finally {
      db.close();
    }
  }
  const positionOf = (stream: string, revision: number) =>
    onEvents(
      (db) =>
        db
          .prepare<[string, number], { position: number }>(
            'SELECT position FROM events WHERE stream = ? AND revision = ?',
          )
          .get(stream, revision)!.position,
    );

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-verify-'));
    expect(
      (
        await cli(
          sqlite(),
          'add-administrator',
          '--name',
          'Ada Admin',
          '--email',
          'ada@council.example',
        )
      ).status,
    ).toBe(0);
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    complaints = await recordComplaints(store, 3);
    const references = new ReferenceAllocator(store);
    const at = new Date('2026-05-01T09:00:00Z');
    await Promise.all([references.allocate(at, 'first'), references.allocate(at, 'second')]);
    await new DeliveryRecord(store).sent(
      {
        id: 'notification-of-the-first',
        complaintId: complaints[0].slice('complaint-'.length),
        kind: 'acknowledgement-for-school',
        to: { name: 'Asha Head', email: 'head@school.example' },
        subject: 'We have your complaint',
        text: 'We have your complaint.',
        html: '',
        raisedAt: at.toISOString(),
        sendAfter: at.toISOString(),
      },
      at,
    );
    await store.close();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads a store the engine wrote from end to end and finds nothing wrong', async () => {
    const result = await cli(sqlite(), 'verify');
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^ {2}complaint +3 streams +15 events$/m);
    expect(result.stdout).toMatch(/^ {2}directory +3 streams +4 events$/m);
    expect(result.stdout).toMatch(/^ {2}notification +1 streams +1 events$/m);
    expect(result.stdout).toMatch(/^ {2}reference-counter +2 streams +5 events$/m);
    expect(result.stdout).toMatch(/No problems found\.\n$/);

    const json = await cli(sqlite(), 'verify', '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ events: 25, streams: 9, problems: [] });
  });

  it('names the stream, revision and position of each problem, reads on past an unreadable event, and exits 1', async () => {
    const [gap, unreadable, future] = complaints;
    const gapFollower = positionOf(gap, 3);
    const unreadableAt = positionOf(unreadable, 1);
    const lodgedAt = positionOf(future, 0);
    const unknownAt = positionOf(future, 4);
    onEvents((db) => {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = 2').run(gap);
      db.prepare("UPDATE events SET data = 'not json {' WHERE stream = ? AND revision = 1").run(
        unreadable,
      );
      db.prepare(
        `UPDATE events SET metadata = json_set(metadata, '$.schemaVersion', 99)
         WHERE stream = ? AND revision = 0`,
      ).run(future);
      db.prepare(
        "UPDATE events SET type = 'ComplaintTeleported' WHERE stream = ? AND revision = 4",
      ).run(future);
    });

    const json = await cli(sqlite(), 'verify', '--json');
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as Report;
    // Every event after the unreadable one was still read.
    expect(report).toMatchObject({ events: 24, streams: 9 });
    expect(report.problems).toHaveLength(4);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        {
          stream: gap,
          revision: 2,
          position: null,
          message: `revision 2 is missing: revision 3 (position ${gapFollower}) follows revision 1`,
        },
        {
          stream: unreadable,
          revision: 1,
          position: String(unreadableAt),
          message: expect.stringMatching(/^cannot be read: its data is not JSON \(.+\)$/) as string,
        },
        {
          stream: future,
          revision: 0,
          position: String(lodgedAt),
          message: `cannot be upcast: Cannot read ComplaintLodged at schema version 99: this release reads up to ${schemaVersionOf('ComplaintLodged')}`,
        },
        {
          stream: future,
          revision: 4,
          position: String(unknownAt),
          message: 'ComplaintTeleported is not a complaint event this release knows',
        },
      ]),
    );

    const readable = await cli(sqlite(), 'verify');
    expect(readable.status).toBe(1);
    expect(readable.stdout).toContain('4 problems:');
    expect(readable.stdout).toContain(`  ${gap}, revision 2: revision 2 is missing`);
    expect(readable.stdout).toContain(
      `  ${unreadable}, revision 1, position ${unreadableAt}: cannot be read: its data is not JSON`,
    );
  });

  it('finds an event the fold takes but the read models cannot be built from, as a rebuild would', async () => {
    const [damaged] = complaints;
    onEvents((db) =>
      db
        .prepare(`UPDATE events SET data = '{"x":1}' WHERE stream = ? AND revision = 0`)
        .run(damaged),
    );
    const json = await cli(sqlite(), 'verify', '--json');
    expect(json.status).toBe(1);
    expect((JSON.parse(json.stdout) as Report).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          stream: damaged,
          revision: 0,
          message: expect.stringMatching(/^cannot be projected: /) as string,
        }),
      ]),
    );
  });

  it('finds a reference lodged twice, or never allocated, as a counter written around would give', async () => {
    const [first, second] = complaints;
    onEvents((db) => {
      db.prepare(
        `UPDATE events SET data = json_set(data, '$.reference',
           (SELECT json_extract(data, '$.reference') FROM events WHERE stream = ? AND revision = 0))
         WHERE stream = ? AND revision = 0`,
      ).run(first, second);
      db.prepare("DELETE FROM events WHERE stream LIKE 'reference-counter-%'").run();
    });
    const json = await cli(sqlite(), 'verify', '--json');
    expect(json.status).toBe(1);
    const messages = (JSON.parse(json.stdout) as Report).problems.map(
      (problem) => `${problem.stream}: ${problem.message}`,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^${second}: SG-\\d{4}-\\d{6} is also the reference of ${first}$`),
        ),
        expect.stringMatching(
          new RegExp(
            `^${first}: SG-\\d{4}-\\d{6} was never allocated by its year's reference counter$`,
          ),
        ),
      ]),
    );
  });

  it('finds nothing wrong in a store the engine goes on appending to while it reads', async () => {
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    const streams = await recordComplaints(store, 300);
    // The stream read last on its own, written to all along: by then it holds events that were
    // not there when every event was read.
    const busy = streams.at(-1)!;
    let stopped = false;
    let notes = 0;
    const appending = (async () => {
      while (!stopped) {
        await store.appendToStream(
          busy,
          [
            envelope(noteAt(new Date(Date.UTC(2026, 0, 1, 0, 0, notes)).toISOString()), {
              schemaVersion: 1,
            }),
          ],
          { expectedRevision: 'any' },
        );
        notes += 1;
      }
    })();
    const result = await cli(sqlite(), 'verify');
    const during = notes;
    stopped = true;
    await appending;
    await store.close();
    expect(during).toBeGreaterThan(0);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toContain('No problems found.');
  });

  it.each([
    [['verify', '--colour'], 2, "Unknown option '--colour'"],
    [['verify', 'now'], 2, "Unexpected argument 'now'"],
  ])('refuses %j with exit status %i and says why', async (args, status, message) => {
    const result = await cli(sqlite(), ...args);
    expect(result.status).toBe(status);
    expect(result.stderr).toContain(message);
  });

  it('says in one line that a damaged store will not open, without a stack trace', async () => {
    const damaged = join(dataDir, 'damaged');
    mkdirSync(damaged);
    writeFileSync(join(damaged, 'events.sqlite'), 'this is not a database, '.repeat(200));
    for (const command of ['verify', 'rebuild']) {
      const result = await cli({ EVENT_STORE: 'sqlite', DATA_DIR: damaged }, command);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(`^${command} could not finish: file is not a database \\(SQLITE_NOTADB\\)\n$`),
      );
    }
  });

  it.each(['verify', 'rebuild'])(
    '%s refuses a DATA_DIR without a store rather than make an empty one',
    async (command) => {
      const empty = join(dataDir, `elsewhere-${command}`);
      const result = await cli({ EVENT_STORE: 'sqlite', DATA_DIR: empty }, command);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`There is no event store at ${join(empty, 'events.sqlite')}`);
      expect(existsSync(empty)).toBe(false);
    },
  );
});

describe('cli verify on the PostgreSQL store', () => {
  const database = `sg_verify_${randomBytes(6).toString('hex')}`;
  const databaseUrl = postgresTestUrl.replace(/\/[^/]*$/, `/${database}`);
  let dataDir: string;

  beforeAll(async () => {
    await requirePostgres();
    await withClient((client) => client.query(`CREATE DATABASE ${database}`));
    dataDir = mkdtempSync(join(tmpdir(), 'sg-verify-pg-'));
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await withClient((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  it('says in one line that the database does not exist, or that PostgreSQL refused to connect', async () => {
    const missing = await cli(
      { EVENT_STORE: 'postgres', DATABASE_URL: `${databaseUrl}_nope`, DATA_DIR: dataDir },
      'verify',
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /^verify could not finish: database "\S+_nope" does not exist \(3D000\)\n$/,
    );
    const refused = await cli(
      {
        EVENT_STORE: 'postgres',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:9/x',
        DATA_DIR: dataDir,
      },
      'verify',
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^verify could not finish: connect ECONNREFUSED 127\.0\.0\.1:9\n$/,
    );
  });

  it('reads on past an event the adapter cannot return, and names it and a missing revision', async () => {
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: databaseUrl, DATA_DIR: dataDir };
    const store = new PostgresEventStore({ connectionString: databaseUrl });
    const [gap, unreadable, sound] = await recordComplaints(store, 3);
    await store.close();
    expect(await cli(env, 'verify')).toMatchObject({ status: 0 });

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('DELETE FROM events WHERE stream = $1 AND revision = 2', [gap]);
    await client.query(
      `UPDATE events SET metadata = '{"correlationId":"by hand"}' WHERE stream = $1 AND revision = 1`,
      [unreadable],
    );
    const { rows } = await client.query<{ position: string }>(
      `SELECT transaction_id::text || '/' || sequence_number::text AS position
       FROM events WHERE stream = $1 AND revision = 1`,
      [unreadable],
    );
    await client.end();

    const result = await cli(env, 'verify', '--json');
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report).toMatchObject({ events: 17, streams: 4 });
    expect(report.problems).toEqual([
      {
        stream: gap,
        revision: 2,
        position: null,
        message: expect.stringMatching(
          /^revision 2 is missing: revision 3 \(position \d+\/\d+\) follows revision 1$/,
        ) as string,
      },
      {
        stream: unreadable,
        revision: 1,
        position: rows[0].position,
        message: 'cannot be read: its metadata is not a JSON object with a schemaVersion',
      },
    ]);
    expect(report.categories.complaint).toEqual({ streams: 3, events: 14 });
    expect(sound).toMatch(/^complaint-/);
  });
});

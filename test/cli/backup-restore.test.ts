import { FilesystemAttachmentStore, PostgresAttachmentStore } from '@sg/attachments';
import { PostgresEventStore, SqliteEventStore } from '@sg/event-store';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import pg from 'pg';
import {
  postgresTestUrl,
  requirePostgres,
  withClient,
} from '../event-store/postgres-test-database';
import {
  appendedMore,
  asStored,
  cli,
  complaintEvents,
  everyEvent,
  keepAppending,
  recordComplaints,
} from './backup-support';

jest.setTimeout(120_000);

/** Every row of every table of an SQLite file, to compare a restored file with its original. */
function sqliteContents(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
      )
      .all();
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]),
    );
  } finally {
    db.close();
  }
}

const LETTER = Buffer.from('Dear Sir or Madam, the violin lessons stopped in March.\n');

describe('cli backup and restore of the SQLite store', () => {
  let root: string;
  const dir = (name: string) => join(root, name);
  const sqlite = (dataDir: string) => ({ EVENT_STORE: 'sqlite', DATA_DIR: dataDir });

  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'sg-backup-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('copies the store while it is appended to, and restores the copy: the events up to the backup, the credentials and the attachments', async () => {
    const source = dir('source');
    // A new installation's folder, made before its first administrator is added.
    mkdirSync(source);
    const admin = await cli(
      sqlite(source),
      'add-administrator',
      '--name',
      'Ada Admin',
      '--email',
      'ada@council.example',
    );
    expect(admin.status).toBe(0);
    const store = new SqliteEventStore({ file: join(source, 'events.sqlite') });
    const letter = await new FilesystemAttachmentStore(join(source, 'attachments')).put(LETTER);
    await recordComplaints(store, 20);
    const beforeBackup = (await everyEvent(store)).length;

    const appender = keepAppending(store);
    await appendedMore(appender, 10);
    const appendedAtStart = appender.appended();
    const backup = await cli(sqlite(source), 'backup', dir('backup'));
    const appendedAtEnd = appender.appended();
    await appendedMore(appender, 10);
    await appender.stop();
    const sourceEvents = (await everyEvent(store)).map(asStored);
    await store.close();

    expect(backup).toMatchObject({ status: 0, stderr: '' });
    // The engine went on appending while the copy was taken.
    expect(appendedAtEnd).toBeGreaterThan(appendedAtStart);
    expect(backup.stdout).toContain('passwords, second factors, sign-in links and API tokens');
    expect(backup.stdout).toContain('checkpoints.sqlite');
    const manifest = JSON.parse(readFileSync(join(dir('backup'), 'backup.json'), 'utf8')) as {
      store: string;
      events: { count: number };
      attachmentFiles: number;
    };
    expect(manifest).toMatchObject({ store: 'sqlite', attachmentFiles: 1 });

    const target = dir('restored');
    const restore = await cli(sqlite(target), 'restore', dir('backup'));
    expect(restore).toMatchObject({ status: 0, stderr: '' });
    expect(restore.stdout).toContain(`${manifest.events.count.toLocaleString('en-GB')} events`);

    const verify = await cli(sqlite(target), 'verify');
    expect(verify).toMatchObject({ status: 0, stderr: '' });
    expect(verify.stdout).toContain('No problems found.');

    const restored = new SqliteEventStore({ file: join(target, 'events.sqlite') });
    const restoredEvents = (await everyEvent(restored)).map(asStored);
    // One writer at a time: the copy is exactly the store as it was at one moment of the backup.
    expect(restoredEvents).toEqual(sourceEvents.slice(0, restoredEvents.length));
    expect(restoredEvents).toHaveLength(manifest.events.count);
    expect(restoredEvents.length).toBeGreaterThanOrEqual(beforeBackup + appendedAtStart);
    expect(restoredEvents.length).toBeLessThan(sourceEvents.length);
    // The restored store goes on from its last position, never reusing one it holds.
    const [lodged] = complaintEvents('after-the-restore', 'SG-2025-999999');
    const next = await restored.appendToStream('complaint-after-the-restore', [lodged], {
      expectedRevision: 'no_stream',
    });
    expect(next.position.commit).toBeGreaterThan(restoredEvents.at(-1)!.position.commit);
    await restored.close();

    expect(sqliteContents(join(target, 'credentials.sqlite'))).toEqual(
      sqliteContents(join(source, 'credentials.sqlite')),
    );
    const file = await new FilesystemAttachmentStore(join(target, 'attachments')).open(
      letter.sha256,
    );
    expect(await text(file!.stream)).toBe(LETTER.toString());
  });

  it('refuses to restore into a DATA_DIR that holds anything, and to back up into a folder that does', async () => {
    const source = dir('source');
    const store = new SqliteEventStore({ file: join(source, 'events.sqlite') });
    await recordComplaints(store, 2);
    await store.close();
    expect(await cli(sqlite(source), 'backup', dir('backup'))).toMatchObject({ status: 0 });

    const again = await cli(sqlite(source), 'backup', dir('backup'));
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`The backup folder ${dir('backup')} is not empty (backup.json`);

    const used = dir('used');
    mkdirSync(used);
    writeFileSync(join(used, 'checkpoints.sqlite'), '');
    const refused = await cli(sqlite(used), 'restore', dir('backup'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`DATA_DIR ${used} is not empty (checkpoints.sqlite)`);
    expect(readFileSync(join(used, 'checkpoints.sqlite'), 'utf8')).toBe('');

    const incomplete = dir('incomplete');
    mkdirSync(incomplete);
    const nothing = await cli(sqlite(dir('fresh')), 'restore', incomplete);
    expect(nothing.status).toBe(1);
    expect(nothing.stderr).toContain('holds no complete backup: backup.json cannot be read');

    const otherStore = await cli(
      { EVENT_STORE: 'postgres', DATABASE_URL: postgresTestUrl, DATA_DIR: dir('fresh') },
      'restore',
      dir('backup'),
    );
    expect(otherStore.status).toBe(1);
    expect(otherStore.stderr).toContain(
      'is a backup of a sqlite store, and EVENT_STORE is postgres',
    );
  });

  it.each([
    [['backup'], 'the backup folder is required'],
    [['backup', 'one', 'two'], 'give one backup folder (got "one", "two")'],
    [['restore', '--force', 'here'], "Unknown option '--force'"],
  ])('refuses %j with exit status 2 and says why', async (args, message) => {
    const result = await cli(sqlite(dir('data')), ...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('backs up nothing from a DATA_DIR without a store', async () => {
    const result = await cli(sqlite(dir('empty')), 'backup', dir('backup'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `There is no event store at ${join(dir('empty'), 'events.sqlite')}`,
    );
  });
});

/** Each test's own databases on the test server, dropped afterwards. */
const throwawayDatabase = () => `sg_backup_${randomBytes(6).toString('hex')}`;
const urlOf = (database: string) => postgresTestUrl.replace(/\/[^/]*$/, `/${database}`);

async function onDatabase<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Every row of every credentials table, to compare a restored database with its original. */
const credentialRows = (url: string) =>
  onDatabase(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'credential\\_%' ORDER BY 1",
    );
    const contents: Record<string, unknown[]> = {};
    for (const { name } of tables)
      contents[name] = (await client.query(`SELECT * FROM ${name} ORDER BY 1`)).rows;
    return contents;
  });

/**
 * The PostgreSQL tools are the point of these tests, so when they are missing the tests fail,
 * each with this one message, rather than skip.
 */
function requirePostgresTools(): void {
  const missing = ['pg_dump', 'pg_restore'].filter(
    (tool) => spawnSync(tool, ['--version']).status !== 0,
  );
  if (missing.length > 0)
    throw new Error(
      `${missing.join(' and ')} not found: the PostgreSQL backup tests need Debian's ` +
        'postgresql-client package (apt-get install postgresql-client).',
    );
}

describe('cli backup and restore of the PostgreSQL store', () => {
  let root: string;
  const databases: string[] = [];
  const dir = (name: string) => join(root, name);
  const newDatabase = async () => {
    const database = throwawayDatabase();
    databases.push(database);
    await withClient((client) => client.query(`CREATE DATABASE ${database}`));
    return urlOf(database);
  };
  const postgres = (databaseUrl: string, dataDir: string) => ({
    EVENT_STORE: 'postgres',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
  });

  beforeAll(async () => {
    await requirePostgres();
    requirePostgresTools();
  });
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'sg-pg-backup-'))));
  afterEach(async () => {
    rmSync(root, { recursive: true, force: true });
    for (const database of databases.splice(0))
      await withClient((client) =>
        client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
      );
  });

  it('dumps the store while it is appended to, and restores the dump into an empty database: every event committed before the backup, the attachments and the credentials', async () => {
    const sourceUrl = await newDatabase();
    const source = dir('source');
    const admin = await cli(
      postgres(sourceUrl, source),
      'add-administrator',
      '--name',
      'Ada Admin',
      '--email',
      'ada@council.example',
    );
    expect(admin.status).toBe(0);
    const store = new PostgresEventStore({ connectionString: sourceUrl });
    const attachments = new PostgresAttachmentStore({ connectionString: sourceUrl });
    const letter = await attachments.put(LETTER);
    await attachments.close();
    await recordComplaints(store, 20);
    const beforeBackup = (await everyEvent(store)).map(asStored);

    const appender = keepAppending(store);
    await appendedMore(appender, 10);
    const appendedAtStart = appender.appended();
    const backup = await cli(postgres(sourceUrl, source), 'backup', dir('backup'));
    const appendedAtEnd = appender.appended();
    await appendedMore(appender, 10);
    await appender.stop();
    const sourceEvents = (await everyEvent(store)).map(asStored);
    await store.close();

    expect(backup).toMatchObject({ status: 0, stderr: '' });
    expect(appendedAtEnd).toBeGreaterThan(appendedAtStart);
    // The administrator's link to choose a password is a credential, kept in the database.
    expect(backup.stdout).toContain('1 rows of attachments');
    expect(backup.stdout).toContain('1 rows of credential_one_time_tokens');
    const manifest = JSON.parse(readFileSync(join(dir('backup'), 'backup.json'), 'utf8')) as {
      events: { count: number };
    };

    const targetUrl = await newDatabase();
    const target = dir('restored');
    const restore = await cli(postgres(targetUrl, target), 'restore', dir('backup'));
    expect(restore).toMatchObject({ status: 0, stderr: '' });

    const verify = await cli(postgres(targetUrl, target), 'verify');
    expect(verify).toMatchObject({ status: 0, stderr: '' });
    expect(verify.stdout).toContain('No problems found.');

    const restored = new PostgresEventStore({ connectionString: targetUrl });
    const restoredEvents = (await everyEvent(restored)).map(asStored);
    expect(restoredEvents).toHaveLength(manifest.events.count);
    // Everything committed before the backup began, each event as it was, at its position.
    const byId = new Map(sourceEvents.map((event) => [event.id, event]));
    for (const event of restoredEvents) expect(event).toEqual(byId.get(event.id));
    const restoredIds = new Set(restoredEvents.map((event) => event.id));
    expect(beforeBackup.filter((event) => !restoredIds.has(event.id))).toEqual([]);
    expect(restoredEvents.length).toBeGreaterThanOrEqual(beforeBackup.length + appendedAtStart);
    expect(restoredEvents.length).toBeLessThan(sourceEvents.length);
    // A stream is never restored with a hole: each is its source's first events.
    const streamOf = (events: typeof sourceEvents, stream: string) =>
      events.filter((event) => event.stream === stream);
    for (const stream of new Set(restoredEvents.map((event) => event.stream))) {
      const kept = streamOf(restoredEvents, stream);
      expect(kept).toEqual(streamOf(sourceEvents, stream).slice(0, kept.length));
    }
    // Appends go on after the restored events, in the global order as in their streams.
    const [lodged] = complaintEvents('after-the-restore', 'SG-2025-999999');
    await restored.appendToStream('complaint-after-the-restore', [lodged], {
      expectedRevision: 'no_stream',
    });
    const afterAppend = await everyEvent(restored);
    expect(afterAppend.slice(0, -1).map(asStored)).toEqual(restoredEvents);
    expect(afterAppend.at(-1)!.stream).toBe('complaint-after-the-restore');
    await restored.close();

    const restoredAttachments = new PostgresAttachmentStore({ connectionString: targetUrl });
    const file = await restoredAttachments.open(letter.sha256);
    expect(await text(file!.stream)).toBe(LETTER.toString());
    await restoredAttachments.close();
    expect(await credentialRows(targetUrl)).toEqual(await credentialRows(sourceUrl));

    const again = await cli(postgres(targetUrl, dir('another')), 'restore', dir('backup'));
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(
      `The database DATABASE_URL names is not empty: 1 rows of attachments, 1 rows of credential_one_time_tokens, ${manifest.events.count + 1} rows of events.`,
    );
  });

  it('refuses a server whose transaction ids are behind the backup’s, and writes nothing to it', async () => {
    const sourceUrl = await newDatabase();
    const store = new PostgresEventStore({ connectionString: sourceUrl });
    await recordComplaints(store, 1);
    await store.close();
    // As a server with a longer history (a higher transaction id epoch) would have stored them.
    await onDatabase(sourceUrl, (client) =>
      client.query(`UPDATE events SET transaction_id = '1099511627776'::xid8`),
    );
    expect(await cli(postgres(sourceUrl, dir('source')), 'backup', dir('backup'))).toMatchObject({
      status: 0,
    });

    const targetUrl = await newDatabase();
    const refused = await cli(postgres(targetUrl, dir('restored')), 'restore', dir('backup'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('are not yet past the backup’s (up to 1099511627776)');
    expect(refused.stderr).toContain('pg_resetwal --epoch=257');
    const { rows } = await onDatabase(targetUrl, (client) =>
      client.query<{ present: boolean }>(
        "SELECT to_regclass('public.events') IS NOT NULL AS present",
      ),
    );
    expect(rows[0].present).toBe(false);
  });
});

describe('cli backup and restore with EventStoreDB', () => {
  let root: string;
  const dir = (name: string) => join(root, name);
  // The CLI never connects to EventStoreDB to back up or restore: nothing listens here.
  const eventstoredb = (dataDir: string) => ({
    EVENT_STORE: 'eventstoredb',
    EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false',
    DATA_DIR: dataDir,
  });

  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'sg-esdb-backup-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('backs up and restores the node’s files, says how to copy the store itself, and exits 1 as the events are not in it', async () => {
    const letter = await new FilesystemAttachmentStore(join(dir('source'), 'attachments')).put(
      LETTER,
    );

    const backup = await cli(eventstoredb(dir('source')), 'backup', dir('backup'));
    expect(backup.status).toBe(1);
    expect(backup.stdout).toContain('attachments/: 1 attachments’ files');
    expect(backup.stderr).toContain('The events are NOT in this backup');
    expect(backup.stderr).toContain('<db folder>/chunk-*');

    const restore = await cli(eventstoredb(dir('restored')), 'restore', dir('backup'));
    expect(restore.status).toBe(1);
    expect(restore.stderr).toContain('The events are NOT restored by the CLI');
    expect(restore.stderr).toContain('truncate.chk');
    const file = await new FilesystemAttachmentStore(join(dir('restored'), 'attachments')).open(
      letter.sha256,
    );
    expect(await text(file!.stream)).toBe(LETTER.toString());
  });
});

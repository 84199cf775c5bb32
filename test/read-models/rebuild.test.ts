import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { complaintStream } from '@sg/complaints';
import {
  envelope,
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
  SqliteEventStore,
} from '@sg/event-store';
import {
  ComplaintQueries,
  currentReadModelFile,
  ReadModelProjector,
  rebuildReadModels,
} from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import { builtEntry, repositoryRoot } from '../support/run-built';
import {
  type ComplaintsApp,
  lodgeBody,
  startComplaintsApp,
  upholdAndPropose,
} from '../support/complaints-app';

/** Every row of the read model's tables, in a fixed order, for comparing two builds. */
function contents(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      complaints: db.prepare('SELECT * FROM complaints ORDER BY complaint_id').all(),
      search: db
        .prepare('SELECT * FROM complaint_search ORDER BY complaint_id, council_only, notes')
        .all(),
      facts: db.prepare('SELECT * FROM report_facts ORDER BY complaint_id, revision, kind').all(),
      position: db.prepare('SELECT name, commit_position, prepare_position FROM checkpoints').all(),
    };
  } finally {
    db.close();
  }
}

async function driveSomeComplaints(api: ComplaintsApp): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 4; i += 1) {
    api.clock.set(`2025-04-17T09:0${i}:00.000Z`);
    const lodged = await api
      .as('head')
      .post('/api/complaints', lodgeBody({ summary: `Complaint number ${i}` }))
      .expect(201);
    ids.push((lodged.body as { id: string }).id);
  }
  for (const id of ids.slice(1)) await api.as('support').post(`/api/complaints/${id}/referral`);
  await api
    .as('support')
    .post(`/api/complaints/${ids[1]}/notes`, { text: 'Chased by phone' })
    .expect(200);
  await api
    .as('hr-manager')
    .post(`/api/complaints/${ids[2]}/resolution`, { resolution: 'Advice sent.' })
    .expect(200);
  api.clock.set('2025-05-07T09:00:00.000Z');
  await api.reportResolutionDeadline(ids[3], 1);
  await upholdAndPropose(api, ids[3], { failureLevel: 'serious', amountPence: 100_000 });
  await api.clocksSettled();
  return ids;
}

describe('rebuilding the read models', () => {
  let api: ComplaintsApp;
  afterEach(() => api.close());

  it('builds exactly what the live projection built, and the engine swaps to it without a pause in service', async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    await driveSomeComplaints(api);
    const serving = currentReadModelFile(api.dataDir);
    const incremental = contents(serving);
    expect(incremental.complaints).toHaveLength(4);

    const progress: number[] = [];
    const result = await rebuildReadModels(api.app.get<EventStore>(EVENT_STORE), api.dataDir, {
      calendar: api.app.get(WorkingDayCalendar),
      batchSize: 7,
      onProgress: (p) => progress.push(p.fraction),
    });
    expect(currentReadModelFile(api.dataDir)).toBe(result.file);
    expect(contents(result.file)).toEqual(incremental);
    expect(progress[progress.length - 1]).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);

    const before = api.app.get(ComplaintQueries).list({ all: true }, {}, { limit: 10 }, new Date());
    await api.app.get(ReadModelProjector).swapIfRebuilt();
    expect(existsSync(serving)).toBe(false);
    const after = api.app.get(ComplaintQueries).list({ all: true }, {}, { limit: 10 }, new Date());
    expect(after).toEqual(before);
    // The live projection goes on in the new file.
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    await api.clocksSettled();
    expect(contents(result.file).complaints).toHaveLength(5);
  });

  it('a rebuilt file the node cannot open is refused, and the node serves on from the file it has', async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    await driveSomeComplaints(api);
    const serving = currentReadModelFile(api.dataDir);
    // A file no SQLite can read, as one written by another user would be to the engine's.
    writeFileSync(
      join(api.dataDir, 'read-models-unopenable.sqlite'),
      'not a database '.repeat(512),
    );
    writeFileSync(join(api.dataDir, 'read-models.current'), 'read-models-unopenable.sqlite');
    const projector = api.app.get(ReadModelProjector);
    const handles = () => readdirSync('/proc/self/fd').length;
    const before = handles();
    await expect(projector.swapIfRebuilt()).rejects.toThrow(/cannot open the read model/);
    // Not tried again (the check runs every second) until another file is published, and the
    // file it could not read is not left open.
    await expect(projector.swapIfRebuilt()).resolves.toBeUndefined();
    expect(handles()).toBeLessThanOrEqual(before);
    expect(existsSync(serving)).toBe(true);
    // Still answering, and still following the store, in the file it had.
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    await api.clocksSettled();
    expect(contents(serving).complaints).toHaveLength(5);
    expect(
      api.app.get(ComplaintQueries).list({ all: true }, {}, { limit: 10 }, new Date()).items,
    ).toHaveLength(5);
  });
});

describe('npm run -s cli -- rebuild', () => {
  let api: ComplaintsApp;
  afterEach(() => api.close());

  it('killed midway leaves the read model in service untouched; run again, it finishes and swaps', async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    const [, , , escalated] = await driveSomeComplaints(api);
    // The engine stops; its data stays for the CLI to rebuild.
    await api.stop();
    const serving = currentReadModelFile(api.dataDir);
    const served = contents(serving);
    // Thousands of copies of a real complaint's history, so the rebuild takes a while.
    const store = new SqliteEventStore({ file: join(api.dataDir, 'events.sqlite') });
    const history: RecordedEvent[] = [];
    for await (const event of store.readStream(complaintStream(escalated))) history.push(event);
    for (let i = 0; i < 20; i += 1) {
      await Promise.all(
        Array.from({ length: 500 }, () => {
          const id = randomUUID();
          return store.appendToStream(
            complaintStream(id),
            history.map((event) =>
              envelope(
                {
                  type: event.type,
                  data:
                    event.type === 'ComplaintLodged'
                      ? { ...(event.data as object), complaintId: id }
                      : event.data,
                },
                event.metadata,
              ),
            ),
            { expectedRevision: 'no_stream' },
          );
        }),
      );
    }
    await store.close();

    const rebuild = () =>
      spawn(process.execPath, [builtEntry('cli'), 'rebuild'], {
        cwd: repositoryRoot,
        env: { ...process.env, DATA_DIR: api.dataDir, NO_COLOR: '1' },
      });
    const killed = rebuild();
    let progress = '';
    await new Promise<void>((resolve) => {
      killed.stderr.on('data', (chunk: Buffer) => {
        progress += chunk.toString();
        if (/\] +\d+% /.test(progress)) {
          killed.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => killed.on('exit', resolve));
    expect(progress).toMatch(/^\[#*-*\] +\d+% +[\d,]+ events +[\d,]+ events\/s +ETA /m);
    expect(currentReadModelFile(api.dataDir)).toBe(serving);
    expect(contents(serving)).toEqual(served);
    const abandoned = readdirSync(api.dataDir).filter((name) =>
      /^read-models-.*\.sqlite$/.test(name),
    );
    expect(abandoned).toHaveLength(1);

    const finished = rebuild();
    let out = '';
    finished.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise((resolve) => finished.on('exit', resolve));
    expect(code).toBe(0);
    const result = JSON.parse(out) as { file: string; events: number };
    expect(currentReadModelFile(api.dataDir)).toBe(result.file);
    expect(readdirSync(api.dataDir)).not.toContain(abandoned[0]);
    expect(contents(result.file).complaints).toHaveLength(4 + 20 * 500);
  }, 60_000);
});

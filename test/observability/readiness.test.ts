import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  CheckpointedRunner,
  type RecordedEvent,
  SqliteCheckpointStore,
  SqliteEventStore,
} from '@sg/event-store';
import { reactionsKeepUp, Readiness } from '@sg/observability';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { eventuallyPasses } from '../support/eventually';

describe('GET /health/ready on the API', () => {
  let app: INestApplication;
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-ready-'));
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, {
      DATA_DIR: dataDir,
      DEMO_DATA: 'off',
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot('in-process')],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 naming the event store when it cannot be read, while the process is live', async () => {
    const server = app.getHttpServer() as Server;
    await request(server).get('/health/live').expect(200);
    const answer = await request(server).get('/health/ready').expect(503);
    expect(answer.body).toEqual({
      status: 'not-ready',
      reasons: [expect.stringMatching(/^event store: /)],
    });
  });
});

describe('readiness and the reactions’ lag', () => {
  it('is refused while a reaction is further behind than allowed, and given once it catches up', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const runner = new CheckpointedRunner(
      store,
      new SqliteCheckpointStore(new Database(':memory:')),
    );
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const reaction = runner.start({
      name: 'slow-reaction',
      checkpoints: 'runner',
      handle: async (event: RecordedEvent) => {
        if (event.type === 'First') await held;
      },
    });
    const event = (type: string) => ({
      id: randomUUID(),
      type,
      data: {},
      metadata: { schemaVersion: 1 },
    });
    await store.appendToStream(
      'things-1',
      [event('First'), ...[1, 2, 3, 4].map(() => event('Then'))],
      {
        expectedRevision: 'no_stream',
      },
    );
    const readiness = new Readiness();
    readiness.require('reactions', () => reactionsKeepUp(() => runner.reports(), 2));

    await eventuallyPasses(async () =>
      expect(await readiness.check()).toEqual({
        ready: false,
        reasons: ['reactions: slow-reaction is 5 events behind (more than 2)'],
      }),
    );
    release();
    await eventuallyPasses(async () =>
      expect(await readiness.check()).toEqual({ ready: true, reasons: [] }),
    );
    await reaction.stop();
    await store.close();
  });

  it('counts a check that takes too long, or throws, as a reason', async () => {
    const readiness = new Readiness();
    readiness.require('fine', () => null);
    readiness.require('broken', () => {
      throw new Error('refused');
    });
    const remove = readiness.require('slow', () => new Promise(() => undefined));
    expect(await readiness.check()).toEqual({
      ready: false,
      reasons: ['broken: refused', 'slow: no answer within 2000 ms'],
    });
    remove();
    readiness.require('broken', () => null);
    expect(await readiness.check()).toEqual({ ready: true, reasons: [] });
  });
});

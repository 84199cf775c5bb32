import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type Server } from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { type WorkerMode } from '@sg/config';
import { AppModule } from '../../apps/api/src/app.module';
import { type Health } from '../../apps/api/src/health/health.controller';
import {
  type EngineWithParkedEvent,
  REFUSAL,
  startEngineWithParkedEvent,
} from '../support/engine-with-parked-event';
import { eventually } from '../support/eventually';
import { repositoryRoot, runBuilt, startBuilt } from '../support/run-built';

const version = (
  JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { version: string }
).version;

const dataDir = mkdtempSync(join(tmpdir(), 'sg-health-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('GET /health', () => {
  let app: INestApplication;
  const savedEnv = { ...process.env };

  beforeEach(() => {
    process.env.DATA_DIR = dataDir;
  });

  async function healthIn(mode: WorkerMode, status = 200) {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(mode)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return request(app.getHttpServer() as Server)
      .get('/health')
      .expect(status);
  }

  afterEach(async () => {
    await app?.close();
    process.env = { ...savedEnv };
  });

  it('answers 200 with the version and the in-process worker in embedded mode', async () => {
    const response = await healthIn('in-process');
    expect(response.body).toEqual({
      status: 'ok',
      version,
      eventStore: { kind: 'sqlite', reachable: true },
      worker: {
        mode: 'in-process',
        state: { running: true, since: expect.any(String), heartbeatAt: expect.any(String) },
      },
      reactions: expect.any(Array),
    });
    // Each reaction the in-process worker and the API run, however far it has got yet.
    expect((response.body as Health).reactions).toEqual(
      expect.arrayContaining(
        ['deadline-reactor', 'notification-reactor', 'read-models'].map((name): unknown =>
          expect.objectContaining({
            name,
            lag: expect.objectContaining({ events: expect.any(Number) }) as unknown,
            lastError: null,
            parked: 0,
          }),
        ),
      ),
    );
    // Loading the demo county into a fresh store takes seconds on a busy machine.
  }, 20_000);

  it('does not claim a worker when the worker runs as its own process', async () => {
    process.env.WORKER_MODE = 'separate';
    const response = await healthIn('separate');
    expect(response.body).toMatchObject({ status: 'ok', version, worker: { mode: 'separate' } });
    // The read model follows the store in the API process whichever way the worker runs.
    expect((response.body as Health).reactions?.map((reaction) => reaction.name)).toContain(
      'read-models',
    );
    expect((response.body as Health).reactions?.map((reaction) => reaction.name)).not.toContain(
      'deadline-reactor',
    );
  });

  it('answers 503 naming the problem when the event store cannot be read', async () => {
    process.env.DEMO_DATA = 'off';
    process.env.EVENT_STORE = 'eventstoredb';
    process.env.EVENTSTORE_CONNECTION_STRING = 'esdb://127.0.0.1:1?tls=false';
    const response = await healthIn('in-process', 503);
    expect(response.body).toMatchObject({
      status: 'unavailable',
      eventStore: { kind: 'eventstoredb', reachable: false, error: expect.any(String) },
    });
  });
});

describe('GET /health with a reaction that parked an event', () => {
  let engine: EngineWithParkedEvent;
  beforeEach(async () => (engine = await startEngineWithParkedEvent()));
  afterEach(() => engine.close());

  it('shows the event parked, the reaction’s last error, and the reaction caught up past it', async () => {
    const history = await engine.record();
    const referral = history[2];
    const last = history[history.length - 1];
    const readModels = async () =>
      (await engine.health()).reactions?.find((reaction) => reaction.name === 'read-models');
    await eventually(async () => (await readModels())?.position === String(last.position.commit));
    expect(await readModels()).toEqual({
      name: 'read-models',
      position: String(last.position.commit),
      lag: { events: 0, atLeast: false, oldestWaitingSeconds: null },
      lastError: { message: REFUSAL, at: expect.any(String), eventId: referral.id, attempts: 3 },
      parked: 1,
    });
    // The other reactions took the same events without trouble.
    const others = (await engine.health()).reactions!.filter((r) => r.name !== 'read-models');
    expect(others.map((r) => r.name)).toEqual(
      expect.arrayContaining(['deadline-reactor', 'notification-reactor']),
    );
    expect(others.filter((r) => r.parked > 0 || r.lastError)).toEqual([]);
  });
});

describe('the built API process', () => {
  it('starts on the configured port, serves /health and stops cleanly on SIGTERM', async () => {
    const freshDataDir = mkdtempSync(join(tmpdir(), 'sg-start-'));
    const api = await startBuilt(
      'api',
      { PORT: '0', DATA_DIR: freshDataDir },
      /listening on (http:\/\/\S+)/,
    );
    try {
      const response = await fetch(`${api.url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', version });
      expect(api.output()).toContain('worker started');
      expect(api.output()).toMatch(/loaded the demo county: 600 schools/);
    } finally {
      // Nest closes the application, then lets the signal end the process as it normally would.
      expect(await api.stop('SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
    }
    expect(api.output()).toContain('worker stopped on SIGTERM');
    rmSync(freshDataDir, { recursive: true, force: true });
    // Loading the demo county into a fresh store takes seconds on a busy machine.
  }, 20_000);

  it.each([
    ['PORT', 'abc', 'PORT must be a whole number from 0 to 65535 (got "abc")'],
    [
      'NODE_ENV',
      'staging',
      'NODE_ENV must be one of development, test, production (got "staging")',
    ],
    ['WORKER_MODE', 'both', 'WORKER_MODE must be one of in-process, separate (got "both")'],
    [
      'EVENT_STORE',
      'eventstoredb',
      'EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover://',
    ],
  ])('refuses to start with %s=%s and names it', (name, value, message) => {
    const result = runBuilt('api', [], { [name]: value });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain(message);
    // The message alone: no stack trace for a wrong setting.
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the built worker process', () => {
  it('starts on its own and stops cleanly on SIGTERM', async () => {
    const worker = await startBuilt(
      'worker',
      { WORKER_MODE: 'separate' },
      /worker process ready()/,
    );
    expect(await worker.stop('SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
    expect(worker.output()).toContain('worker stopped on SIGTERM');
    // A process of its own to start and stop: on a busy machine that takes more than 5 s.
  }, 30_000);

  it('refuses to start with a wrong setting and names it', () => {
    const result = runBuilt('worker', [], { LOG_LEVEL: 'loud' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('LOG_LEVEL must be one of');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

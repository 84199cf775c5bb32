import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventuallyPasses } from '../support/eventually';
import { runBuilt, startBuilt, type StartedProcess } from '../support/run-built';
import { useTestRedis } from '../support/test-redis';
import { sample } from './scraped-metrics';

const redis = useTestRedis('worker-probes');

describe('the built worker process’s HTTP server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-worker-probes-'));
  // DEADLINES_PREFIX allows 40 characters, fewer than the test Redis's own prefixes take.
  const prefix = `sg-probes-${randomBytes(6).toString('hex')}`;
  const leaseKey = `${prefix}:lease:worker`;
  let worker: StartedProcess | undefined;

  afterAll(async () => {
    await worker?.stop('SIGTERM');
    const keys = await redis.client.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.client.del(...keys);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers while the worker stands by for the lease, and is ready once it holds it', async () => {
    // Another worker holds the lease, for longer than this test runs.
    await redis.client.set(leaseKey, 'another-worker', 'PX', 60_000);
    worker = await startBuilt(
      'worker',
      {
        DATA_DIR: dataDir,
        REDIS_URL: redis.url,
        DEADLINES_PREFIX: prefix,
        WORKER_LEASE_SECONDS: '3',
        WORKER_HTTP_PORT: '0',
        LISTEN_ADDRESS: '127.0.0.1',
        LOG_FORMAT: 'json',
      },
      /worker HTTP server listening on (http:\/\/[^\s"]+)/,
    );
    const url = worker.url;
    const ready = () => fetch(`${url}/health/ready`);
    const metrics = async () => (await fetch(`${url}/metrics`)).text();

    await eventuallyPasses(() => expect(worker!.output()).toMatch(/standing by/));
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    const standing = await ready();
    expect(standing.status).toBe(503);
    expect(await standing.json()).toEqual({
      status: 'not-ready',
      reasons: expect.arrayContaining([expect.stringMatching(/standing by/)]),
    });
    const waiting = await metrics();
    expect(sample(waiting, 'sg_worker_lease{state="standing-by"}')).toBe(1);
    expect(sample(waiting, 'sg_worker_running')).toBe(0);
    expect(sample(waiting, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);

    // An API left at WORKER_MODE=in-process beside it waits out a lease that could be its own
    // last life's, then, the lease still renewed, says what is wrong and stops.
    const api = runBuilt('api', [], {
      DATA_DIR: join(dataDir, 'api'),
      REDIS_URL: redis.url,
      DEADLINES_PREFIX: prefix,
      WORKER_LEASE_SECONDS: '3',
      PORT: '0',
      LISTEN_ADDRESS: '127.0.0.1',
      DEMO_DATA: 'off',
    });
    expect(api.status).toBe(1);
    expect(api.stdout + api.stderr).toContain(
      'runs the worker with this Redis: beside a separate worker, start the API with WORKER_MODE=separate',
    );

    await redis.client.del(leaseKey);
    // The standby asks every third of the lease's 3 s, then starts its timers and reactions.
    await eventuallyPasses(async () => expect((await ready()).status).toBe(200), 10_000);
    const holding = await metrics();
    expect(sample(holding, 'sg_worker_lease{state="holding"}')).toBe(1);
    expect(sample(holding, 'sg_worker_running')).toBe(1);
    expect(sample(holding, 'sg_reaction_lag_events{reaction="deadline-reactor"}')).toBe(0);
    expect(sample(holding, 'sg_outbox_messages{state="waiting"}')).toBe(0);

    // Ready may be answered a moment before the line that reports it is written.
    await eventuallyPasses(() => expect(worker!.output()).toMatch(/worker process ready/));
    // Every line the worker wrote is one JSON object.
    const lines = worker
      .output()
      .split('\n')
      .filter((line) => line !== '');
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain(
      'worker process ready',
    );
  }, 30_000);

  it('without Redis, lets one worker act at a time on a data directory, and the next take over once it is killed', async () => {
    const shared = mkdtempSync(join(tmpdir(), 'sg-worker-file-lease-'));
    const settings = {
      DATA_DIR: shared,
      WORKER_LEASE_SECONDS: '60',
      WORKER_HTTP_PORT: '0',
      LISTEN_ADDRESS: '127.0.0.1',
      LOG_FORMAT: 'json',
    };
    const listening = /worker HTTP server listening on (http:\/\/[^\s"]+)/;
    const first = await startBuilt('worker', settings, listening);
    let second: StartedProcess | undefined;
    try {
      await eventuallyPasses(async () =>
        expect((await fetch(`${first.url}/health/ready`)).status).toBe(200),
      );
      second = await startBuilt('worker', settings, listening);
      const standby = second;
      await eventuallyPasses(() => expect(standby.output()).toMatch(/standing by/));
      expect((await fetch(`${standby.url}/health/ready`)).status).toBe(503);
      // An API left at WORKER_MODE=in-process beside it says what is wrong and stops, rather than
      // stand by for the lease without ever listening.
      const api = runBuilt('api', [], { DATA_DIR: shared, PORT: '0', DEMO_DATA: 'off' });
      expect(api.status).toBe(1);
      expect(api.stdout + api.stderr).toContain(
        'beside a separate worker, start the API with WORKER_MODE=separate',
      );
      // A minute's lease, but its holder is gone: the standby asks every 20 s and takes it then.
      await first.stop('SIGKILL');
      await eventuallyPasses(
        async () => expect((await fetch(`${standby.url}/health/ready`)).status).toBe(200),
        40_000,
      );
    } finally {
      await first.stop('SIGKILL').catch(() => undefined);
      await second?.stop('SIGTERM');
      rmSync(shared, { recursive: true, force: true });
    }
  }, 90_000);
});

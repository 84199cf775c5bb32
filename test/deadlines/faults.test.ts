import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import {
  BullMqDeadlineScheduler,
  DeadlineReactor,
  fireDeadline,
  RunningClocks,
  timerId,
} from '@sg/deadlines';
import { CheckpointedRunner, SqliteCheckpointStore, SqliteEventStore } from '@sg/event-store';
import Database from 'better-sqlite3';
import { type ComplaintsApp, lodgeBody, startComplaintsApp } from '../support/complaints-app';
import { repositoryRoot } from '../support/run-built';
import { eventually, sleep } from './deadline-scheduler-conformance';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** A Redis of the test's own, so it can be stopped without touching anyone else's. */
function startRedis(port: number): ChildProcess {
  return spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
}

const stopped = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

interface View {
  id: string;
  status: string;
  clocks: Record<string, { revision: number }>;
}

jest.setTimeout(60_000);

describe('deadlines when things fail', () => {
  let api: ComplaintsApp | undefined;

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('Redis stopped for a moment: scheduling fails fast with a clear error, and nothing is lost once it is back', async () => {
    const port = await freePort();
    let redis = startRedis(port);
    const store = new SqliteEventStore({ file: ':memory:' });
    const scheduler = new BullMqDeadlineScheduler({
      redisUrl: `redis://127.0.0.1:${port}`,
      prefix: 'sg-outage',
    });
    const errors: string[] = [];
    const runner = new CheckpointedRunner(
      store,
      new SqliteCheckpointStore(new Database(':memory:')),
      {
        retryDelayMs: { first: 50, max: 400 },
        logger: { error: (message) => errors.push(message) },
      },
    );
    const reactor = runner.start(
      new DeadlineReactor(new RunningClocks(new Database(':memory:')), scheduler),
    );
    const clockEvent = (
      type: 'ClockStarted' | 'ClockExtended',
      revision: number,
      deadline: string,
    ) => ({
      id: randomUUID(),
      type,
      data: {
        clock: 'resolution',
        timing: {
          revision,
          anchor: '2025-04-17T09:00:00.000Z',
          workingDays: 10,
          dueDate: deadline.slice(0, 10),
          deadline,
          warningAt: null,
        },
        extraWorkingDays: 2,
        by: { id: 'system', role: 'system' },
        at: '2025-04-17T09:00:00.000Z',
      },
      metadata: { schemaVersion: 1 },
    });
    try {
      await sleep(300);
      const started = await store.appendToStream(
        'complaint-c1',
        [clockEvent('ClockStarted', 1, '2025-05-06T23:00:00.000Z')],
        { expectedRevision: 'no_stream' },
      );
      await reactor.reached(started.position);
      expect((await scheduler.pending()).map(timerId)).toEqual(['c1.r1d']);

      redis.kill('SIGTERM');
      await stopped(redis);
      const refused = scheduler.schedule({
        complaintId: 'c1',
        clock: 'resolution',
        revision: 9,
        timer: 'deadline',
        fireAt: new Date().toISOString(),
      });
      await expect(refused).rejects.toThrow(/enableOfflineQueue/);

      // Clocks keep moving while Redis is away; the reactor keeps trying.
      const extended = await store.appendToStream(
        'complaint-c1',
        [clockEvent('ClockExtended', 2, '2025-05-08T23:00:00.000Z')],
        { expectedRevision: 0n },
      );
      await eventually(() => errors.length >= 2);
      expect(errors[0]).toMatch(
        /deadline-reactor failed after 1; retrying in 50 ms: Stream isn't writeable/,
      );

      redis = startRedis(port);
      await reactor.reached(extended.position);
      expect((await scheduler.pending()).map(timerId)).toEqual(['c1.r2d']);
    } finally {
      await reactor.stop();
      await scheduler.close();
      await store.close();
      redis.kill('SIGTERM');
      await stopped(redis).catch(() => undefined);
    }
  });

  it('a worker killed with SIGKILL in the middle of a job: the job is taken back and the complaint escalates once', async () => {
    const redisUrl = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/8`;
    const prefix = `sg-crash-${randomUUID().slice(0, 8)}`;
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as View).id;
    const referred = await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    const revision = (referred.body as View).clocks.resolution.revision;

    // A worker process that takes the timer and never finishes it.
    const library = join(repositoryRoot, 'dist/libs/deadlines/src/index.js');
    const doomed = spawn(process.execPath, [
      '-e',
      `const { BullMqDeadlineScheduler } = require(${JSON.stringify(library)});
       const s = new BullMqDeadlineScheduler({ redisUrl: ${JSON.stringify(redisUrl)}, prefix: ${JSON.stringify(prefix)}, lockDurationMs: 1000, stalledIntervalMs: 500 });
       s.start(() => { process.stdout.write('took the job\\n'); return new Promise(() => {}); });`,
    ]);
    let output = '';
    doomed.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const producer = new BullMqDeadlineScheduler({ redisUrl, prefix });
    const timer = {
      complaintId: id,
      clock: 'resolution' as const,
      revision,
      timer: 'deadline' as const,
      fireAt: '2025-05-06T23:00:00.000Z',
    };
    api.clock.set('2025-05-07T08:00:00.000Z');
    await producer.schedule(timer);
    await eventually(() => output.includes('took the job'));
    doomed.kill('SIGKILL');
    await stopped(doomed);

    let handled = 0;
    const fire = fireDeadline(api.app.get(CommandBus), api.clock);
    const survivor = new BullMqDeadlineScheduler({
      redisUrl,
      prefix,
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
    });
    await survivor.start(async (t) => {
      handled += 1;
      await fire(t);
    });
    try {
      await eventually(() => handled === 1, 30_000);
      await eventually(async () => (await producer.pending()).length === 0);
      const view = (await api.as('support').get(`/api/complaints/${id}`).expect(200)).body as View;
      expect(view.status).toBe('escalated');
      const timeline = (await api.as('support').get(`/api/complaints/${id}/timeline`).expect(200))
        .body as { type: string }[];
      expect(timeline.filter((e) => e.type === 'ComplaintEscalated')).toHaveLength(1);
      await sleep(1500);
      expect(handled).toBe(1);
    } finally {
      await survivor.close();
      await producer.close();
    }
  });
});

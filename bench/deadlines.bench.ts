import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { complaintCommandHandler, type ExecuteComplaintCommand } from '@sg/complaint-service';
import { DEFAULT_POLICY, complaintStream, schemaVersionOf } from '@sg/complaints';
import { BullMqDeadlineScheduler, type DeadlineTimer, fireDeadline, timerId } from '@sg/deadlines';
import { envelope, type NewEvent, SqliteEventStore, timeOrderedUuid } from '@sg/event-store';
import { WorkingDayCalendar } from '@sg/working-days';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { formatRate, percentile, report } from './harness';

const REDIS = `${process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'}/9`;
const CLOCKS = Number(process.env.BENCH_CLOCKS ?? 100_000);
const SIMULTANEOUS = 10_000;
const CHUNK = 1_000;

const perEscalation = (seconds: number) => Math.round((seconds * 1e6) / SIMULTANEOUS);

const timerFor = (i: number, fireAt: string): DeadlineTimer => ({
  complaintId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  clock: 'resolution',
  revision: 1,
  timer: 'deadline',
  fireAt,
});

async function usedMemory(redis: IORedis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

const BY = { id: 'business-support-1', role: 'business-support' } as const;

/**
 * A complaint referred at `at`, its resolution clock running: what a referral records, at the
 * schema versions this release writes, so loading it upcasts nothing.
 */
function referComplaint(store: SqliteEventStore, id: string, at: string) {
  const deadline = referralCalendar.addWorkingDays(at, 10);
  const facts = [
    {
      type: 'ComplaintLodged',
      data: {
        complaintId: id,
        reference: 'SG-2025-000001',
        channel: 'email',
        schoolUrn: '119300',
        serviceId: 'schools-hr',
        summary: 's',
        details: 'd',
        standards: [],
        contact: { name: 'n' },
        relatedContractId: null,
        relatedBookingId: null,
        policy: DEFAULT_POLICY,
        desiredOutcome: null,
        loggedByOfficer: null,
        emailMessageId: null,
        filesNotKept: [],
        receivedAt: at,
        matchedBy: null,
        by: BY,
        at,
      },
    },
    { type: 'ComplaintReferred', data: { serviceId: 'schools-hr', note: null, by: BY, at } },
    {
      type: 'ClockStarted',
      data: {
        clock: 'resolution',
        timing: {
          revision: 1,
          anchor: at,
          workingDays: 10,
          dueDate: deadline.dueDate,
          deadline: deadline.deadline.toISOString(),
          warningAt: null,
        },
        by: BY,
        at,
      },
    },
  ];
  return store.appendToStream(
    complaintStream(id),
    facts.map((fact) => envelope(fact, { schemaVersion: schemaVersionOf(fact.type) })),
    { expectedRevision: 'no_stream' },
  );
}
const referralCalendar = new WorkingDayCalendar();

async function referAll(store: SqliteEventStore, ids: readonly string[], at: string) {
  for (let i = 0; i < ids.length; i += CHUNK)
    await Promise.all(ids.slice(i, i + CHUNK).map((id) => referComplaint(store, id, at)));
}

/** As many as the queue's worker runs at once. */
const IN_FLIGHT = Number(process.env.BENCH_CONCURRENCY ?? 50);

/** Runs `work` over `items`, `limit` at a time. */
async function inFlight<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * `count` resolution timers due 3 s from now on a fresh queue, a worker of concurrency IN_FLIGHT running
 * `onFire` for each; the lag of each from its due instant to the end of `onFire`, in ms.
 */
async function dueAtOnce(
  prefix: string,
  count: number,
  onFire: (timer: DeadlineTimer) => Promise<void>,
  timers: (dueAtReal: number) => { complaintIds: string[]; fireAt: string; shiftMs: number } = (
    dueAtReal,
  ) => ({
    complaintIds: Array.from({ length: count }, () => randomUUID()),
    fireAt: new Date(dueAtReal).toISOString(),
    shiftMs: 0,
  }),
): Promise<number[]> {
  const dueAtReal = Date.now() + 3_000;
  const { complaintIds, fireAt, shiftMs } = timers(dueAtReal);
  const lags: number[] = [];
  const scheduler = new BullMqDeadlineScheduler({
    redisUrl: REDIS,
    prefix,
    concurrency: IN_FLIGHT,
    now: () => Date.now() + shiftMs,
    onError: (message) => process.stderr.write(`${message}\n`),
  });
  await scheduler.start(async (timer) => {
    await onFire(timer);
    lags.push(Date.now() - dueAtReal);
  });
  for (let i = 0; i < count; i += CHUNK) {
    await scheduler.scheduleMany(
      complaintIds.slice(i, i + CHUNK).map((complaintId) => ({
        complaintId,
        clock: 'resolution',
        revision: 1,
        timer: 'deadline',
        fireAt,
      })),
    );
  }
  while (lags.length < count) await new Promise((resolve) => setTimeout(resolve, 50));
  await scheduler.close();
  return lags.sort((a, b) => a - b);
}

/**
 * Scheduling through the port against raw BullMQ addBulk of the same jobs; Redis memory per
 * pending clock; and 10,000 clocks due at the same instant, each fired through the real decider
 * and SQLite store, from due to escalation recorded; then where that time goes: the same
 * escalations with no queue, and the events they wrote appended bare.
 */
export async function deadlinesBench(): Promise<void> {
  const redis = new IORedis(REDIS);
  await redis.flushdb();
  const future = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const timers = Array.from({ length: CLOCKS }, (_, i) => timerFor(i, future));

  // 1. Through the port: schedule() for every clock, many in flight at once.
  const port = new BullMqDeadlineScheduler({ redisUrl: REDIS, prefix: 'bench-port' });
  const before = await usedMemory(redis);
  let started = performance.now();
  for (let i = 0; i < CLOCKS; i += CHUNK)
    await Promise.all(timers.slice(i, i + CHUNK).map((t) => port.schedule(t)));
  const portSeconds = (performance.now() - started) / 1000;
  const bytesPerClock = ((await usedMemory(redis)) - before) / CLOCKS;
  const pendingCount = await port.queue.getDelayedCount();
  await port.close();

  // 2. Raw addBulk of the same jobs into another queue.
  const rawConnection = new IORedis(REDIS, { maxRetriesPerRequest: 1 });
  const raw = new Queue('deadlines', {
    connection: rawConnection,
    prefix: 'bench-raw',
  });
  started = performance.now();
  for (let i = 0; i < CLOCKS; i += CHUNK) {
    await raw.addBulk(
      timers.slice(i, i + CHUNK).map((t) => ({
        name: t.timer,
        data: t,
        opts: {
          jobId: timerId(t),
          delay: Date.parse(t.fireAt) - Date.now(),
          attempts: 12,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: true,
        },
      })),
    );
  }
  const rawSeconds = (performance.now() - started) / 1000;
  await raw.close();
  rawConnection.disconnect();
  await redis.flushdb();

  // 3. 10,000 clocks due at the same instant: first with a worker that does nothing (BullMQ's
  // own floor on this machine), then each fired through the real decider into a SQLite file.
  const floorSorted = await dueAtOnce('bench-floor', SIMULTANEOUS, () => Promise.resolve());
  const directory = mkdtempSync(join(tmpdir(), 'sg-bench-deadlines-'));
  const store = new SqliteEventStore({ file: join(directory, 'events.sqlite') });
  const calendar = new WorkingDayCalendar();
  const referredAt = '2025-04-17T09:00:00.000Z';
  const deadline = calendar.addWorkingDays(referredAt, 10);
  const ids = Array.from({ length: SIMULTANEOUS }, () => randomUUID());
  await referAll(store, ids, referredAt);
  const handler = complaintCommandHandler(store, calendar);
  const commands = { execute: (command: ExecuteComplaintCommand) => handler.execute(command) };
  let shift = 0;
  const fire = fireDeadline(commands as never, { now: () => new Date(Date.now() + shift) });
  const sorted = await dueAtOnce('bench-due', SIMULTANEOUS, fire, (dueAtReal) => {
    // Virtual "now": the complaints' deadline arrives when the timers are due, in real time.
    shift = deadline.deadline.getTime() - dueAtReal;
    return { complaintIds: ids, fireAt: deadline.deadline.toISOString(), shiftMs: shift };
  });
  let escalated = 0;
  for await (const event of store.readAll())
    if (event.type === 'ComplaintEscalated') escalated += 1;
  await store.close();

  // 4. Where the time goes past the queue: the same escalations with no queue at all, then the
  // events they wrote appended bare to a store holding only the referrals.
  const direct = new SqliteEventStore({ file: join(directory, 'direct.sqlite') });
  await referAll(direct, ids, referredAt);
  const directHandler = complaintCommandHandler(direct, calendar);
  const fireDirect = fireDeadline(
    { execute: (command: ExecuteComplaintCommand) => directHandler.execute(command) } as never,
    { now: () => deadline.deadline },
  );
  started = performance.now();
  await inFlight(ids, IN_FLIGHT, (complaintId) =>
    fireDirect({
      complaintId,
      clock: 'resolution',
      revision: 1,
      timer: 'deadline',
      fireAt: deadline.deadline.toISOString(),
    }),
  );
  const commandsSeconds = (performance.now() - started) / 1000;
  const written = new Map<string, NewEvent[]>();
  for await (const event of direct.readAll()) {
    if (event.revision < 3n) continue;
    const list = written.get(event.stream) ?? [];
    list.push({
      id: timeOrderedUuid(),
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    });
    written.set(event.stream, list);
  }
  await direct.close();
  const bare = new SqliteEventStore({ file: join(directory, 'bare.sqlite') });
  await referAll(bare, ids, referredAt);
  started = performance.now();
  await inFlight([...written], IN_FLIGHT, ([stream, events]) =>
    bare.appendToStream(stream, events, { expectedRevision: 2n }),
  );
  const bareSeconds = (performance.now() - started) / 1000;
  const eventsPerEscalation = [...written.values()].reduce((n, e) => n + e.length, 0) / ids.length;
  await bare.close();
  rmSync(directory, { recursive: true, force: true });
  await redis.flushdb();
  redis.disconnect();
  const ratio = rawSeconds / portSeconds;

  report(
    [
      [
        `scheduling ${CLOCKS.toLocaleString('en-GB')} clocks through the port`,
        `${portSeconds.toFixed(2)} s (${formatRate(CLOCKS / portSeconds)})`,
      ],
      [
        `raw queue.addBulk of the same jobs`,
        `${rawSeconds.toFixed(2)} s (${formatRate(CLOCKS / rawSeconds)})`,
      ],
      ['ratio (port / raw throughput)', ratio.toFixed(2)],
      [
        'Redis memory per pending clock',
        `${Math.round(bytesPerClock)} bytes (${pendingCount} pending)`,
      ],
      [
        `${SIMULTANEOUS.toLocaleString('en-GB')} clocks due at once (SQLite file): due → escalation p50`,
        `${percentile(sorted, 50)} ms`,
      ],
      ['… p99', `${percentile(sorted, 99)} ms`],
      [
        '… the same timers with a worker that does nothing: p50',
        `${percentile(floorSorted, 50)} ms`,
      ],
      ['… … p99 (BullMQ on this machine, the floor)', `${percentile(floorSorted, 99)} ms`],
      ['… last', `${sorted[sorted.length - 1]} ms (${escalated} escalations recorded)`],
      [
        `the same escalations with no queue, ${IN_FLIGHT} at once`,
        `${commandsSeconds.toFixed(2)} s (${perEscalation(commandsSeconds)} µs each)`,
      ],
      [
        `… their events (${eventsPerEscalation.toFixed(1)} each) appended bare`,
        `${bareSeconds.toFixed(2)} s (${perEscalation(bareSeconds)} µs each: the store)`,
      ],
      [
        '… the rest: loading, deciding, folding',
        `${(commandsSeconds - bareSeconds).toFixed(2)} s (${perEscalation(commandsSeconds - bareSeconds)} µs each)`,
      ],
    ],
    {
      bench: 'deadlines',
      clocks: CLOCKS,
      portSeconds: Number(portSeconds.toFixed(2)),
      rawAddBulkSeconds: Number(rawSeconds.toFixed(2)),
      ratio: Number(ratio.toFixed(2)),
      bytesPerPendingClock: Math.round(bytesPerClock),
      simultaneous: SIMULTANEOUS,
      escalations: escalated,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      noOpWorkerP50Ms: percentile(floorSorted, 50),
      noOpWorkerP99Ms: percentile(floorSorted, 99),
      lastMs: sorted[sorted.length - 1],
      noQueueSeconds: Number(commandsSeconds.toFixed(2)),
      bareAppendSeconds: Number(bareSeconds.toFixed(2)),
      eventsPerEscalation: Number(eventsPerEscalation.toFixed(1)),
    },
  );
}

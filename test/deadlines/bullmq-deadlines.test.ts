import { randomUUID } from 'node:crypto';
import { type Clock } from '@sg/complaint-service';
import {
  BullMqDeadlineScheduler,
  DEADLINE_SCHEDULER,
  type DeadlineScheduler,
  DeadlineWorker,
  fireDeadline,
  timerId,
} from '@sg/deadlines';
import { CommandBus } from '@nestjs/cqrs';
import IORedis from 'ioredis';
import { type ComplaintsApp, lodgeBody, startComplaintsApp } from '../support/complaints-app';
import { eventually } from './deadline-scheduler-conformance';

// A database of its own, so this file can empty it (as FLUSHALL would) without touching others.
const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'}/7`;

/** Real time, shifted: the app believes it is whenever the test says, and time then runs on. */
class ShiftedClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  set(instant: string): void {
    this.offset = Date.parse(instant) - Date.now();
  }
}

interface View {
  id: string;
  status: string;
  clocks: Record<string, { deadline: string; revision: number; status: string }>;
}

describe('deadlines as BullMQ jobs in real Redis', () => {
  let api: ComplaintsApp;
  let clock: ShiftedClock;
  let scheduler: DeadlineScheduler;
  let worker: DeadlineWorker;
  let redis: IORedis;

  beforeEach(async () => {
    clock = new ShiftedClock();
    clock.set('2025-04-17T09:00:00.000Z');
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      clock,
      env: { REDIS_URL, DEADLINES_PREFIX: `sg-e2e-${randomUUID().slice(0, 8)}` },
    });
    scheduler = api.app.get(DEADLINE_SCHEDULER);
    worker = api.app.get(DeadlineWorker);
    redis = new IORedis(REDIS_URL);
  });

  afterEach(async () => {
    await api.close();
    redis.disconnect();
  });

  const view = async (id: string) =>
    (await api.as('support').get(`/api/complaints/${id}`).expect(200)).body as View;
  const pendingFor = async (id: string) =>
    (await scheduler.pending())
      .filter((t) => t.complaintId === id)
      .map(timerId)
      .sort();

  async function referred(): Promise<View> {
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as View).id;
    const response = await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    await api.clocksSettled();
    return response.body as View;
  }

  it('schedules the warning and the deadline when the clock starts, one job each', async () => {
    const complaint = await referred();
    expect(await pendingFor(complaint.id)).toEqual([`${complaint.id}.r1d`, `${complaint.id}.r1w`]);
    const job = await (scheduler as BullMqDeadlineScheduler).queue.getJob(`${complaint.id}.r1d`);
    expect(job?.data.fireAt).toBe('2025-05-06T23:00:00.000Z');
  });

  it('a clock due in 1 s fires and escalates', async () => {
    const complaint = await referred();
    clock.set(new Date(Date.parse(complaint.clocks.resolution.deadline) - 1000).toISOString());
    await scheduler.cancel(`${complaint.id}.r1d`);
    await scheduler.cancel(`${complaint.id}.r1w`);
    expect(await worker.reconcile()).toMatchObject({ scheduled: 2 });
    await eventually(async () => (await view(complaint.id)).status === 'escalated');
  });

  it('cancels the timers when the clock stops, and moves them when it is extended', async () => {
    const complaint = await referred();
    await api
      .as('head')
      .post(`/api/complaints/${complaint.id}/extensions`, {
        extraWorkingDays: 2,
        reason: 'Half term',
      })
      .expect(200);
    await api.clocksSettled();
    expect(await pendingFor(complaint.id)).toEqual([`${complaint.id}.r2d`, `${complaint.id}.r2w`]);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${complaint.id}/resolution`, { resolution: 'Advice sent.' })
      .expect(200);
    await api.clocksSettled();
    expect(await pendingFor(complaint.id)).toEqual([`${complaint.id}.s1d`, `${complaint.id}.s1w`]);
  });

  it('after Redis loses everything, reconciliation restores every timer, and a deadline that passed meanwhile escalates', async () => {
    const complaint = await referred();
    await redis.flushdb();
    expect(await pendingFor(complaint.id)).toEqual([]);
    clock.set('2025-05-07T08:00:00.000Z');
    expect(await worker.reconcile()).toMatchObject({ expected: 2, scheduled: 2 });
    await eventually(async () => (await view(complaint.id)).status === 'escalated');
  });

  it('two workers, and a timer delivered twice, still escalate once', async () => {
    const complaint = await referred();
    clock.set('2025-05-07T08:00:00.000Z');
    const second = new BullMqDeadlineScheduler({
      redisUrl: REDIS_URL,
      prefix: (scheduler as BullMqDeadlineScheduler).queue.opts.prefix!,
    });
    const fire = fireDeadline(api.app.get(CommandBus), clock);
    await second.start(fire);
    try {
      const timer = (await scheduler.pending()).find(
        (t) => t.complaintId === complaint.id && t.timer === 'deadline',
      )!;
      await Promise.all([
        fire(timer),
        fire(timer),
        scheduler.cancel(timerId(timer)).then(() => worker.reconcile()),
      ]);
      await eventually(async () => (await view(complaint.id)).status === 'escalated');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const timeline = (
        await api.as('support').get(`/api/complaints/${complaint.id}/timeline`).expect(200)
      ).body as { type: string }[];
      expect(timeline.filter((e) => e.type === 'ComplaintEscalated')).toHaveLength(1);
      expect(timeline.filter((e) => e.type === 'DeadlineMissed')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

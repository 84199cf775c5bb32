import { RunningClocks, timersOf, VirtualTimerHost } from '@sg/deadlines';
import { SqliteEventStore } from '@sg/event-store';
import {
  createMetricsRegistry,
  followStore,
  MeasuredEventStore,
  measureAppends,
  serveMetrics,
} from '@sg/observability';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import request from 'supertest';
import { lodgeBody, startComplaintsApp, type ComplaintsApp } from '../support/complaints-app';
import { sample } from './scraped-metrics';

const TOKEN = 'metrics-token-for-the-tests-0123456789';
// A Saturday: the acknowledgement waits in the outbox for the next working morning.
const SATURDAY = '2025-04-19T09:00:00.000Z';

describe('GET /metrics on the API', () => {
  let api: ComplaintsApp;
  let host: VirtualTimerHost;

  beforeAll(async () => {
    host = new VirtualTimerHost(SATURDAY);
    api = await startComplaintsApp(SATURDAY, { env: { METRICS_TOKEN: TOKEN }, timerHost: host });
  });
  afterAll(() => api.close());

  const server = () => api.app.getHttpServer() as Server;
  const scrape = async () => {
    const response = await request(server())
      .get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  };

  it('asks for the token, from this machine too, when METRICS_TOKEN is set', async () => {
    const missing = await request(server()).get('/metrics').expect(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    expect(missing.body).toEqual({ code: 'METRICS_TOKEN_REQUIRED', message: expect.any(String) });
    await request(server()).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
    // The scheme's case is the caller's to choose (RFC 9110).
    await request(server()).get('/metrics').set('Authorization', `bearer ${TOKEN}`).expect(200);
    await request(server()).get('/metrics').set('Authorization', `Basic ${TOKEN}`).expect(401);
  });

  it('counts commands by type and outcome, and the counts move when a complaint is lodged', async () => {
    const recorded = 'sg_commands_total{type="LodgeComplaint",outcome="recorded"}';
    const refused = 'sg_commands_total{type="LodgeComplaint",outcome="refused"}';
    const before = await scrape();
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    await api
      .as('head')
      .post('/api/complaints', lodgeBody({ serviceId: 'no-such-service' }))
      .expect(422);
    const after = await scrape();
    expect(sample(after, recorded)).toBe((sample(before, recorded) ?? 0) + 1);
    expect(sample(after, refused)).toBe((sample(before, refused) ?? 0) + 1);
    expect(sample(after, 'sg_command_duration_seconds_count{type="LodgeComplaint"}')).toBe(
      (sample(before, 'sg_command_duration_seconds_count{type="LodgeComplaint"}') ?? 0) + 2,
    );
  });

  it('shows the worker’s lease, clocks, timers and outbox, and each reaction’s lag', async () => {
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    await api.clocksSettled();
    const text = await scrape();
    expect(sample(text, 'sg_worker_lease{state="holding"}')).toBe(1);
    expect(sample(text, 'sg_worker_lease{state="standing-by"}')).toBe(0);
    expect(sample(text, 'sg_worker_running')).toBe(1);
    const running = sample(text, 'sg_clocks{status="running"}')!;
    expect(running).toBeGreaterThanOrEqual(1);
    // The timers the running clocks want, every one of them pending.
    const wanted = api.app.get(RunningClocks).all().flatMap(timersOf).length;
    expect(wanted).toBeGreaterThanOrEqual(running);
    expect(sample(text, 'sg_deadline_timers{state="pending"}')).toBe(wanted);
    expect(sample(text, 'sg_deadline_timers{state="stuck"}')).toBe(0);
    expect(sample(text, 'sg_clocks_overdue{timer="deadline"}')).toBe(0);
    const waiting = api.outbox().filter((message) => !message.sentAt && !message.failedAt).length;
    expect(waiting).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'sg_outbox_messages{state="waiting"}')).toBe(waiting);
    expect(sample(text, 'sg_outbox_messages{state="due"}')).toBe(0);
    expect(sample(text, 'sg_outbox_messages{state="failed"}')).toBe(0);
    for (const reaction of ['read-models', 'deadline-reactor', 'notification-reactor']) {
      expect(sample(text, `sg_reaction_lag_events{reaction="${reaction}"}`)).toBe(0);
      expect(sample(text, `sg_reaction_parked_events{reaction="${reaction}"}`)).toBe(0);
      expect(sample(text, `sg_reaction_lag_readable{reaction="${reaction}"}`)).toBe(1);
    }
  });

  it('counts the running clocks whose deadline has passed with no timer having recorded it', async () => {
    // The engine's clock moves on; the timers, on the virtual host, do not fire.
    api.clock.set('2025-05-01T09:00:00.000Z');
    const text = await scrape();
    const running = sample(text, 'sg_clocks{status="running"}')!;
    expect(sample(text, 'sg_clocks_overdue{timer="deadline"}')).toBe(running);
    expect(sample(text, 'sg_clocks_overdue_seconds{timer="deadline"}')).toBeGreaterThan(86_400);
    expect(sample(text, 'sg_outbox_messages{state="due"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'sg_outbox_oldest_due_seconds')).toBeGreaterThan(86_400);
  });

  it('counts refused sign-ins by method', async () => {
    const series = 'sg_sign_in_failures_total{method="password"}';
    const before = sample(await scrape(), series) ?? 0;
    await request(server())
      .post('/api/auth/sign-in')
      .send({ email: 'nobody@brookside.lancs.sch.uk', password: 'not-the-password-1' })
      .expect(401);
    expect(sample(await scrape(), series)).toBe(before + 1);
  });

  it('answers /health/live, and /health/ready once the store, the reactions and the worker are', async () => {
    expect((await request(server()).get('/health/live').expect(200)).body).toEqual({
      status: 'live',
    });
    expect((await request(server()).get('/health/ready').expect(200)).body).toEqual({
      status: 'ready',
    });
  });

  it('counts a step the complaint’s state does not allow as refused by the rules, not a race lost', async () => {
    const complaintId = (
      (await api.as('head').post('/api/complaints', lodgeBody()).expect(201)).body as { id: string }
    ).id;
    await api.as('support').post(`/api/complaints/${complaintId}/referral`).expect(200);
    const beforeTwice = await scrape();
    await api.as('support').post(`/api/complaints/${complaintId}/referral`).expect(409);
    const afterTwice = await scrape();
    const referral = (outcome: string) =>
      `sg_commands_total{type="ReferComplaint",outcome="${outcome}"}`;
    expect(sample(afterTwice, referral('refused'))).toBe(
      (sample(beforeTwice, referral('refused')) ?? 0) + 1,
    );
    expect(sample(afterTwice, referral('conflict')) ?? 0).toBe(
      sample(beforeTwice, referral('conflict')) ?? 0,
    );
  });
});

describe('the event store’s appends', () => {
  it('are counted by outcome, with the events they stored', async () => {
    const store = new MeasuredEventStore(new SqliteEventStore({ file: ':memory:' }));
    const registry = createMetricsRegistry();
    measureAppends(registry, store);
    const event = () => ({
      id: randomUUID(),
      type: 'Noted',
      data: {},
      metadata: { schemaVersion: 1 },
    });
    await store.appendToStream('note-1', [event(), event()], { expectedRevision: 'no_stream' });
    await expect(
      store.appendToStream('note-1', [event()], { expectedRevision: 'no_stream' }),
    ).rejects.toThrow(/expected/);
    const text = await registry.metrics();
    expect(sample(text, 'sg_event_store_appends_total{outcome="ok"}')).toBe(1);
    expect(sample(text, 'sg_event_store_appends_total{outcome="conflict"}')).toBe(1);
    expect(sample(text, 'sg_event_store_appended_events_total')).toBe(2);
    expect(sample(text, 'sg_event_store_append_duration_seconds_count')).toBe(2);
    // The decorator changes nothing the store answers.
    const read = [];
    for await (const recorded of store.readStream('note-1')) read.push(recorded.type);
    expect(read).toEqual(['Noted', 'Noted']);
    await store.close();
  });
});

describe('the event store being there', () => {
  it('is 1 while the store answers and 0 once it does not, when the lag can no longer be read', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const registry = createMetricsRegistry();
    followStore(registry, store);
    expect(sample(await registry.metrics(), 'sg_event_store_up')).toBe(1);
    await store.close();
    expect(sample(await registry.metrics(), 'sg_event_store_up')).toBe(0);
  });
});

describe('metrics without METRICS_TOKEN behind a proxy (TRUST_PROXY)', () => {
  it('are served to nobody, not even a loopback connection with no forwarding header', async () => {
    const server = createServer(serveMetrics(createMetricsRegistry(), undefined, true));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`,
      );
      expect(answer.status).toBe(403);
      expect(await answer.json()).toMatchObject({ code: 'METRICS_TOKEN_NOT_SET' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('metrics without METRICS_TOKEN', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const registry = createMetricsRegistry();
    server = createServer(serveMetrics(registry, undefined));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('are served to this machine, but not to a request a proxy passed on', async () => {
    expect((await fetch(url)).status).toBe(200);
    for (const header of ['X-Forwarded-For', 'Forwarded', 'X-Real-IP']) {
      const proxied = await fetch(url, { headers: { [header]: '203.0.113.7' } });
      expect(proxied.status).toBe(403);
      expect(await proxied.json()).toEqual({
        code: 'METRICS_FROM_THIS_MACHINE_ONLY',
        message: expect.any(String),
      });
    }
  });
});

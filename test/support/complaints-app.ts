import { type INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import {
  CLOCK,
  type Clock,
  type ComplaintCommandResult,
  ExecuteComplaintCommand,
} from '@sg/complaint-service';
import { type ClockKind, DEADLINE_WORKER, type RoleGrant } from '@sg/complaints';
import { Directory, DirectoryWriter, LLE_SERVICES } from '@sg/directory';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEADLINE_REACTOR_FILTER, DeadlineWorker, TIMER_HOST, type TimerHost } from '@sg/deadlines';
import {
  NOTIFICATION_REACTOR_FILTER,
  type NotificationStore,
  NotificationWorker,
} from '@sg/notifications';
import { COMPLAINT_PROJECTION_STREAMS, ReadModelProjector } from '@sg/read-models';
import { EVENT_STORE, type EventStore, lastPositionsMatching } from '@sg/event-store';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { MAIL_DNS_RESOLVER } from '../../apps/api/src/mail-intake/mail-intake.module';
import { type DnsResolver } from '@sg/mail';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(instant: string): void {
    this.current = new Date(instant);
  }
}

export const SCHOOL = '119300';
export const OTHER_SCHOOL = '119301';
export const CONTRACT = 'C202526-119300-schools-hr';
export const CONTRACT_FEES = 200_000;

const PEOPLE: { personId: string; roles: RoleGrant[] }[] = [
  { personId: 'head', roles: [{ role: 'school-staff', schoolUrn: SCHOOL }] },
  { personId: 'other-head', roles: [{ role: 'school-staff', schoolUrn: OTHER_SCHOOL }] },
  { personId: 'support', roles: [{ role: 'business-support' }] },
  { personId: 'hr-manager', roles: [{ role: 'service-manager', serviceIds: ['schools-hr'] }] },
  {
    personId: 'music-manager',
    roles: [{ role: 'service-manager', serviceIds: ['music-service'] }],
  },
  { personId: 'board-1', roles: [{ role: 'board-member', chair: true }] },
  { personId: 'board-2', roles: [{ role: 'board-member', chair: false }] },
  { personId: 'board-3', roles: [{ role: 'board-member', chair: false }] },
  { personId: 'finance', roles: [{ role: 'finance' }] },
];

export interface ComplaintsApp {
  /**
   * Waits until the deadline and notification reactors and the read model have every event so far,
   * and what is due of the outbox has been sent.
   */
  clocksSettled(): Promise<void>;
  /** What the deadline worker does when a resolution timer fires: report it, at the clock's time. */
  reportResolutionDeadline(complaintId: string, revision: number): Promise<ComplaintCommandResult>;
  /** The same for any of the complaint's clocks (the school's reply window, say). */
  reportDeadline(
    complaintId: string,
    clock: ClockKind,
    revision: number,
  ): Promise<ComplaintCommandResult>;
  readonly app: INestApplication;
  readonly clock: Clock & { set(instant: string): void };
  readonly commands: CommandBus;
  readonly directory: Directory;
  /** Every notification queued so far, sent or waiting. */
  outbox(): ReturnType<NotificationStore['outbox']>;
  /** Where this app keeps its files; mail goes to its outbox folder as .eml files. */
  readonly dataDir: string;
  as(personId: string): {
    get(path: string): request.Test;
    post(path: string, body?: object): request.Test;
  };
  /** Stops the app and removes its files. */
  close(): Promise<void>;
  /** Stops the app and keeps its files (the caller removes `dataDir`). */
  stop(): Promise<void>;
}

/** The whole API in process, on a fresh SQLite store, with a small directory and a test clock. */
export interface AppOptions {
  readonly env?: Record<string, string>;
  readonly clock?: Clock & { set(instant: string): void };
  readonly timerHost?: TimerHost;
  /** The DNS mail authentication asks; by default none answers, so no test reaches the network. */
  readonly dns?: DnsResolver;
}

/** A DNS that knows no name: every SPF, DKIM and DMARC lookup finds no record. */
export const NO_DNS: DnsResolver = (name) =>
  Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));

export async function startComplaintsApp(
  now = '2025-04-17T09:00:00.000Z',
  options: AppOptions = {},
): Promise<ComplaintsApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-api-'));
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    WORKER_MODE: 'in-process',
    // These tests act as each person through the header; sign-in has tests of its own.
    NODE_ENV: 'development',
    DEV_IDENTITY_HEADER: 'enabled',
    // Load tests lodge thousands as one person; the limit has a test of its own.
    LODGES_PER_HOUR: '1000000',
    ...options.env,
  });
  const clock = options.clock ?? new TestClock(new Date(now));
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot('in-process')] })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .overrideProvider(MAIL_DNS_RESOLVER)
    .useValue(options.dns ?? NO_DNS);
  if (options.timerHost) builder = builder.overrideProvider(TIMER_HOST).useValue(options.timerHost);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app);
  await app.init();
  process.env = saved;

  const directory = app.get(Directory);
  const writer = new DirectoryWriter(directory, { actor: { id: 'test', role: 'system' } });
  await writer.services(LLE_SERVICES);
  const school = (urn: string, name: string) => ({
    urn,
    name,
    phase: 'primary' as const,
    type: 'Community school',
    localAuthority: 'Lancashire',
    inCounty: true,
    pupils: 210,
    emails: [],
    domains: [],
  });
  await writer.schools([
    school(SCHOOL, 'Brookside Primary School'),
    school(OTHER_SCHOOL, 'Hillside Primary School'),
  ]);
  await writer.feeAgreements([
    {
      kind: 'contract',
      id: CONTRACT,
      schoolUrn: SCHOOL,
      serviceId: 'schools-hr',
      description: 'Service level agreement 2025-26',
      feesPaidPence: CONTRACT_FEES,
    },
  ]);
  for (const person of PEOPLE)
    await writer.person({
      ...person,
      name: person.personId,
      email: `${person.personId}@example.org`,
    });

  const server = app.getHttpServer() as Server;
  let stopped: Promise<void> | null = null;
  const stopOnce = () => (stopped ??= app.close());
  const commands = app.get(CommandBus);
  const store = app.get<EventStore>(EVENT_STORE);
  const worker = app.get(DeadlineWorker);
  const notifications = app.get(NotificationWorker);
  const projector = app.get(ReadModelProjector);
  const reportDeadline = (complaintId: string, kind: ClockKind, revision: number) =>
    commands.execute<ExecuteComplaintCommand, ComplaintCommandResult>(
      new ExecuteComplaintCommand(
        complaintId,
        {
          type: 'ReachDeadline',
          actor: DEADLINE_WORKER,
          at: clock.now().toISOString(),
          clock: kind,
          revision,
          timer: 'deadline',
        },
        { correlationId: `deadline-${complaintId}` },
      ),
    );
  return {
    clocksSettled: async () => {
      // Sending can record more (a proposal sent starts the school's window), which the reactions
      // then take in: settled once a round appends nothing.
      for (;;) {
        const head = await store.headPosition();
        const last = await lastPositionsMatching(store, {
          clocks: DEADLINE_REACTOR_FILTER,
          notifiable: NOTIFICATION_REACTOR_FILTER,
          complaints: { streamPrefixes: COMPLAINT_PROJECTION_STREAMS },
        });
        if (last.clocks) await worker.caughtUp(last.clocks);
        if (last.notifiable) await notifications.caughtUp(last.notifiable);
        if (last.complaints) await projector.caughtUp(last.complaints, 10_000);
        // The outbox holds what the events call for: what is due of it must have gone too.
        await notifications.sent();
        if ((await store.headPosition())?.commit === head?.commit) return;
      }
    },
    outbox: () => notifications.store.outbox(),
    dataDir,
    reportResolutionDeadline: (complaintId, revision) =>
      reportDeadline(complaintId, 'resolution', revision),
    reportDeadline,
    app,
    clock,
    directory,
    commands,
    as: (personId) => ({
      get: (path) => request(server).get(path).set('X-Acting-Person', personId),
      post: (path, body = {}) =>
        request(server).post(path).set('X-Acting-Person', personId).send(body),
    }),
    close: async () => {
      await stopOnce();
      rmSync(dataDir, { recursive: true, force: true });
    },
    stop: stopOnce,
  };
}

/** A complaint the school's head lodged and Business Support referred to its service: its id. */
export async function lodgedAndReferred(api: ComplaintsApp): Promise<string> {
  const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
  const id = (lodged.body as { id: string }).id;
  await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
  return id;
}

/**
 * What the deadline worker does for a complaint referred on Thursday 17 April 2025 once its
 * resolution deadline (the end of Tuesday 6 May) has passed: the clock moves to the next morning.
 */
export async function escalateAfterDeadline(api: ComplaintsApp, complaintId: string) {
  const view = await api.as('support').get(`/api/complaints/${complaintId}`).expect(200);
  const revision = (view.body as { clocks: { resolution: { revision: number } } }).clocks.resolution
    .revision;
  api.clock.set('2025-05-07T07:00:00.000Z');
  await api.reportResolutionDeadline(complaintId, revision);
}

/** A Board member upholds an escalated complaint and proposes a reimbursement against the contract. */
/** The Board's chair upholds the escalated complaint, finding a failure of `failureLevel`. */
export async function uphold(
  api: ComplaintsApp,
  complaintId: string,
  failureLevel = 'significant',
  rationale = 'The service missed its deadline.',
): Promise<void> {
  await api
    .as('board-1')
    .post(`/api/complaints/${complaintId}/board-decision`, {
      outcome: 'upheld',
      failureLevel,
      rationale,
    })
    .expect(200);
}

export async function upholdAndPropose(
  api: ComplaintsApp,
  complaintId: string,
  proposal: {
    failureLevel: string;
    amountPence: number;
    overrideReason?: string;
    rationale?: string;
  },
): Promise<string> {
  await uphold(api, complaintId, proposal.failureLevel, proposal.rationale);
  const proposed = await api
    .as('board-1')
    .post(`/api/complaints/${complaintId}/reimbursement`, {
      basisKind: 'contract',
      basisId: CONTRACT,
      amountPence: proposal.amountPence,
      ...(proposal.overrideReason ? { overrideReason: proposal.overrideReason } : {}),
    })
    .expect(200);
  return (proposed.body as { reimbursement: { proposalId: string } }).reimbursement.proposalId;
}

/**
 * A complaint lodged by the school and referred at the app's time, left to pass its deadline (the
 * clock set to 7 May 2025, 08:00 BST), upheld with a quarter of the contract's fees proposed, and
 * approved by the other two members: finance's to pay.
 */
export async function approvedReimbursement(
  api: ComplaintsApp,
  lodged: object = {},
): Promise<{ id: string; reference: string; proposalId: string }> {
  return (await approvedReimbursements(api, 1, lodged))[0];
}

/** `count` complaints, each as `approvedReimbursement` makes one, lodged and referred together. */
export async function approvedReimbursements(
  api: ComplaintsApp,
  count: number,
  lodged: object = {},
): Promise<{ id: string; reference: string; proposalId: string }[]> {
  const referrals = [];
  for (let i = 0; i < count; i += 1) {
    const response = await api.as('head').post('/api/complaints', lodgeBody(lodged)).expect(201);
    const { id, reference } = response.body as { id: string; reference: string };
    const referred = await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    const { revision } = (referred.body as { clocks: { resolution: { revision: number } } }).clocks
      .resolution;
    referrals.push({ id, reference, revision });
  }
  api.clock.set('2025-05-07T07:00:00.000Z');
  const approved = [];
  for (const { id, reference, revision } of referrals) {
    await api.reportResolutionDeadline(id, revision);
    const proposalId = await upholdAndPropose(api, id, {
      failureLevel: 'significant',
      amountPence: CONTRACT_FEES / 4,
    });
    for (const member of ['board-2', 'board-3'])
      await api
        .as(member)
        .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
        .expect(200);
    approved.push({ id, reference, proposalId });
  }
  return approved;
}

/** Finance records an approved reimbursement as paid, by bank payment unless `payment` says otherwise. */
export async function recordPayment(
  api: ComplaintsApp,
  complaintId: string,
  proposalId: string,
  payment: { paymentReference: string; paidOn: string; method?: 'bank-payment' | 'credit-note' },
): Promise<void> {
  await api
    .as('finance')
    .post(`/api/complaints/${complaintId}/reimbursement/payment`, {
      proposalId,
      method: 'bank-payment',
      ...payment,
    })
    .expect(200);
}

export const lodgeBody = (overrides: object = {}) => ({
  channel: 'web-form',
  schoolUrn: SCHOOL,
  serviceId: 'schools-hr',
  summary: 'Advice on a grievance came three weeks late',
  details: 'We asked for advice on 20 March and heard nothing until 10 April.',
  standards: ['listen-and-respond'],
  contact: { name: 'Jane Head', role: 'Headteacher', email: 'head@brookside.lancs.sch.uk' },
  ...overrides,
});

import { type INestApplication, type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DEADLINE_REACTOR_FILTER, DeadlineWorker } from '@sg/deadlines';
import { Directory, DirectoryWriter, LLE_SERVICES, PeopleRecords } from '@sg/directory';
import {
  EVENT_STORE,
  type EventStore,
  lastPositionsMatching,
  SqliteEventStore,
} from '@sg/event-store';
import { type DnsResolver, INBOUND_MAIL_STREAM_PREFIX, MailIntake } from '@sg/mail';
import { NOTIFICATION_REACTOR_FILTER, NotificationWorker } from '@sg/notifications';
import { COMPLAINT_PROJECTION_STREAMS, ReadModelProjector } from '@sg/read-models';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../../apps/api/src/app.module';
import { MAIL_DNS_RESOLVER } from '../../apps/api/src/mail-intake/mail-intake.module';
import { type BenchSchool } from './bench-schools';

const BY = { actor: { id: 'bench', role: 'system' } } as const;

/** The API's modules in this process, over a data directory of their own, with the intake to feed. */
export interface IntakeApp {
  readonly intake: MailIntake;
  readonly store: EventStore;
  /** What the app logged at warn or above. */
  readonly complaints: readonly string[];
  /** Waits for the worker's reactions and the read model to take in every event so far. */
  settled(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The directory the mailbox's senders are known by, written before the app opens the store (as an
 * import would have): the services, the schools with each one's mail domain registered, and a
 * Board that can make the default quorum, without which the API warns at start-up.
 */
async function writeDirectory(file: string, schools: readonly BenchSchool[]): Promise<void> {
  const store = new SqliteEventStore({ file });
  try {
    const directory = new Directory(store);
    const writer = new DirectoryWriter(directory, BY);
    await writer.services(LLE_SERVICES);
    await writer.schools(
      schools.map((school) => ({
        urn: school.urn,
        name: school.name,
        phase: 'primary' as const,
        type: 'Community school',
        localAuthority: 'Lancashire',
        inCounty: true,
        pupils: 210,
        emails: [],
        domains: [],
      })),
    );
    const people = new PeopleRecords(directory);
    for (const school of schools)
      await people.registerSchoolAddress(school.urn, { kind: 'domain', value: school.domain }, BY);
    for (const [i, chair] of [true, false, false].entries()) {
      await writer.person({
        personId: `board-${i + 1}`,
        name: `Board member ${i + 1}`,
        email: `board-${i + 1}@county.gov.uk`,
        roles: [{ role: 'board-member', chair }],
      });
    }
  } finally {
    await store.close();
  }
}

const described = (value: unknown) =>
  value instanceof Error
    ? value.message
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

class CollectingLogger implements LoggerService {
  readonly complaints: string[] = [];
  log(): void {}
  warn(message: unknown, ...context: unknown[]): void {
    this.complaints.push(`WARN ${context.map(described).join(' ')} ${described(message)}`);
  }
  error(message: unknown, ...context: unknown[]): void {
    this.complaints.push(`ERROR ${context.map(described).join(' ')} ${described(message)}`);
  }
  fatal(message: unknown, ...context: unknown[]): void {
    this.complaints.push(`FATAL ${context.map(described).join(' ')} ${described(message)}`);
  }
}

/** Settings a shell may hold that would change what is measured: a broker, a relay, mail sources. */
const DROPPED = [
  'REDIS_URL',
  'SMTP_URL',
  'POLICY_FILE',
  'TIME_SCALE',
  'COUNCIL_CLOSURE_DAYS',
  'INBOUND_SMTP_PORT',
  'INBOUND_IMAP_URL',
  'EVENTSTORE_CONNECTION_STRING',
];

/**
 * The whole API as the embedded node runs it (SQLite store, worker in process, outgoing mail to
 * .eml files), but not listening: the bench hands messages to the intake as a mail source does.
 * Mail authentication asks `dns`, never the network.
 */
export async function startIntakeApp(
  dataDir: string,
  schools: readonly BenchSchool[],
  dns: DnsResolver,
): Promise<IntakeApp> {
  mkdirSync(dataDir, { recursive: true });
  await writeDirectory(join(dataDir, 'events.sqlite'), schools);
  const saved = { ...process.env };
  for (const name of DROPPED) delete process.env[name];
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    EVENT_STORE: 'sqlite',
    WORKER_MODE: 'in-process',
    NODE_ENV: 'development',
  });
  const logger = new CollectingLogger();
  let app: INestApplication;
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot('in-process')],
    })
      .overrideProvider(MAIL_DNS_RESOLVER)
      .useValue(dns)
      .compile();
    app = moduleRef.createNestApplication({ logger });
    await app.init();
  } finally {
    process.env = saved;
  }
  const store = app.get<EventStore>(EVENT_STORE);
  const worker = app.get(DeadlineWorker);
  const notifications = app.get(NotificationWorker);
  const projector = app.get(ReadModelProjector);
  return {
    intake: app.get(MailIntake),
    store,
    complaints: logger.complaints,
    settled: async (timeoutMs) => {
      const last = await lastPositionsMatching(store, {
        clocks: DEADLINE_REACTOR_FILTER,
        notifiable: NOTIFICATION_REACTOR_FILTER,
        complaints: { streamPrefixes: COMPLAINT_PROJECTION_STREAMS },
        inbound: { streamPrefixes: [INBOUND_MAIL_STREAM_PREFIX] },
      });
      const timedOut = new Promise<false>((resolve) =>
        setTimeout(() => resolve(false), timeoutMs).unref(),
      );
      const reached = Promise.all([
        last.clocks ? worker.caughtUp(last.clocks) : undefined,
        last.notifiable ? notifications.caughtUp(last.notifiable) : undefined,
        last.complaints ? projector.caughtUp(last.complaints, timeoutMs) : true,
        last.inbound ? projector.inboundMailCaughtUp(last.inbound, timeoutMs) : true,
      ]).then(([, , read, mail]) => read !== false && mail !== false);
      return Promise.race([reached, timedOut]);
    },
    close: () => app.close(),
  };
}

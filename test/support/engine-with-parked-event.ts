import { type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  CHECKPOINT_STORE,
  type CheckpointStore,
  CheckpointedRunner,
  EVENT_STORE,
  type EventStore,
  PARKED_EVENT_STORE,
  type ParkedEventStore,
  REACTION_PROGRESS_STORE,
  type ReactionProgressStore,
  type RecordedEvent,
} from '@sg/event-store';
import { ReadModelDatabase } from '@sg/read-models';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { type Health } from '../../apps/api/src/health/health.controller';
import { recordComplaintHistory } from './complaint-history';

export const REFUSAL = 'referral facts refused';

export interface EngineWithParkedEvent {
  readonly app: INestApplication;
  readonly dataDir: string;
  readonly store: EventStore;
  /** The complaint's history, appended: its referral is what the read model refuses. */
  record(): Promise<RecordedEvent[]>;
  /** Lets the read model take the referral's facts from now on. */
  heal(): void;
  health(): Promise<Health>;
  close(): Promise<void>;
}

/**
 * The whole engine in process (embedded mode) on a fresh DATA_DIR, its reactions retrying within
 * milliseconds and parking after 3 attempts, and its read-model file refusing the report facts of
 * a referral (a real SQLite failure) until it is healed.
 */
export async function startEngineWithParkedEvent(): Promise<EngineWithParkedEvent> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-parked-'));
  const saved = { ...process.env };
  Object.assign(process.env, { DATA_DIR: dataDir, DEMO_DATA: 'off', WORKER_MODE: 'in-process' });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot('in-process')] })
    .overrideProvider(CheckpointedRunner)
    .useFactory({
      inject: [EVENT_STORE, CHECKPOINT_STORE, PARKED_EVENT_STORE, REACTION_PROGRESS_STORE],
      factory: (
        store: EventStore,
        checkpoints: CheckpointStore,
        parkedEvents: ParkedEventStore,
        progress: ReactionProgressStore,
      ) =>
        new CheckpointedRunner(store, checkpoints, {
          parkedEvents,
          progress,
          retryDelayMs: { first: 2, max: 20 },
          attemptsBeforeParking: 3,
          retryRequestPollMs: 20,
          logger: { error: () => undefined },
        }),
    })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  process.env = saved;
  const readModel = app.get(ReadModelDatabase).db;
  readModel.exec(`CREATE TRIGGER no_referrals BEFORE INSERT ON report_facts WHEN NEW.kind = 'referred'
                  BEGIN SELECT RAISE(ABORT, '${REFUSAL}'); END`);
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    dataDir,
    store,
    record: () => recordComplaintHistory(store),
    heal: () => readModel.exec('DROP TRIGGER no_referrals'),
    health: async () =>
      (
        await request(app.getHttpServer() as Server)
          .get('/health')
          .expect(200)
      ).body as Health,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

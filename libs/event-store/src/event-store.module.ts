import {
  Global,
  Inject,
  Injectable,
  Logger,
  type LoggerService,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ConfigurationError, type EnvironmentVariables } from '@sg/config';
import { MeasuredEventStore } from '@sg/observability';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { CheckpointedRunner } from './checkpointed-runner';
import { type CheckpointStore } from './checkpoints/checkpoint-store';
import { SqliteCheckpointStore } from './checkpoints/sqlite-checkpoint-store';
import { EVENT_STORE, type EventStore } from './event-store';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { type ParkedEventStore } from './reactions/parked-event-store';
import { type ReactionProgressStore } from './reactions/reaction-progress-store';
import { SqliteParkedEventStore } from './reactions/sqlite-parked-event-store';
import { SqliteReactionProgressStore } from './reactions/sqlite-reaction-progress-store';
import { openSqliteDatabase } from './sqlite/sqlite-database';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export const CHECKPOINT_STORE = Symbol('CheckpointStore');
export const PARKED_EVENT_STORE = Symbol('ParkedEventStore');
export const REACTION_PROGRESS_STORE = Symbol('ReactionProgressStore');
const CHECKPOINT_DATABASE = Symbol('CheckpointDatabase');

/** The node-local file of checkpoints, parked events and reactions' progress. */
export const checkpointDatabaseFile = (dataDir: string) => join(dataDir, 'checkpoints.sqlite');

type Config = ConfigService<EnvironmentVariables, true>;

export type EventStoreSettings = Pick<
  EnvironmentVariables,
  'EVENT_STORE' | 'DATA_DIR' | 'EVENTSTORE_CONNECTION_STRING' | 'DATABASE_URL'
>;

/**
 * A connection URL as it may be logged: the user:password@ part left out and a password=
 * parameter masked. Left out, not masked: `***@host` reads as an email address to the logs'
 * redaction, which would hide the host an operator needs to see.
 */
const withoutCredentials = (url: string) =>
  url.replace(/\/\/[^@/]*@/, '//').replace(/([?&]password=)[^&]*/gi, '$1***');

/**
 * PostgreSQL's answers that mean the settings are wrong, not that the server is away: no such
 * database, no such user, a refused password.
 */
const WRONG_SETTINGS = new Set(['3D000', '28000', '28P01']);

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The store the settings choose: used by the Nest module and by the CLI alike. */
export function createEventStore(
  settings: EventStoreSettings,
  logger: Pick<LoggerService, 'log' | 'warn'> = new Logger('EventStore'),
): EventStore {
  if (settings.EVENT_STORE === 'eventstoredb') {
    const connectionString = settings.EVENTSTORE_CONNECTION_STRING!;
    logger.log(`EventStoreDB at ${withoutCredentials(connectionString)}`);
    return new EventStoreDbEventStore({
      connectionString,
      onSubscriptionDropped: (error) => {
        logger.warn(`subscription dropped, resubscribing: ${reason(error)}`);
      },
    });
  }
  if (settings.EVENT_STORE === 'postgres') {
    const connectionString = settings.DATABASE_URL!;
    logger.log(`PostgreSQL store at ${withoutCredentials(connectionString)}`);
    return new PostgresEventStore({
      connectionString,
      onSubscriptionDropped: (error) => {
        logger.warn(`subscription connection lost, connecting again: ${reason(error)}`);
      },
    });
  }
  const file = join(settings.DATA_DIR, 'events.sqlite');
  logger.log(`embedded SQLite store at ${file}`);
  return new SqliteEventStore({ file });
}

const settingsFrom = (config: Config): EventStoreSettings => ({
  EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
  DATA_DIR: config.get('DATA_DIR', { infer: true }),
  EVENTSTORE_CONNECTION_STRING: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
  DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
});

@Injectable()
class EventStoreLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHECKPOINT_DATABASE) private readonly checkpoints: Database.Database,
  ) {}

  /**
   * A store the settings name wrongly stops the start, saying which setting; one that is only
   * away (a server restarting) is /health's to report while the engine waits for it.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.store.headPosition();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && WRONG_SETTINGS.has(code))
        throw new ConfigurationError([`DATABASE_URL: ${reason(error)} (${code})`]);
      new Logger('EventStore').warn(`the event store does not answer yet: ${reason(error)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.checkpoints.close();
  }
}

/**
 * The event store chosen by EVENT_STORE, the node-local checkpoint table every non-projection
 * reaction uses (with the parked events and the reactions' progress beside it), and the runner
 * that drives reactions from the store.
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [ConfigService],
      useFactory: (config: Config) =>
        new MeasuredEventStore(createEventStore(settingsFrom(config))),
    },
    {
      provide: CHECKPOINT_DATABASE,
      inject: [ConfigService],
      useFactory: (config: Config) =>
        openSqliteDatabase(checkpointDatabaseFile(config.get('DATA_DIR', { infer: true }))).db,
    },
    {
      provide: CHECKPOINT_STORE,
      inject: [CHECKPOINT_DATABASE],
      useFactory: (db: Database.Database): CheckpointStore => new SqliteCheckpointStore(db),
    },
    {
      provide: PARKED_EVENT_STORE,
      inject: [CHECKPOINT_DATABASE],
      useFactory: (db: Database.Database): ParkedEventStore => new SqliteParkedEventStore(db),
    },
    {
      provide: REACTION_PROGRESS_STORE,
      inject: [CHECKPOINT_DATABASE],
      useFactory: (db: Database.Database): ReactionProgressStore =>
        new SqliteReactionProgressStore(db),
    },
    {
      provide: CheckpointedRunner,
      inject: [EVENT_STORE, CHECKPOINT_STORE, PARKED_EVENT_STORE, REACTION_PROGRESS_STORE],
      useFactory: (
        store: EventStore,
        checkpoints: CheckpointStore,
        parkedEvents: ParkedEventStore,
        progress: ReactionProgressStore,
      ) =>
        new CheckpointedRunner(store, checkpoints, {
          parkedEvents,
          progress,
          logger: new Logger('Reactions'),
        }),
    },
    EventStoreLifecycle,
  ],
  exports: [
    EVENT_STORE,
    CHECKPOINT_STORE,
    PARKED_EVENT_STORE,
    REACTION_PROGRESS_STORE,
    CheckpointedRunner,
  ],
})
export class EventStoreModule {}

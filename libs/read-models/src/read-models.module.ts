import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables } from '@sg/config';
import {
  CheckpointedRunner,
  EVENT_STORE,
  type EventStore,
  type Position,
  type RunningReaction,
} from '@sg/event-store';
import { WorkingDayCalendar } from '@sg/working-days';
import type Database from 'better-sqlite3';
import { ComplaintProjection } from './complaint-projection';
import { ComplaintQueries } from './complaint-queries';
import { FeeAgreementProjection } from './fee-agreement-projection';
import { SchoolNameProjection } from './school-name-projection';
import { SentMailProjection } from './sent-mail-projection';
import { FeeAgreementQueries } from './fee-agreement-queries';
import { InboundMailProjection } from './inbound-mail-projection';
import { InboundMailQueries } from './inbound-mail-queries';
import { ProjectionReaction } from './projection-reaction';
import {
  currentReadModelFile,
  openServingReadModel,
  removeReadModelFile,
} from './read-model-files';

const logger = new Logger('ReadModels');
/** How often a node looks for a rebuilt read model to swap in. */
const SWAP_CHECK_MS = 1000;

/** The read-model file this node serves from, swapped when a rebuild publishes a new one. */
export class ReadModelDatabase {
  file!: string;
  db!: Database.Database;

  constructor(readonly dataDir: string) {
    this.open();
  }

  /** Opens the file in service now, in place of any open before. */
  open(): void {
    const serving = openServingReadModel(this.dataDir, new Date());
    if (serving.restarted)
      logger.warn(
        `the read model was made by another version of the engine; ${serving.file} is filling from the first event`,
      );
    this.file = serving.file;
    this.db = serving.db;
  }
}

/**
 * Keeps this node's read model following the event store (the complaints, and the fee-agreement
 * index), and says how far it has got.
 */
@Injectable()
export class ReadModelProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private reaction?: RunningReaction;
  private feeAgreements?: RunningReaction;
  private inboundMail?: RunningReaction;
  private schoolNames?: RunningReaction;
  private sentMail?: RunningReaction;
  private swapCheck?: NodeJS.Timeout;
  private swapping: Promise<void> | null = null;
  /** Why the last switch to a rebuilt file failed, said once until it changes. */
  private swapFailure: string | null = null;
  /** A rebuilt file that could not be opened: not tried again until another is published. */
  private unopenable: string | null = null;

  constructor(
    private readonly database: ReadModelDatabase,
    private readonly runner: CheckpointedRunner,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    this.resume();
    this.swapCheck = setInterval(() => {
      this.swapIfRebuilt().then(
        () => (this.swapFailure = null),
        (error: unknown) => {
          // A file the node cannot open (a rebuild run as another user, say) must not stop it:
          // it serves on from the file it has, and says why, once.
          const why = error instanceof Error ? error.message : String(error);
          if (why !== this.swapFailure)
            logger.error(
              `cannot switch to the rebuilt read model (${why}); still serving ${this.database.file}`,
            );
          this.swapFailure = why;
        },
      );
    }, SWAP_CHECK_MS);
    this.swapCheck.unref();
  }

  /** Resolves once the read model holds the event at `position`, or false after `timeoutMs`. */
  caughtUp(position: Position, timeoutMs: number): Promise<boolean> {
    return this.reached(() => this.reaction, position, timeoutMs);
  }

  /**
   * Resolves once the fee-agreement index holds the contract or booking event at `position`, or
   * false after `timeoutMs`. It follows only those streams, so `position` must be one of theirs.
   */
  feeAgreementsCaughtUp(position: Position, timeoutMs: number): Promise<boolean> {
    return this.reached(() => this.feeAgreements, position, timeoutMs);
  }

  /** The same for the index of inbound mail, which follows only `inbound-mail-` streams. */
  inboundMailCaughtUp(position: Position, timeoutMs: number): Promise<boolean> {
    return this.reached(() => this.inboundMail, position, timeoutMs);
  }

  private async reached(
    running: () => RunningReaction | undefined,
    position: Position,
    timeoutMs: number,
  ): Promise<boolean> {
    if (this.swapping) await this.swapping;
    const reaction = running();
    if (!reaction) return false;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([reaction.reached(position).then(() => true), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops following the store (the rows stay readable); `resume` carries on from the checkpoint. */
  async pause(): Promise<void> {
    const reactions = [
      this.reaction,
      this.feeAgreements,
      this.inboundMail,
      this.schoolNames,
      this.sentMail,
    ].filter((reaction) => !!reaction);
    this.reaction = undefined;
    this.feeAgreements = undefined;
    this.inboundMail = undefined;
    this.schoolNames = undefined;
    this.sentMail = undefined;
    await Promise.all(reactions.map((reaction) => reaction.stop()));
  }

  resume(): void {
    this.reaction ??= this.runner.start(
      new ProjectionReaction(new ComplaintProjection(this.database.db, this.calendar, this.store)),
    );
    this.feeAgreements ??= this.runner.start(
      new ProjectionReaction(new FeeAgreementProjection(this.database.db, this.store)),
    );
    this.inboundMail ??= this.runner.start(
      new ProjectionReaction(new InboundMailProjection(this.database.db, this.store)),
    );
    this.schoolNames ??= this.runner.start(
      new ProjectionReaction(new SchoolNameProjection(this.database.db)),
    );
    this.sentMail ??= this.runner.start(
      new ProjectionReaction(new SentMailProjection(this.database.db)),
    );
  }

  /** When a rebuild has published a new file: follow the store into it, and drop the old one. */
  async swapIfRebuilt(): Promise<void> {
    const next = currentReadModelFile(this.database.dataDir);
    if (next === this.database.file || next === this.unopenable || this.swapping)
      return this.swapping ?? undefined;
    this.swapping = (async () => {
      const previous = { file: this.database.file, db: this.database.db };
      const paused = this.reaction !== undefined;
      await this.pause();
      try {
        this.database.open();
      } catch (error) {
        this.unopenable = next;
        throw error;
      } finally {
        // On the new file, or on the old one still open when the new one could not be.
        if (paused) this.resume();
      }
      previous.db.close();
      removeReadModelFile(previous.file);
      logger.log(`now serving the rebuilt read model ${next}`);
    })().finally(() => {
      this.swapping = null;
    });
    return this.swapping;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.swapCheck);
    if (this.swapping) await this.swapping;
    await this.pause();
    if (this.database.db.open) this.database.db.close();
  }
}

@Module({
  providers: [
    {
      provide: ReadModelDatabase,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        new ReadModelDatabase(config.get('DATA_DIR', { infer: true })),
    },
    {
      provide: ComplaintQueries,
      inject: [ReadModelDatabase, WorkingDayCalendar, EVENT_STORE],
      useFactory: (database: ReadModelDatabase, calendar: WorkingDayCalendar, store: EventStore) =>
        new ComplaintQueries(database, calendar, store),
    },
    {
      provide: FeeAgreementQueries,
      inject: [ComplaintQueries],
      useFactory: (queries: ComplaintQueries) => queries.feeAgreements,
    },
    {
      provide: InboundMailQueries,
      inject: [ReadModelDatabase],
      useFactory: (database: ReadModelDatabase) => new InboundMailQueries(database),
    },
    ReadModelProjector,
  ],
  exports: [ComplaintQueries, FeeAgreementQueries, InboundMailQueries, ReadModelProjector],
})
export class ReadModelsModule {}

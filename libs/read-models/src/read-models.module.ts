import {
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables } from '@sg/config';
import {
  CheckpointedRunner,
  openSqliteDatabase,
  type Position,
  type RunningReaction,
} from '@sg/event-store';
import { WorkingDayCalendar } from '@sg/working-days';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { ComplaintProjection } from './complaint-projection';
import { ComplaintQueries } from './complaint-queries';
import { ProjectionReaction } from './projection-reaction';
import { createReadModelSchema } from './read-model-schema';

const READ_MODEL_DATABASE = Symbol('ReadModelDatabase');

/** Keeps this node's read model following the event store, and says how far it has got. */
@Injectable()
export class ReadModelProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private reaction?: RunningReaction;

  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly db: Database.Database,
    private readonly runner: CheckpointedRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.resume();
  }

  /** Stops following the store (the rows stay readable); `resume` carries on from the checkpoint. */
  async pause(): Promise<void> {
    const reaction = this.reaction;
    this.reaction = undefined;
    await reaction?.stop();
  }

  resume(): void {
    this.reaction ??= this.runner.start(new ProjectionReaction(new ComplaintProjection(this.db)));
  }

  /** Resolves once the read model holds the event at `position`, or false after `timeoutMs`. */
  async caughtUp(position: Position, timeoutMs: number): Promise<boolean> {
    if (!this.reaction) return false;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.reaction.reached(position).then(() => true), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reaction?.stop();
    if (this.db.open) this.db.close();
  }
}

@Module({
  providers: [
    {
      provide: READ_MODEL_DATABASE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) => {
        const { db } = openSqliteDatabase(
          join(config.get('DATA_DIR', { infer: true }), 'read-models.sqlite'),
        );
        createReadModelSchema(db);
        return db;
      },
    },
    {
      provide: ComplaintQueries,
      inject: [READ_MODEL_DATABASE, WorkingDayCalendar],
      useFactory: (db: Database.Database, calendar: WorkingDayCalendar) =>
        new ComplaintQueries(db, calendar),
    },
    ReadModelProjector,
  ],
  exports: [ComplaintQueries, ReadModelProjector],
})
export class ReadModelsModule {}

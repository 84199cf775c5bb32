import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, type Clock, ComplaintServiceModule } from '@sg/complaint-service';
import { type EnvironmentVariables } from '@sg/config';
import { openSqliteDatabase } from '@sg/event-store';
import { ReadModelsModule } from '@sg/read-models';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor';
import { IdempotencyStore } from '../http/idempotency-store';
import { AuthModule } from '../auth/auth.module';
import { QueriesController } from '../queries/queries.controller';
import { ComplaintsController } from './complaints.controller';

const IDEMPOTENCY_DATABASE = Symbol('IdempotencyDatabase');

@Injectable()
class IdempotencyDatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_DATABASE) private readonly db: Database.Database) {}

  onApplicationShutdown(): void {
    this.db.close();
  }
}

/** The complaint endpoints: commands under /api/complaints, and the lists and queues read from the read model. */
@Module({
  imports: [ComplaintServiceModule, ReadModelsModule, AuthModule],
  controllers: [ComplaintsController, QueriesController],
  providers: [
    {
      provide: IDEMPOTENCY_DATABASE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>) =>
        openSqliteDatabase(join(config.get('DATA_DIR', { infer: true }), 'idempotency.sqlite')).db,
    },
    {
      provide: IdempotencyStore,
      inject: [IDEMPOTENCY_DATABASE, CLOCK],
      useFactory: (db: Database.Database, clock: Clock) =>
        new IdempotencyStore(db, () => clock.now()),
    },
    IdempotencyDatabaseCloser,
    IdempotencyInterceptor,
  ],
})
export class ComplaintsModule {}

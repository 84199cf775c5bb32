import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, type Clock, ComplaintServiceModule } from '@sg/complaint-service';
import { type EnvironmentVariables } from '@sg/config';
import { openSqliteDatabase } from '@sg/event-store';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { ActingPersonGuard } from '../http/acting-person.guard';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor';
import { IdempotencyStore } from '../http/idempotency-store';
import { ComplaintsController } from './complaints.controller';

const IDEMPOTENCY_DATABASE = Symbol('IdempotencyDatabase');

@Injectable()
class IdempotencyDatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_DATABASE) private readonly db: Database.Database) {}

  onApplicationShutdown(): void {
    this.db.close();
  }
}

/** The complaint endpoints under /api/complaints, on top of the command side. */
@Module({
  imports: [ComplaintServiceModule],
  controllers: [ComplaintsController],
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
    ActingPersonGuard,
  ],
})
export class ComplaintsModule {}

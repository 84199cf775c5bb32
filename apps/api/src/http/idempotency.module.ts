import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, type Clock, ComplaintServiceModule } from '@sg/complaint-service';
import { type EnvironmentVariables } from '@sg/config';
import { openSqliteDatabase } from '@sg/event-store';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';

const IDEMPOTENCY_DATABASE = Symbol('IdempotencyDatabase');

@Injectable()
class IdempotencyDatabaseCloser implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_DATABASE) private readonly db: Database.Database) {}

  onApplicationShutdown(): void {
    this.db.close();
  }
}

/** First answers to POSTs with an Idempotency-Key, for every controller that takes one. */
@Module({
  imports: [ComplaintServiceModule],
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
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}

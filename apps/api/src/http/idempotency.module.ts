import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, type Clock, ComplaintServiceModule } from '@sg/complaint-service';
import { type EnvironmentVariables, redisClient } from '@sg/config';
import { openSqliteDatabase } from '@sg/event-store';
import type Database from 'better-sqlite3';
import type IORedis from 'ioredis';
import { join } from 'node:path';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';
import { RedisIdempotencyStore } from './redis-idempotency-store';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store';

const IDEMPOTENCY_CONNECTION = Symbol('IdempotencyConnection');

/** Where the answers are kept: Redis, shared by the API nodes, or this node's own file. */
type Connection = { readonly redis: IORedis } | { readonly db: Database.Database };

@Injectable()
class IdempotencyConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(IDEMPOTENCY_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    if ('db' in this.connection) this.connection.db.close();
    else await this.connection.redis.quit().catch(() => undefined);
  }
}

/** First answers to POSTs with an Idempotency-Key, for every controller that takes one. */
@Module({
  imports: [ComplaintServiceModule],
  providers: [
    {
      provide: IDEMPOTENCY_CONNECTION,
      inject: [ConfigService],
      useFactory: (config: ConfigService<EnvironmentVariables, true>): Connection => {
        const redisUrl = config.get('REDIS_URL', { infer: true });
        return redisUrl
          ? { redis: redisClient(redisUrl, { maxRetriesPerRequest: 1 }, 'idempotent answers') }
          : {
              db: openSqliteDatabase(
                join(config.get('DATA_DIR', { infer: true }), 'idempotency.sqlite'),
              ).db,
            };
      },
    },
    {
      provide: IdempotencyStore,
      inject: [IDEMPOTENCY_CONNECTION, CLOCK, ConfigService],
      useFactory: (
        connection: Connection,
        clock: Clock,
        config: ConfigService<EnvironmentVariables, true>,
      ): IdempotencyStore =>
        'redis' in connection
          ? new RedisIdempotencyStore(
              connection.redis,
              config.get('DEADLINES_PREFIX', { infer: true }),
            )
          : new SqliteIdempotencyStore(connection.db, () => clock.now()),
    },
    IdempotencyConnectionCloser,
    IdempotencyInterceptor,
  ],
  exports: [IdempotencyStore, IdempotencyInterceptor],
})
export class IdempotencyModule {}

import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables } from '@sg/config';
import { CheckpointedRunner, EVENT_STORE, type EventStore } from '@sg/event-store';
import { EngineObservation, METRICS_REGISTRY, READINESS, type Readiness } from '@sg/observability';
import { type Registry } from 'prom-client';

/**
 * What the API process reports of the engine, whether or not the worker runs in it: the store's
 * appends and each reaction's lag as metrics; the store, Redis and the reactions' lag as readiness.
 */
@Module({
  providers: [
    {
      provide: EngineObservation,
      inject: [
        { token: METRICS_REGISTRY, optional: true },
        { token: READINESS, optional: true },
        EVENT_STORE,
        CheckpointedRunner,
        ConfigService,
      ],
      useFactory: (
        registry: Registry | undefined,
        readiness: Readiness | undefined,
        store: EventStore,
        runner: CheckpointedRunner,
        config: ConfigService<EnvironmentVariables, true>,
      ) =>
        new EngineObservation(registry, readiness, {
          store,
          reports: () => runner.reports(),
          redisUrl: config.get('REDIS_URL', { infer: true }),
          maxLagEvents: config.get('READY_MAX_LAG_EVENTS', { infer: true }),
        }),
    },
  ],
})
export class EngineObservationModule {}

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { loadPolicy } from '@sg/complaint-service';
import {
  boundShutdownOnSignals,
  configurationModule,
  type EnvironmentVariables,
  productionWarnings,
  requireDataDirInProduction,
  runMain,
  validateEnvironment,
} from '@sg/config';
import {
  CheckpointedRunner,
  EVENT_STORE,
  type EventStore,
  EventStoreModule,
} from '@sg/event-store';
import {
  appLogger,
  createMetricsRegistry,
  EngineObservation,
  ObservabilityModule,
  Readiness,
  startProbeServer,
} from '@sg/observability';
import { stopWhenLeaseLost } from './stop-when-lease-lost';
import { WorkerModule } from './worker.module';

runMain(async () => {
  const settings = validateEnvironment(process.env);
  requireDataDirInProduction(settings);
  // Checked before Nest starts, so a bad policy is reported as plainly as a bad setting.
  loadPolicy(settings.POLICY_FILE);
  const logger = appLogger(settings);
  for (const warning of productionWarnings(settings)) logger.warn(warning, 'Worker');
  const registry = createMetricsRegistry({ processMetrics: true });
  const readiness = new Readiness();
  let started = false;
  readiness.require('worker', () => (started ? null : 'starting'));
  // Before Nest: a standby waits for the lease inside Nest's start-up, and must answer meanwhile.
  if (settings.WORKER_HTTP_PORT !== undefined) {
    const probes = await startProbeServer({
      port: settings.WORKER_HTTP_PORT,
      host: settings.LISTEN_ADDRESS,
      registry,
      metricsToken: settings.METRICS_TOKEN,
      readiness,
    });
    logger.log(`worker HTTP server listening on ${probes.listeningOn}`, 'Worker');
  }
  const app = await NestFactory.createApplicationContext(
    {
      module: class WorkerProcessModule {},
      imports: [
        configurationModule(),
        ObservabilityModule.forRoot({ registry, readiness }),
        EventStoreModule,
        WorkerModule,
      ],
      providers: [
        {
          provide: EngineObservation,
          inject: [EVENT_STORE, CheckpointedRunner, ConfigService],
          useFactory: (
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
    },
    { abortOnError: false, logger },
  );
  started = true;
  app.enableShutdownHooks();
  boundShutdownOnSignals((message) => new Logger('Worker').error(message));
  stopWhenLeaseLost(app);
  new Logger('Worker').log('worker process ready');
});

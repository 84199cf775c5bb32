import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadPolicy } from '@sg/complaint-service';
import { configurationModule, logLevelsFrom, runMain, validateEnvironment } from '@sg/config';
import { EventStoreModule } from '@sg/event-store';
import { stopWhenLeaseLost } from './stop-when-lease-lost';
import { WorkerModule } from './worker.module';

runMain(async () => {
  const { LOG_LEVEL, POLICY_FILE } = validateEnvironment(process.env);
  // Checked before Nest starts, so a bad policy is reported as plainly as a bad setting.
  loadPolicy(POLICY_FILE);
  const app = await NestFactory.createApplicationContext(
    {
      module: class WorkerProcessModule {},
      imports: [configurationModule(), EventStoreModule, WorkerModule],
    },
    {
      abortOnError: false,
      logger: logLevelsFrom(LOG_LEVEL),
    },
  );
  app.enableShutdownHooks();
  stopWhenLeaseLost(app);
  new Logger('Worker').log('worker process ready');
});

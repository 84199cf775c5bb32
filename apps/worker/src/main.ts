import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configurationModule, logLevelsFrom, runMain, validateEnvironment } from '@sg/config';
import { EventStoreModule } from '@sg/event-store';
import { WorkerModule } from './worker.module';

runMain(async () => {
  const { LOG_LEVEL } = validateEnvironment(process.env);
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
  new Logger('Worker').log('worker process ready');
});

import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { runMain, validateEnvironment } from '@sg/config';
import { logLevelsFrom } from './bootstrap';
import { ConfigurationModule } from './configuration.module';
import { WorkerModule } from './worker.module';

@Module({ imports: [ConfigurationModule, WorkerModule] })
class WorkerProcessModule {}

runMain(async () => {
  const { LOG_LEVEL } = validateEnvironment(process.env);
  const app = await NestFactory.createApplicationContext(WorkerProcessModule, {
    abortOnError: false,
    logger: logLevelsFrom(LOG_LEVEL),
  });
  app.enableShutdownHooks();
  new Logger('Worker').log('worker process ready');
});

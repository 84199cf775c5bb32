import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { type EnvironmentVariables, logLevelsFrom, runMain, validateEnvironment } from '@sg/config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

runMain(async () => {
  const { WORKER_MODE, LOG_LEVEL } = validateEnvironment(process.env);
  const app = await NestFactory.create(AppModule.forRoot(WORKER_MODE), {
    abortOnError: false,
    logger: logLevelsFrom(LOG_LEVEL),
  });
  app.enableShutdownHooks();
  configureApp(app);
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  await app.listen(config.get('PORT', { infer: true }));
  new Logger('Api').log(`Service Guarantee listening on ${await app.getUrl()}`);
});

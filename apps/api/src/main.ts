import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { loadPolicy } from '@sg/complaint-service';
import {
  boundShutdownOnSignals,
  type EnvironmentVariables,
  listenRefused,
  productionWarnings,
  requireDataDirInProduction,
  runMain,
  validateEnvironment,
} from '@sg/config';
import { appLogger, createMetricsRegistry, listeningOn } from '@sg/observability';
import { stopWhenLeaseLost } from '../../worker/src/stop-when-lease-lost';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

runMain(async () => {
  const settings = validateEnvironment(process.env);
  requireDataDirInProduction(settings);
  const { WORKER_MODE, POLICY_FILE } = settings;
  // Checked before Nest starts, so a bad policy is reported as plainly as a bad setting.
  loadPolicy(POLICY_FILE);
  const metrics = createMetricsRegistry({ processMetrics: true });
  const app = await NestFactory.create(AppModule.forRoot(WORKER_MODE, { metrics }), {
    abortOnError: false,
    logger: appLogger(settings),
  });
  app.enableShutdownHooks();
  productionWarnings(settings).forEach((warning) => new Logger('Api').warn(warning));
  boundShutdownOnSignals((message) => new Logger('Api').error(message));
  if (WORKER_MODE === 'in-process') stopWhenLeaseLost(app);
  configureApp(app);
  const config = app.get<ConfigService<EnvironmentVariables, true>>(ConfigService);
  try {
    const port = config.get('PORT', { infer: true });
    const address = config.get('LISTEN_ADDRESS', { infer: true });
    await (address === undefined ? app.listen(port) : app.listen(port, address));
  } catch (error) {
    // A start-up check refused (say, a quorum the Board cannot meet): close what the modules
    // opened, or the process would stay alive, serving nothing.
    await app.close();
    throw (
      listenRefused(error, {
        port: settings.PORT,
        address: settings.LISTEN_ADDRESS,
        portSetting: 'PORT',
        addressSetting: 'LISTEN_ADDRESS',
      }) ?? error
    );
  }
  const server = app.getHttpServer() as Server;
  new Logger('Api').log(
    `Service Guarantee listening on ${listeningOn(server.address() as AddressInfo)}`,
  );
});

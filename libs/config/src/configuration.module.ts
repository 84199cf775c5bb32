import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from './validate-environment';

/**
 * The validated environment, available everywhere through ConfigService. A function, so the
 * environment is read when the application is assembled rather than when this file is imported.
 */
export const configurationModule = () =>
  ConfigModule.forRoot({
    isGlobal: true,
    cache: true,
    // Settings come from the environment only, so every process reads the same ones.
    ignoreEnvFile: true,
    validate: validateEnvironment,
  });

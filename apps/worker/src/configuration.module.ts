import { validateEnvironment } from '@sg/config';
import { ConfigModule } from '@nestjs/config';

/** The validated environment, available everywhere through ConfigService. */
export const ConfigurationModule = ConfigModule.forRoot({
  isGlobal: true,
  cache: true,
  // Settings come from the environment only, so every process reads the same ones.
  ignoreEnvFile: true,
  validate: validateEnvironment,
});

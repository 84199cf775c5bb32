import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvironmentVariables } from './environment-variables';

export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Reads and checks the environment; the engine refuses to start on a wrong value rather than run
 * with a guess. An empty variable counts as unset, as docker-compose passes them.
 */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const config = plainToInstance(EnvironmentVariables, given, { exposeDefaultValues: true });
  const errors = validateSync(config);
  if (errors.length > 0) {
    throw new ConfigurationError(
      errors.flatMap((error) =>
        [...new Set(Object.values(error.constraints ?? {}))].map(
          (message) => `${error.property} ${message} (got ${JSON.stringify(error.value)})`,
        ),
      ),
    );
  }
  return config;
}

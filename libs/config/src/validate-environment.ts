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
 * A wrong value as the message may show it: stderr is collected with the logs, so a token or a
 * secret is never printed, nor a password in a URL.
 */
function shown(name: string, value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (/TOKEN|SECRET|PASSWORD/.test(name)) return `a value of ${value.length} characters, not shown`;
  // From the first colon to the last @: a password with / # or ? in it, unencoded (the usual
  // reason a URL is refused), is hidden whole. A URL with no @ may still hold one where a user
  // and password were written another way ("mail.example user:pass"): all after its colon is.
  if (value.includes('@')) return JSON.stringify(value.replace(/^([^:]*:).*@/s, '$1*****@'));
  return JSON.stringify(
    /URL|CONNECTION_STRING/.test(name) ? value.replace(/^([^:]*:).+/s, '$1*****') : value,
  );
}

/**
 * Reads and checks the environment; the engine refuses to start on a wrong value rather than run
 * with a guess. An empty variable counts as unset, as docker-compose passes them.
 */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const config = plainToInstance(EnvironmentVariables, given, { exposeDefaultValues: true });
  // Development conveniences are on by default, except in production.
  const production = config.NODE_ENV === 'production';
  config.DEMO_DATA ??= production ? 'off' : 'load-if-empty';
  const problems = validateSync(config).flatMap((error) =>
    [...new Set(Object.values(error.constraints ?? {}))].map(
      (message) => `${error.property} ${message} (got ${shown(error.property, error.value)})`,
    ),
  );
  if (config.NODE_ENV !== 'development' && config.DEV_IDENTITY_HEADER === 'enabled') {
    problems.push(
      'DEV_IDENTITY_HEADER may be enabled only when NODE_ENV=development: anyone could act as anyone',
    );
  }
  if (config.DEMO_DATA === 'load-if-empty' && production) {
    problems.push(
      'DEMO_DATA must be off when NODE_ENV=production: the demo county’s accounts have a published password and authenticator secret',
    );
  }
  if (config.TIME_SCALE > 1 && production) {
    problems.push('TIME_SCALE must be 1 when NODE_ENV=production: deadlines would pass early');
  }
  // One of the pair alone would leave the listener without TLS and nobody told.
  if (
    (config.INBOUND_SMTP_TLS_CERT === undefined) !==
    (config.INBOUND_SMTP_TLS_KEY === undefined)
  ) {
    problems.push(
      'INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY must be set together: the listener offers STARTTLS only with both',
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

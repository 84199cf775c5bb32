import { type EnvironmentVariables } from './environment-variables';

/** The From the engine uses when none is set: fine on a developer's machine, nowhere else. */
const DEVELOPMENT_FROM = /@localhost>?$/;

/**
 * Settings a production engine runs without, but whose defaults are only right on a developer's
 * machine: mail would stay in files, come from localhost, and link to localhost. Each is said
 * once at start-up, so an operator who missed one finds it in the first lines of the log.
 */
export function productionWarnings(settings: EnvironmentVariables): string[] {
  if (settings.NODE_ENV !== 'production') return [];
  return [
    ...(settings.PUBLIC_URL
      ? []
      : [
          `PUBLIC_URL is not set: links in mail and the sign-in redirect point at http://localhost:${settings.PORT}; set it to where people reach the engine`,
        ]),
    ...(settings.SMTP_URL
      ? []
      : [
          `SMTP_URL is not set: mail is written to files in ${settings.DATA_DIR}/outbox, not sent; set it to the council's mail server`,
        ]),
    ...(DEVELOPMENT_FROM.test(settings.MAIL_FROM)
      ? [`MAIL_FROM is ${settings.MAIL_FROM}: set it to the council's complaints address`]
      : []),
  ];
}

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
    // Production's session cookies are Secure: a browser sends them back over https alone.
    ...(settings.PUBLIC_URL &&
    /^http:\/\//i.test(settings.PUBLIC_URL) &&
    !onThisMachine(settings.PUBLIC_URL)
      ? [
          `PUBLIC_URL is ${settings.PUBLIC_URL}, not https: browsers will not send the sign-in cookie back over http, so nobody stays signed in; put the engine behind https`,
        ]
      : []),
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

/** A URL only this machine reaches, where browsers send Secure cookies over http too. */
function onThisMachine(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

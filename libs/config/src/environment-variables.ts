import { parseClosureDays } from '@sg/working-days';
import { parseTrustedProxies } from './trusted-proxies';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const WORKER_MODES = ['in-process', 'separate'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export const LOG_FORMATS = ['json', 'text', 'pretty'] as const;
export const EVENT_STORES = ['sqlite', 'eventstoredb', 'postgres'] as const;
export const SWITCHES = ['enabled', 'disabled'] as const;
export const DEMO_DATA_MODES = ['load-if-empty', 'off'] as const;

export type NodeEnv = (typeof NODE_ENVS)[number];
export type WorkerMode = (typeof WORKER_MODES)[number];
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormatSetting = (typeof LOG_FORMATS)[number];
export type EventStoreKind = (typeof EVENT_STORES)[number];
export type Switch = (typeof SWITCHES)[number];
export type DemoDataMode = (typeof DEMO_DATA_MODES)[number];

const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });

/** Leaves anything that is not plainly a whole number as it came, so @IsInt reports it. */
function toWholeNumber({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * A URL its client library will take: each host's port, when given, a number (clusters list
 * several hosts; a socket folder may come as `?host=` with no host at all), and for Redis a
 * database that is a number. A pattern on the scheme alone let `redis://host:6379/abc` through,
 * to fail later in a stack trace that never named the setting.
 */
function ParsesAsUrl(message: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'parsesAsUrl',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: { validate: (value: unknown) => typeof value === 'string' && usableUrl(value) },
    });
}

/** Plain HTTP only to a server on this machine (a test, a local demo); HTTPS to any other. */
export const isLoopbackUrl = (url: string) =>
  ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

/**
 * An identity provider's issuer, read as a URL is: HTTPS, since tokens come from it; plain HTTP
 * only to this machine (a demo, a test). A pattern let `http://localhost:@idp.example/` through,
 * whose host is the remote one.
 */
function issuerUrl(value: string): URL {
  const url = new URL(value);
  if (url.username || url.password) throw new Error('an issuer URL carries no user or password');
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(value))) return url;
  throw new Error(`${url.protocol}//${url.host} is not https`);
}

const HOST_AND_PORT = /^(?:\[[0-9A-Fa-f:.]+\]|[^:[\]]*)(?::(\d+))?$/;

function usableUrl(value: string): boolean {
  const parts = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(value);
  if (!parts) return false;
  const [, scheme, authority, path] = parts;
  const hosts = authority.slice(authority.lastIndexOf('@') + 1);
  if (!hosts.split(',').every((host) => HOST_AND_PORT.test(host))) return false;
  return !/^rediss?$/i.test(scheme) || /^\/?\d*$/.test(path);
}

/**
 * A setting `parse` reads without throwing; refused with the parser's own words after `rule`
 * (`rule: message`), or its message alone when there is no rule.
 */
function ParsesWith(
  name: string,
  parse: (value: string) => unknown,
  rule?: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return false;
          try {
            parse(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage(args: ValidationArguments) {
          try {
            parse(String(args.value));
            return rule ?? 'is not readable';
          } catch (error) {
            const said = (error as Error).message;
            return rule ? `${rule}: ${said}` : said;
          }
        },
      },
    });
}

/** Every setting the engine reads from its environment, with its default and its rule. */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS, oneOf(NODE_ENVS))
  NODE_ENV: NodeEnv = 'development';

  /** 0 asks the operating system for any free port. */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number from 0 to 65535' })
  @Min(0, { message: 'must be a whole number from 0 to 65535' })
  @Max(65535, { message: 'must be a whole number from 0 to 65535' })
  PORT = 3000;

  /** `in-process`: the API process also runs the worker (embedded mode). */
  @IsIn(WORKER_MODES, oneOf(WORKER_MODES))
  WORKER_MODE: WorkerMode = 'in-process';

  @IsIn(LOG_LEVELS, oneOf(LOG_LEVELS))
  LOG_LEVEL: LogLevel = 'log';

  /**
   * `json`: one JSON object a line (pino), for a log collector; `text` (or `pretty`): Nest's
   * console lines, for people. Unset: `json` when NODE_ENV=production, `text` otherwise.
   */
  @IsOptional()
  @IsIn(LOG_FORMATS, oneOf(LOG_FORMATS))
  LOG_FORMAT?: LogFormatSetting;

  /**
   * The bearer token a scraper presents to GET /metrics (at least 32 characters). Set, it is
   * required from everywhere; unset, only this machine's loopback is served, and no proxied request.
   */
  @IsOptional()
  @Matches(/^\S{32,}$/, { message: 'must be at least 32 characters without spaces' })
  METRICS_TOKEN?: string;

  /**
   * The reverse proxies in front of the API whose X-Forwarded-For is believed: how many (1 to 9),
   * or their addresses, subnets and named ranges (`loopback`, `uniquelocal`), comma-separated.
   * Unset: none, and every request is from the address that connected. Behind a proxy, set it, or
   * the limits per client address (sign-in, lodging) count every school as the proxy.
   */
  @IsOptional()
  @ParsesWith(
    'isTrustedProxies',
    parseTrustedProxies,
    'must be how many proxies to trust (1 to 9) or their addresses, subnets or named ranges, comma-separated',
  )
  TRUST_PROXY?: string;

  /**
   * The port of the worker process's own HTTP server (/health/live, /health/ready, /metrics), on
   * LISTEN_ADDRESS; 0 takes any free port. Unset: none.
   */
  @IsOptional()
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a port number from 0 (any free port) to 65535' })
  @Min(0, { message: 'must be a port number from 0 (any free port) to 65535' })
  @Max(65_535, { message: 'must be a port number from 0 (any free port) to 65535' })
  WORKER_HTTP_PORT?: number;

  /** /health/ready answers 503 while any reaction of the process is more events behind than this. */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number from 1 to 10000000' })
  @Min(1, { message: 'must be a whole number from 1 to 10000000' })
  @Max(10_000_000, { message: 'must be a whole number from 1 to 10000000' })
  READY_MAX_LAG_EVENTS = 1000;

  /** Where embedded mode keeps its files (the SQLite event store, checkpoints). */
  @IsNotEmpty({ message: 'must name a folder' })
  DATA_DIR = './data';

  /**
   * `sqlite`: the embedded store in DATA_DIR; `eventstoredb`: an EventStoreDB / KurrentDB server;
   * `postgres`: a PostgreSQL database (13 or later), at DATABASE_URL.
   */
  @IsIn(EVENT_STORES, oneOf(EVENT_STORES))
  EVENT_STORE: EventStoreKind = 'sqlite';

  /** Required with EVENT_STORE=eventstoredb, e.g. `esdb://localhost:2113?tls=false`. */
  @ValidateIf((config: EnvironmentVariables) => config.EVENT_STORE === 'eventstoredb')
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, {
    message:
      'must be an esdb:// or esdb+discover:// connection string when EVENT_STORE=eventstoredb',
  })
  @ParsesAsUrl('must be a connection string that parses, e.g. esdb://localhost:2113?tls=false')
  EVENTSTORE_CONNECTION_STRING?: string;

  /** Required with EVENT_STORE=postgres, e.g. `postgres://complaints:secret@db.internal:5432/complaints`. */
  @ValidateIf((config: EnvironmentVariables) => config.EVENT_STORE === 'postgres')
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'must be a postgres:// or postgresql:// URL when EVENT_STORE=postgres',
  })
  @ParsesAsUrl('must be a URL that parses, with a numeric port, e.g. postgres://user@host:5432/db')
  DATABASE_URL?: string;

  /** A JSON policy file (targets, caps, reimbursement schedule); the built-in policy when unset. */
  @IsOptional()
  @IsNotEmpty({ message: 'must name a JSON file' })
  POLICY_FILE?: string;

  /**
   * `enabled`: the acting person may be named by the X-Acting-Person header, for local demos and
   * tests of the API. Allowed only with NODE_ENV=development; off unless enabled.
   */
  @IsIn(SWITCHES, oneOf(SWITCHES))
  DEV_IDENTITY_HEADER: Switch = 'disabled';

  /** The address the HTTP server listens on, e.g. `127.0.0.1`; unset: every interface. */
  @IsOptional()
  @Matches(/^[0-9A-Za-z.:-]{1,253}$/, { message: 'must be an IP address or a host name' })
  LISTEN_ADDRESS?: string;

  /**
   * Where people reach the engine, e.g. `https://complaints.county.gov.uk`: the base of every link
   * in mail and of the sign-in redirect. Unset: http://localhost:PORT.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+$/, {
    message: 'must be http(s)://host[:port] with no path, e.g. https://complaints.county.gov.uk',
  })
  PUBLIC_URL?: string;

  /**
   * The council's OpenID Connect issuer, e.g. `https://login.microsoftonline.com/<tenant>/v2.0`:
   * HTTPS, since tokens come from it; plain HTTP only to a provider on this machine (a demo, a test).
   */
  @IsOptional()
  @ParsesWith(
    'issuerUrl',
    issuerUrl,
    'must be the issuer URL, https://… (plain http only to 127.0.0.1 or localhost)',
  )
  OIDC_ISSUER_URL?: string;

  /** The client (application) id registered with the identity provider. */
  @ValidateIf((config: EnvironmentVariables) => config.OIDC_ISSUER_URL !== undefined)
  @IsNotEmpty({ message: 'must be set when OIDC_ISSUER_URL is set' })
  OIDC_CLIENT_ID?: string;

  /** The client secret registered with the identity provider. */
  @ValidateIf((config: EnvironmentVariables) => config.OIDC_ISSUER_URL !== undefined)
  @IsNotEmpty({ message: 'must be set when OIDC_ISSUER_URL is set' })
  OIDC_CLIENT_SECRET?: string;

  /**
   * How many complaints one account may lodge in an hour (ten times as many from one client
   * address): a school lodges a few a year, so this only stops a script or a stuck retry loop.
   */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number from 1 to 1000000' })
  @Min(1, { message: 'must be a whole number from 1 to 1000000' })
  @Max(1_000_000, { message: 'must be a whole number from 1 to 1000000' })
  LODGES_PER_HOUR = 30;

  /** A signed-in session ends after this many minutes without a request. */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number of minutes from 1 to 720' })
  @Min(1, { message: 'must be a whole number of minutes from 1 to 720' })
  @Max(720, { message: 'must be a whole number of minutes from 1 to 720' })
  SESSION_IDLE_MINUTES = 30;

  /** A signed-in session ends this many hours after sign-in, however busy. */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number of hours from 1 to 24' })
  @Min(1, { message: 'must be a whole number of hours from 1 to 24' })
  @Max(24, { message: 'must be a whole number of hours from 1 to 24' })
  SESSION_ABSOLUTE_HOURS = 12;

  /** `load-if-empty`: start-up loads the demo county into an empty store. Off in production by default. */
  @IsIn(DEMO_DATA_MODES, oneOf(DEMO_DATA_MODES))
  DEMO_DATA?: DemoDataMode;

  /**
   * Redis for the deadline timers (BullMQ), e.g. `redis://localhost:6379`. Unset: timers live in
   * the worker's memory and are rebuilt from the running clocks at every start (embedded mode).
   */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  @ParsesAsUrl(
    'must be a URL that parses, with a numeric port and database, e.g. redis://host:6379/0',
  )
  REDIS_URL?: string;

  /** Prefix of every Redis key the engine writes, so deployments can share a Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be letters, digits, - or _ (at most 40)' })
  DEADLINES_PREFIX = 'sg';

  /**
   * With REDIS_URL, the worker that holds a lease in Redis is the only one that fires timers, sends
   * mail and settles reservations; others stand by. The lease lasts this many seconds after its
   * holder last renewed it, so a standby takes over within about this long (plus a third of it) of
   * the holder's death.
   */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number of seconds from 3 to 60' })
  @Min(3, { message: 'must be a whole number of seconds from 3 to 60' })
  @Max(60, { message: 'must be a whole number of seconds from 3 to 60' })
  WORKER_LEASE_SECONDS = 15;

  /** How many timers one worker process handles at once. */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number from 1 to 100' })
  @Min(1, { message: 'must be a whole number from 1 to 100' })
  @Max(100, { message: 'must be a whole number from 1 to 100' })
  WORKER_CONCURRENCY = 8;

  /** How often every running clock's timers are checked against the scheduler, in minutes. */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number of minutes from 1 to 59' })
  @Min(1, { message: 'must be a whole number of minutes from 1 to 59' })
  @Max(59, { message: 'must be a whole number of minutes from 1 to 59' })
  RECONCILE_EVERY_MINUTES = 10;

  /** The county whose schools count as in-county when importing from GIAS. */
  @IsNotEmpty({ message: 'must name a local authority' })
  COUNTY_NAME = 'Lancashire';

  /**
   * Where mail to people goes: an SMTP server (`smtp://user:pass@host:587`, `smtps://…`). Unset:
   * each message is written as an .eml file under DATA_DIR/outbox (embedded mode).
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  @ParsesAsUrl('must be a URL that parses, with a numeric port, e.g. smtp://mail.internal:587')
  SMTP_URL?: string;

  /** The From of every message the engine sends, e.g. `Service Guarantee <complaints@county.gov.uk>`. */
  @Matches(/^([^<>]+ )?<?[^\s@<>]+@[^\s@<>]+>?$/, {
    message: 'must be an address, or a name and an address in <>',
  })
  MAIL_FROM = 'Service Guarantee <service-guarantee@localhost>';

  /**
   * Where a reply to the engine's mail should go (the shared complaints mailbox the engine reads),
   * e.g. `Complaints <complaints@county.gov.uk>`. Unset: MAIL_FROM.
   */
  @IsOptional()
  @Matches(/^([^<>]+ )?<?[^\s@<>]+@[^\s@<>]+>?$/, {
    message: 'must be an address, or a name and an address in <>',
  })
  MAIL_REPLY_TO?: string;

  /**
   * The port of the SMTP listener the council's mail system relays inbound mail to (e.g. 2525;
   * 0 takes any free port, for tests). Unset: no listener.
   */
  @IsOptional()
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a port number from 0 (any free port) to 65535' })
  @Min(0, { message: 'must be a port number from 0 (any free port) to 65535' })
  @Max(65_535, { message: 'must be a port number from 0 (any free port) to 65535' })
  INBOUND_SMTP_PORT?: number;

  /** The address the SMTP listener binds to. */
  @IsNotEmpty({ message: 'must be an address to listen on' })
  INBOUND_SMTP_HOST = '127.0.0.1';

  /**
   * The council's mail relays that hand mail on to the listener, comma-separated addresses or
   * ranges (`10.0.0.2,10.1.0.0/24`): for mail from one of these, SPF is checked against the sender
   * its own Received header names. Unset: none, and SPF is checked against whoever connected, since
   * anyone who can reach the listener could write a Received header naming a school's server.
   */
  @IsOptional()
  @Matches(
    /^\s*(?:[0-9.]+|[0-9a-f:.]+)(?:\/\d{1,3})?\s*(?:,\s*(?:[0-9.]+|[0-9a-f:.]+)(?:\/\d{1,3})?\s*)*$/i,
    { message: 'must be IP addresses or ranges (10.0.0.0/24), comma-separated' },
  )
  INBOUND_SMTP_TRUSTED_RELAYS?: string;

  /**
   * The addresses and domains the listener accepts mail for, comma-separated
   * (`complaints@county.gov.uk,complaints.county.gov.uk`); mail for any other is refused (550).
   * Unset: the address in MAIL_REPLY_TO, or else MAIL_FROM.
   */
  @IsOptional()
  @Matches(/^[^\s,]+(,[^\s,]+)*$/, { message: 'must be addresses or domains, comma-separated' })
  INBOUND_SMTP_RECIPIENTS?: string;

  /** PEM files of the listener's certificate and key; given both, it offers STARTTLS. */
  @IsOptional()
  @IsNotEmpty({ message: 'must be the path of a PEM certificate' })
  INBOUND_SMTP_TLS_CERT?: string;

  @IsOptional()
  @IsNotEmpty({ message: 'must be the path of a PEM private key' })
  INBOUND_SMTP_TLS_KEY?: string;

  /** The largest message the listener or the upload endpoint takes, in bytes (30 MB by default). */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number of bytes from 65536 to 209715200' })
  @Min(65_536, { message: 'must be a whole number of bytes from 65536 to 209715200' })
  @Max(209_715_200, { message: 'must be a whole number of bytes from 65536 to 209715200' })
  INBOUND_MAIL_MAX_BYTES = 31_457_280;

  /**
   * A shared mailbox to read over IMAP: `imaps://user:password@outlook.office365.com/INBOX`
   * (`imap://` for plain or STARTTLS). Unset: no polling.
   */
  @IsOptional()
  @Matches(/^imaps?:\/\/\S+$/, { message: 'must be an imap:// or imaps:// URL' })
  @ParsesAsUrl('must be a URL that parses, with a numeric port, e.g. imaps://user@mail:993/INBOX')
  INBOUND_IMAP_URL?: string;

  /** The folder handled messages are moved to, so none is read twice. */
  @IsNotEmpty({ message: 'must name a folder' })
  INBOUND_IMAP_DONE_FOLDER = 'Service Guarantee/Taken in';

  /** How often the mailbox is read, in seconds. */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number of seconds from 5 to 3600' })
  @Min(5, { message: 'must be a whole number of seconds from 5 to 3600' })
  @Max(3600, { message: 'must be a whole number of seconds from 5 to 3600' })
  INBOUND_IMAP_POLL_SECONDS = 60;

  /**
   * The bearer token a mail provider's inbound webhook presents to POST /api/inbound-mail (at
   * least 32 characters). Unset: the endpoint answers 404.
   */
  @IsOptional()
  @Matches(/^\S{32,}$/, { message: 'must be at least 32 characters without spaces' })
  INBOUND_MAIL_TOKEN?: string;

  /**
   * For demonstrations: time runs this many times faster than real time, from the moment the
   * engine starts (8640: a day every 10 seconds), so a complaint's clocks expire while you watch.
   * 1 (real time) is the only value allowed in production.
   */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number from 1 to 1000000' })
  @Min(1, { message: 'must be a whole number from 1 to 1000000' })
  @Max(1_000_000, { message: 'must be a whole number from 1 to 1000000' })
  TIME_SCALE = 1;

  /**
   * With TIME_SCALE: the real instant from which accelerated time counts, e.g.
   * `2026-12-03T08:00:00Z`, so that every process of a demonstration on several nodes agrees on
   * the time. Unset: each process counts from its own start.
   */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'must be an instant with its offset, e.g. 2026-12-03T08:00:00Z',
  })
  TIME_ORIGIN?: string;

  /**
   * How long a command's answer waits for this node's read model to show the change before it
   * answers 202 with a Location to poll instead, in milliseconds.
   */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number of milliseconds from 0 to 30000' })
  @Min(0, { message: 'must be a whole number of milliseconds from 0 to 30000' })
  @Max(30_000, { message: 'must be a whole number of milliseconds from 0 to 30000' })
  READ_YOUR_WRITES_TIMEOUT_MS = 2000;

  /**
   * The largest file that may be attached to a complaint, in bytes: 10 MiB unless set, at least
   * 1 KiB, at most 100 MiB (an upload is held in memory while it is checked).
   */
  @Transform(toWholeNumber)
  @IsInt({ message: 'must be a whole number of bytes from 1024 to 104857600' })
  @Min(1024, { message: 'must be a whole number of bytes from 1024 to 104857600' })
  @Max(104_857_600, { message: 'must be a whole number of bytes from 1024 to 104857600' })
  ATTACHMENT_MAX_BYTES = 10_485_760;

  /** Council closure days beyond bank holidays, e.g. `2026-12-29..2026-12-31`. */
  @ParsesWith('isClosureDays', parseClosureDays)
  COUNCIL_CLOSURE_DAYS = '';
}

import { parseTrustedProxies } from './trusted-proxies';
import { ConfigurationError, validateEnvironment } from './validate-environment';

describe('validateEnvironment', () => {
  it('gives the defaults for an empty environment', () => {
    expect({ ...validateEnvironment({}) }).toEqual({
      NODE_ENV: 'development',
      PORT: 3000,
      WORKER_MODE: 'in-process',
      LOG_LEVEL: 'log',
      COUNCIL_CLOSURE_DAYS: '',
      DATA_DIR: './data',
      EVENT_STORE: 'sqlite',
      DEV_IDENTITY_HEADER: 'disabled',
      DEMO_DATA: 'load-if-empty',
      COUNTY_NAME: 'Lancashire',
      DEADLINES_PREFIX: 'sg',
      WORKER_LEASE_SECONDS: 15,
      WORKER_CONCURRENCY: 8,
      RECONCILE_EVERY_MINUTES: 10,
      MAIL_FROM: 'Service Guarantee <service-guarantee@localhost>',
      TIME_SCALE: 1,
      READ_YOUR_WRITES_TIMEOUT_MS: 2000,
      LODGES_PER_HOUR: 30,
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      ATTACHMENT_MAX_BYTES: 10_485_760,
      INBOUND_SMTP_HOST: '127.0.0.1',
      INBOUND_MAIL_MAX_BYTES: 31_457_280,
      INBOUND_IMAP_DONE_FOLDER: 'Service Guarantee/Taken in',
      INBOUND_IMAP_POLL_SECONDS: 60,
      READY_MAX_LAG_EVENTS: 1000,
    });
  });

  it('reads the observability settings, refusing what cannot be one', () => {
    const settings = validateEnvironment({
      LOG_FORMAT: 'json',
      METRICS_TOKEN: 'm'.repeat(32),
      WORKER_HTTP_PORT: '9464',
      READY_MAX_LAG_EVENTS: '50',
    });
    expect(settings).toMatchObject({
      LOG_FORMAT: 'json',
      METRICS_TOKEN: 'm'.repeat(32),
      WORKER_HTTP_PORT: 9464,
      READY_MAX_LAG_EVENTS: 50,
    });
    expect(validateEnvironment({ WORKER_HTTP_PORT: '0' }).WORKER_HTTP_PORT).toBe(0);
    for (const [name, wrong, message] of [
      ['LOG_FORMAT', 'xml', /LOG_FORMAT must be one of json, text, pretty/],
      ['METRICS_TOKEN', 'short', /METRICS_TOKEN must be at least 32 characters/],
      ['WORKER_HTTP_PORT', '65536', /WORKER_HTTP_PORT must be a port number/],
      ['READY_MAX_LAG_EVENTS', '0', /READY_MAX_LAG_EVENTS must be a whole number from 1/],
    ] as const)
      expect(() => validateEnvironment({ [name]: wrong })).toThrow(message);
  });

  it('refuses half of the listener’s TLS pair, which would leave it without STARTTLS unsaid', () => {
    for (const half of ['INBOUND_SMTP_TLS_CERT', 'INBOUND_SMTP_TLS_KEY'])
      expect(() =>
        validateEnvironment({ INBOUND_SMTP_PORT: '2525', [half]: '/etc/mail/x.pem' }),
      ).toThrow(/INBOUND_SMTP_TLS_CERT and INBOUND_SMTP_TLS_KEY must be set together/);
    expect(
      validateEnvironment({
        INBOUND_SMTP_TLS_CERT: '/etc/mail/cert.pem',
        INBOUND_SMTP_TLS_KEY: '/etc/mail/key.pem',
      }),
    ).toMatchObject({ INBOUND_SMTP_TLS_CERT: '/etc/mail/cert.pem' });
  });

  it('reads which proxies to trust: a count, or addresses, subnets and named ranges', () => {
    for (const [given, parsed] of [
      ['1', 1],
      ['loopback', ['loopback']],
      [
        '10.0.0.0/8, 192.168.1.5,::1,fd00::/8,uniquelocal',
        ['10.0.0.0/8', '192.168.1.5', '::1', 'fd00::/8', 'uniquelocal'],
      ],
    ] as const) {
      expect(validateEnvironment({ TRUST_PROXY: given }).TRUST_PROXY).toBe(given);
      expect(parseTrustedProxies(given)).toEqual(parsed);
    }
    for (const wrong of [
      '0',
      '10',
      'proxy.county.local',
      '10.0.0.0/33',
      '10.0.0.1/8/9',
      'true',
      '1,,2',
    ])
      expect(() => validateEnvironment({ TRUST_PROXY: wrong })).toThrow(
        /TRUST_PROXY must be how many proxies/,
      );
  });

  it('reads the inbound mail settings, refusing what cannot be one', () => {
    const settings = validateEnvironment({
      INBOUND_SMTP_PORT: '2525',
      INBOUND_SMTP_RECIPIENTS: 'complaints@county.gov.uk,complaints.county.gov.uk',
      INBOUND_IMAP_URL: 'imaps://complaints%40county.gov.uk:secret@imap.example.org/INBOX',
      INBOUND_MAIL_TOKEN: 'x'.repeat(32),
      MAIL_REPLY_TO: 'Complaints <complaints@county.gov.uk>',
    });
    expect(settings).toMatchObject({ INBOUND_SMTP_PORT: 2525 });
    for (const [name, wrong, message] of [
      ['INBOUND_SMTP_PORT', '65536', /INBOUND_SMTP_PORT must be a port number/],
      ['INBOUND_SMTP_RECIPIENTS', 'a@b.c, d@e.f', /INBOUND_SMTP_RECIPIENTS must be addresses/],
      ['INBOUND_IMAP_URL', 'https://imap.example.org', /INBOUND_IMAP_URL must be an imap/],
      ['INBOUND_MAIL_TOKEN', 'short', /INBOUND_MAIL_TOKEN must be at least 32 characters/],
      ['INBOUND_MAIL_MAX_BYTES', '1000', /INBOUND_MAIL_MAX_BYTES must be a whole number/],
      ['MAIL_REPLY_TO', 'not an address', /MAIL_REPLY_TO must be an address/],
    ] as const)
      expect(() => validateEnvironment({ [name]: wrong })).toThrow(message);
  });

  it('reads the largest attachment in bytes, from 1 KiB to 100 MiB', () => {
    expect(validateEnvironment({ ATTACHMENT_MAX_BYTES: '2097152' }).ATTACHMENT_MAX_BYTES).toBe(
      2_097_152,
    );
    for (const wrong of ['1023', '104857601', '10MB', '-1'])
      expect(() => validateEnvironment({ ATTACHMENT_MAX_BYTES: wrong })).toThrow(
        /ATTACHMENT_MAX_BYTES must be a whole number of bytes from 1024 to 104857600/,
      );
  });

  it('loads the demo county only outside production: its accounts’ password is published', () => {
    expect(validateEnvironment({}).DEMO_DATA).toBe('load-if-empty');
    expect(validateEnvironment({ NODE_ENV: 'production' }).DEMO_DATA).toBe('off');
    expect(() =>
      validateEnvironment({ DEMO_DATA: 'load-if-empty', NODE_ENV: 'production' }),
    ).toThrow(/DEMO_DATA must be off when NODE_ENV=production/);
  });

  it('lets time run faster only for demonstrations, counted from TIME_ORIGIN when given', () => {
    expect(validateEnvironment({ TIME_SCALE: '8640' }).TIME_SCALE).toBe(8640);
    expect(() => validateEnvironment({ TIME_SCALE: '8640', NODE_ENV: 'production' })).toThrow(
      /TIME_SCALE must be 1 when NODE_ENV=production/,
    );
    expect(
      validateEnvironment({
        TIME_SCALE: '8640',
        REDIS_URL: 'redis://localhost:6379',
        TIME_ORIGIN: '2026-12-03T08:00:00Z',
      }).TIME_ORIGIN,
    ).toBe('2026-12-03T08:00:00Z');
    expect(() => validateEnvironment({ TIME_ORIGIN: 'tomorrow' })).toThrow(
      /TIME_ORIGIN must be an instant with its offset/,
    );
  });

  it('reads given values and converts the port to a number', () => {
    const config = validateEnvironment({
      NODE_ENV: 'production',
      PORT: '8080',
      WORKER_MODE: 'separate',
      COUNCIL_CLOSURE_DAYS: '2026-12-29..2026-12-31',
      UNRELATED: 'ignored',
    });
    expect(config.PORT).toBe(8080);
    expect(config.NODE_ENV).toBe('production');
    expect(config.WORKER_MODE).toBe('separate');
  });

  it('treats an empty variable as unset', () => {
    expect(validateEnvironment({ PORT: '' }).PORT).toBe(3000);
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number from 0 to 65535 \(got "abc"\)/],
    ['PORT', '70000', /PORT must be a whole number from 0 to 65535 \(got 70000\)/],
    ['PORT', '-1', /PORT must be a whole number/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of development, test, production/],
    ['WORKER_MODE', 'both', /WORKER_MODE must be one of in-process, separate/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['TIME_SCALE', '0', /TIME_SCALE must be a whole number from 1 to 1000000 \(got 0\)/],
    ['SMTP_URL', 'mail.example:25', /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    ['MAIL_FROM', 'nobody', /MAIL_FROM must be an address, or a name and an address in <>/],
    [
      'COUNCIL_CLOSURE_DAYS',
      '2026-12-32',
      /COUNCIL_CLOSURE_DAYS "2026-12-32" is not a closure day/,
    ],
  ])('refuses %s=%s and names it', (name, value, message) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(ConfigurationError);
    expect(() => validateEnvironment({ [name]: value })).toThrow(message);
  });

  it('needs a connection string only for EventStoreDB', () => {
    expect(() => validateEnvironment({ EVENT_STORE: 'eventstoredb' })).toThrow(
      /EVENTSTORE_CONNECTION_STRING must be an esdb:\/\/ or esdb\+discover:\/\/ connection string/,
    );
    expect(() =>
      validateEnvironment({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113',
      }),
    ).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    expect(
      validateEnvironment({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      }).EVENTSTORE_CONNECTION_STRING,
    ).toBe('esdb://localhost:2113?tls=false');
    expect(validateEnvironment({ EVENTSTORE_CONNECTION_STRING: 'anything' }).EVENT_STORE).toBe(
      'sqlite',
    );
  });

  it('needs a postgres:// URL only for the PostgreSQL store', () => {
    expect(() => validateEnvironment({ EVENT_STORE: 'postgres' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL when EVENT_STORE=postgres/,
    );
    for (const wrong of ['mysql://db:3306/complaints', 'db.internal:5432', 'postgres://'])
      expect(() => validateEnvironment({ EVENT_STORE: 'postgres', DATABASE_URL: wrong })).toThrow(
        /DATABASE_URL/,
      );
    for (const url of [
      'postgres://complaints:secret@db.internal:5432/complaints',
      'postgresql://127.0.0.1/complaints?sslmode=require',
    ])
      expect(validateEnvironment({ EVENT_STORE: 'postgres', DATABASE_URL: url })).toMatchObject({
        EVENT_STORE: 'postgres',
        DATABASE_URL: url,
      });
    expect(validateEnvironment({ DATABASE_URL: 'anything' }).EVENT_STORE).toBe('sqlite');
  });

  it('turns the demo data off in production, and allows the identity header only when asked for in development', () => {
    expect(validateEnvironment({ NODE_ENV: 'production' })).toMatchObject({
      DEV_IDENTITY_HEADER: 'disabled',
      DEMO_DATA: 'off',
    });
    expect(validateEnvironment({ NODE_ENV: 'development' }).DEV_IDENTITY_HEADER).toBe('disabled');
    expect(
      validateEnvironment({ NODE_ENV: 'development', DEV_IDENTITY_HEADER: 'enabled' })
        .DEV_IDENTITY_HEADER,
    ).toBe('enabled');
    for (const NODE_ENV of ['production', 'test']) {
      expect(() => validateEnvironment({ NODE_ENV, DEV_IDENTITY_HEADER: 'enabled' })).toThrow(
        /DEV_IDENTITY_HEADER may be enabled only when NODE_ENV=development/,
      );
    }
  });

  it('refuses an issuer over plain HTTP at start-up, unless it is on this machine', () => {
    const client = { OIDC_CLIENT_ID: 'sg', OIDC_CLIENT_SECRET: 's3cret' };
    for (const issuer of [
      'http://idp.example.com/t/v2.0',
      'http://127.0.0.1.example/',
      'idp',
      'http://localhost:@idp.example.com/t/v2.0',
      'http://127.0.0.1:x@idp.example.com/',
      'https://user:pass@idp.example.com/',
      'ftp://localhost/',
    ])
      expect(() => validateEnvironment({ ...client, OIDC_ISSUER_URL: issuer })).toThrow(
        /OIDC_ISSUER_URL must be the issuer URL, https:\/\/… \(plain http only to 127\.0\.0\.1 or localhost\)/,
      );
    for (const issuer of [
      'https://login.example/v2.0',
      'http://127.0.0.1:4444/',
      'http://localhost',
    ])
      expect(validateEnvironment({ ...client, OIDC_ISSUER_URL: issuer }).OIDC_ISSUER_URL).toBe(
        issuer,
      );
  });

  it('needs the client id and secret with an OpenID Connect issuer', () => {
    expect(() => validateEnvironment({ OIDC_ISSUER_URL: 'https://login.example/v2.0' })).toThrow(
      /OIDC_CLIENT_ID must be set[\s\S]*OIDC_CLIENT_SECRET must be set/,
    );
    expect(
      validateEnvironment({
        OIDC_ISSUER_URL: 'https://login.example/v2.0',
        OIDC_CLIENT_ID: 'sg',
        OIDC_CLIENT_SECRET: 's3cret',
      }).OIDC_CLIENT_ID,
    ).toBe('sg');
    expect(() => validateEnvironment({ PUBLIC_URL: 'https://x.example/path' })).toThrow(
      /PUBLIC_URL must be http\(s\):\/\/host/,
    );
  });

  it('refuses a URL its client could not use, naming the setting', () => {
    const refusal = (env: Record<string, string>) => {
      try {
        validateEnvironment(env);
      } catch (error) {
        return (error as Error).message;
      }
      return null;
    };
    expect(
      refusal({
        EVENT_STORE: 'postgres',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:notaport/x',
      }),
    ).toMatch(/DATABASE_URL must be a URL that parses/);
    for (const REDIS_URL of ['redis://127.0.0.1:6379/abc', 'redis://127.0.0.1:notaport'])
      expect(refusal({ REDIS_URL })).toMatch(/REDIS_URL must be a URL that parses/);
    expect(refusal({ SMTP_URL: 'smtp://mail:58x7' })).toMatch(/SMTP_URL must be a URL that parses/);
    expect(refusal({ INBOUND_IMAP_URL: 'imaps://mail:99x3/INBOX' })).toMatch(/INBOUND_IMAP_URL/);
    for (const fine of <Record<string, string>[]>[
      { REDIS_URL: 'redis://127.0.0.1:6379/13' },
      { REDIS_URL: 'rediss://:secret@redis.internal' },
      { REDIS_URL: 'redis://default:secret@[::1]:6379/2' },
      {
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb+discover://node1:2113,node2:2113,node3:2113?tls=false',
      },
      {
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://admin:changeit@node1:2113,node2:2113?tls=true',
      },
      { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres:///complaints?host=/var/run/postgresql' },
      { EVENT_STORE: 'postgres', DATABASE_URL: 'postgresql://u@/db?host=/cloudsql/p:r:i' },
      { SMTP_URL: 'smtps://user:pass@mail.internal:465' },
      {
        EVENT_STORE: 'postgres',
        DATABASE_URL: 'postgresql://127.0.0.1/complaints?sslmode=require',
      },
    ])
      expect(refusal(fine)).toBeNull();
  });

  it('never prints a secret it refuses: tokens are not shown, nor passwords in URLs', () => {
    let message = '';
    try {
      validateEnvironment({
        EVENT_STORE: 'postgres',
        DATABASE_URL: 'postgress://complaints:S3cretPassw0rd@db:5432/c',
        SMTP_URL: 'smtp//mailuser:MailPassw0rd@mail:587',
        REDIS_URL: 'redis://:pa#ssw0rd@redis:6379/x',
        INBOUND_IMAP_URL: 'imaps://complaints:S3cr/et@mail:993/INBOX',
        INBOUND_MAIL_TOKEN: 'abc xyz 0123',
        METRICS_TOKEN: 'short',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL .*\(got "postgress:\*\*\*\*\*@db:5432\/c"\)/);
    expect(message).toMatch(/INBOUND_MAIL_TOKEN .*\(got a value of 12 characters, not shown\)/);
    expect(message).toMatch(/METRICS_TOKEN .*not shown/);
    expect(message).toContain('SMTP_URL');
    expect(message).toContain('REDIS_URL');
    for (const secret of [
      'S3cretPassw0rd',
      'MailPassw0rd',
      'abc xyz 0123',
      'short',
      'pa#ssw0rd',
      'S3cr/et',
    ])
      expect(message).not.toContain(secret);
  });

  it('hides a password written into a URL without an @ too', () => {
    expect(() => validateEnvironment({ SMTP_URL: 'mail.example user:S3cretPw' })).toThrow(
      /SMTP_URL .*\(got "mail\.example user:\*\*\*\*\*"\)/,
    );
  });

  it('lists every wrong value at once', () => {
    expect(() => validateEnvironment({ PORT: 'x', NODE_ENV: 'y' })).toThrow(
      /PORT[\s\S]*NODE_ENV|NODE_ENV[\s\S]*PORT/,
    );
  });
});

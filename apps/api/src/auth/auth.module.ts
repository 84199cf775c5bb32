import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import {
  ApiTokens,
  type CredentialStore,
  EmailLinkSignIn,
  IdentityProviderSignIn,
  MemoryRateLimiter,
  openCredentialStore,
  PasswordInvitations,
  PasswordSignIn,
  type RateLimiter,
  RedisRateLimiter,
  RedisSessionStore,
  Sessions,
  type SessionStore,
  SignInLog,
  SqliteSessionStore,
} from '@sg/auth';
import { CLOCK, type Clock, ComplaintServiceModule, systemClock } from '@sg/complaint-service';
import { type EnvironmentVariables, isLoopbackUrl } from '@sg/config';
import { Directory, PeopleRecords } from '@sg/directory';
import { mailTransportFor } from '@sg/mail';
import { countSignInFailures, METRICS_REGISTRY } from '@sg/observability';
import { join } from 'node:path';
import { type Registry } from 'prom-client';
import { ApiTokensController } from './admin/api-tokens.controller';
import { PeopleController } from './admin/people.controller';
import { SchoolAddressesController } from './admin/school-addresses.controller';
import {
  CREDENTIALS,
  EMAIL_LINK_SIGN_IN,
  IDENTITY_PROVIDER_SIGN_IN,
  PASSWORD_INVITATIONS,
  PASSWORD_SIGN_IN,
  RATE_LIMITER,
  SECURITY_CLOCK,
  SIGN_IN_MAILER,
} from './auth.tokens';
import { CallerIdentity } from './caller-identity';
import { DemoAccounts } from './demo-accounts';
import { EmailLinkPageController } from './email-link-page.controller';
import { FormToken } from './form-token';
import { PasswordLinkMail } from './password-link-mail';
import { SignInMethodChange } from './admin/change-sign-in-method';
import { PageRenderingModule } from '../pages/core/page-renderer';
import { IdempotencyModule } from '../http/idempotency.module';
import { IdentityGuard } from './identity.guard';
import { IdentityProviderController, publicUrlOf } from './identity-provider.controller';
import { LazyIdentityProvider } from './lazy-identity-provider';
import { LodgingRateLimit } from './lodging-rate-limit.guard';
import { RoutePolicyCheck } from './route-policy-check';
import { SessionResponder } from './session-responder';
import { SignInController } from './sign-in.controller';
import { SignInMailer } from './sign-in-mailer';

type Config = ConfigService<EnvironmentVariables, true>;

const SESSION_STORE = Symbol('SessionStore');

@Injectable()
class AuthStoresCloser implements OnApplicationShutdown {
  constructor(
    @Inject(CREDENTIALS) private readonly credentials: CredentialStore,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(SIGN_IN_MAILER) private readonly mailer: SignInMailer,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.credentials.close();
    await this.sessions.close();
    await this.limiter.close();
    this.mailer.close();
  }
}

/**
 * Who is calling and how they got in: sessions (in SQLite embedded, in Redis when configured, so
 * every API node shares them), local accounts (their credentials in SQLite embedded, in the
 * PostgreSQL event store's database when that is the store) with a second factor, sign-in links for schools, the
 * council's identity provider, API tokens, and the administration of people and school addresses.
 */
@Module({
  imports: [ComplaintServiceModule, DiscoveryModule, PageRenderingModule, IdempotencyModule],
  controllers: [
    SignInController,
    EmailLinkPageController,
    IdentityProviderController,
    PeopleController,
    SchoolAddressesController,
    ApiTokensController,
  ],
  providers: [
    PasswordLinkMail,
    SignInMethodChange,
    {
      // Sessions, codes, links and lock-outs run in real time even when a demonstration speeds
      // the complaints' clocks up (TIME_SCALE), or they would all expire in milliseconds.
      provide: SECURITY_CLOCK,
      inject: [CLOCK, ConfigService],
      useFactory: (clock: Clock, config: Config): Clock =>
        config.get('TIME_SCALE', { infer: true }) > 1 ? systemClock : clock,
    },
    {
      provide: CREDENTIALS,
      inject: [ConfigService],
      // With the PostgreSQL event store any node may sign anyone in: credentials go in its database.
      useFactory: (config: Config): CredentialStore =>
        openCredentialStore({
          EVENT_STORE: config.get('EVENT_STORE', { infer: true }),
          DATABASE_URL: config.get('DATABASE_URL', { infer: true }),
          DATA_DIR: config.get('DATA_DIR', { infer: true }),
        }),
    },
    {
      provide: SESSION_STORE,
      inject: [ConfigService],
      useFactory: (config: Config): SessionStore => {
        const redis = config.get('REDIS_URL', { infer: true });
        return redis
          ? new RedisSessionStore({
              redis,
              prefix: config.get('DEADLINES_PREFIX', { infer: true }),
            })
          : new SqliteSessionStore({
              file: join(config.get('DATA_DIR', { infer: true }), 'sessions.sqlite'),
            });
      },
    },
    {
      provide: RATE_LIMITER,
      inject: [ConfigService],
      useFactory: (config: Config): RateLimiter => {
        const redis = config.get('REDIS_URL', { infer: true });
        return redis
          ? new RedisRateLimiter({ redis, prefix: config.get('DEADLINES_PREFIX', { infer: true }) })
          : new MemoryRateLimiter();
      },
    },
    {
      provide: Sessions,
      inject: [SESSION_STORE, SECURITY_CLOCK, ConfigService],
      useFactory: (store: SessionStore, clock: Clock, config: Config) =>
        new Sessions(store, () => clock.now(), {
          idleMinutes: config.get('SESSION_IDLE_MINUTES', { infer: true }),
          absoluteHours: config.get('SESSION_ABSOLUTE_HOURS', { infer: true }),
        }),
    },
    {
      provide: PeopleRecords,
      inject: [Directory],
      useFactory: (directory: Directory) => new PeopleRecords(directory),
    },
    {
      provide: SignInLog,
      inject: [PeopleRecords, SECURITY_CLOCK, { token: METRICS_REGISTRY, optional: true }],
      useFactory: (people: PeopleRecords, clock: Clock, metrics?: Registry) =>
        new SignInLog(people, () => clock.now(), metrics && countSignInFailures(metrics)),
    },
    {
      provide: ApiTokens,
      inject: [Directory, CREDENTIALS, SECURITY_CLOCK],
      useFactory: (directory: Directory, credentials: CredentialStore, clock: Clock) =>
        new ApiTokens(directory, credentials, () => clock.now()),
    },
    {
      provide: SIGN_IN_MAILER,
      inject: [ConfigService, SECURITY_CLOCK],
      useFactory: (config: Config, clock: Clock) =>
        new SignInMailer(
          mailTransportFor({
            smtpUrl: config.get('SMTP_URL', { infer: true }),
            dataDir: config.get('DATA_DIR', { infer: true }),
          }),
          config.get('MAIL_FROM', { infer: true }),
          () => clock.now(),
        ),
    },
    {
      provide: PASSWORD_SIGN_IN,
      inject: [
        Directory,
        PeopleRecords,
        CREDENTIALS,
        Sessions,
        RATE_LIMITER,
        SignInLog,
        SECURITY_CLOCK,
      ],
      useFactory: (
        directory: Directory,
        people: PeopleRecords,
        credentials: CredentialStore,
        sessions: Sessions,
        limiter: RateLimiter,
        log: SignInLog,
        clock: Clock,
      ) =>
        new PasswordSignIn(directory, people, credentials, sessions, limiter, log, () =>
          clock.now(),
        ),
    },
    {
      provide: PASSWORD_INVITATIONS,
      inject: [CREDENTIALS, PASSWORD_SIGN_IN, ConfigService, SECURITY_CLOCK],
      useFactory: (
        credentials: CredentialStore,
        passwords: PasswordSignIn,
        config: Config,
        clock: Clock,
      ) => new PasswordInvitations(credentials, passwords, publicUrlOf(config), () => clock.now()),
    },
    {
      provide: EMAIL_LINK_SIGN_IN,
      inject: [
        Directory,
        PeopleRecords,
        CREDENTIALS,
        Sessions,
        RATE_LIMITER,
        SignInLog,
        SIGN_IN_MAILER,
        ConfigService,
        SECURITY_CLOCK,
      ],
      useFactory: (
        directory: Directory,
        people: PeopleRecords,
        credentials: CredentialStore,
        sessions: Sessions,
        limiter: RateLimiter,
        log: SignInLog,
        mailer: SignInMailer,
        config: Config,
        clock: Clock,
      ) =>
        new EmailLinkSignIn(
          directory,
          people,
          credentials,
          sessions,
          limiter,
          log,
          mailer,
          publicUrlOf(config),
          () => clock.now(),
        ),
    },
    {
      provide: IDENTITY_PROVIDER_SIGN_IN,
      inject: [ConfigService, Directory, PeopleRecords, Sessions, SignInLog],
      useFactory: (
        config: Config,
        directory: Directory,
        people: PeopleRecords,
        sessions: Sessions,
        log: SignInLog,
      ) => {
        const issuerUrl = config.get('OIDC_ISSUER_URL', { infer: true });
        if (!issuerUrl) return null;
        const provider = new LazyIdentityProvider({
          issuerUrl,
          clientId: config.get('OIDC_CLIENT_ID', { infer: true }),
          clientSecret: config.get('OIDC_CLIENT_SECRET', { infer: true }),
          redirectUri: `${publicUrlOf(config)}/auth/identity-provider/callback`,
          allowInsecureHttp: isLoopbackUrl(issuerUrl),
        });
        return new IdentityProviderSignIn(provider, directory, people, sessions, log);
      },
    },
    SessionResponder,
    FormToken,
    DemoAccounts,
    RoutePolicyCheck,
    LodgingRateLimit,
    CallerIdentity,
    AuthStoresCloser,
    { provide: APP_GUARD, useClass: IdentityGuard },
  ],
  exports: [
    PasswordLinkMail,
    SignInMethodChange,
    Sessions,
    SignInLog,
    FormToken,
    PASSWORD_SIGN_IN,
    PASSWORD_INVITATIONS,
    EMAIL_LINK_SIGN_IN,
    IDENTITY_PROVIDER_SIGN_IN,
    ApiTokens,
    PeopleRecords,
    SessionResponder,
    DemoAccounts,
    RoutePolicyCheck,
    LodgingRateLimit,
    // The limit's guard runs in the modules that lodge, and asks the kept answers of retries.
    IdempotencyModule,
    CallerIdentity,
    RATE_LIMITER,
    SECURITY_CLOCK,
  ],
})
export class AuthModule {}

import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import { ATTACHMENT_STORE, type AttachmentStore, MAX_FILES_PER_UPLOAD } from '@sg/attachments';
import {
  CLOCK,
  type Clock,
  COMPLAINT_BY_REFERENCE,
  type ComplaintByReference,
  POLICY,
} from '@sg/complaint-service';
import { type Policy } from '@sg/complaints';
import { type RateLimiter } from '@sg/auth';
import { type EnvironmentVariables } from '@sg/config';
import { Directory } from '@sg/directory';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import {
  type DnsResolver,
  MailAuthenticator,
  MailIntake,
  systemDnsResolver,
  trustedRelays,
} from '@sg/mail';
import { DeliveryRecord } from '@sg/notifications';
import { ReadModelsModule } from '@sg/read-models';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuthModule } from '../auth/auth.module';
import { RATE_LIMITER, SECURITY_CLOCK } from '../auth/auth.tokens';
import { InboundMailController } from './inbound-mail.controller';
import { MailSources } from './mail-sources';

type Config = ConfigService<EnvironmentVariables, true>;

/** How the intake asks DNS for SPF, DKIM and DMARC records; tests give it a zone of their own. */
export const MAIL_DNS_RESOLVER = Symbol('MailDnsResolver');

/**
 * Mail in: the one intake every source delivers to (the SMTP listener, the shared mailbox read
 * over IMAP, a provider's webhook), and the sources this node runs. It lives with the API
 * because it reads this node's read model for references a subject quotes.
 */
@Module({
  imports: [ReadModelsModule, AttachmentsModule, AuthModule],
  controllers: [InboundMailController],
  providers: [
    { provide: MAIL_DNS_RESOLVER, useValue: systemDnsResolver },
    {
      provide: MailAuthenticator,
      inject: [MAIL_DNS_RESOLVER, ConfigService],
      useFactory: (resolver: DnsResolver, config: Config) =>
        new MailAuthenticator(
          resolver,
          trustedRelays(
            (config.get('INBOUND_SMTP_TRUSTED_RELAYS', { infer: true }) ?? '')
              .split(',')
              .filter((relay) => relay.trim() !== ''),
          ),
        ),
    },
    {
      provide: MailIntake,
      inject: [
        EVENT_STORE,
        Directory,
        CommandBus,
        ATTACHMENT_STORE,
        MailAuthenticator,
        POLICY,
        CLOCK,
        COMPLAINT_BY_REFERENCE,
        ConfigService,
        RATE_LIMITER,
        SECURITY_CLOCK,
      ],
      useFactory: (
        events: EventStore,
        directory: Directory,
        commands: CommandBus,
        store: AttachmentStore,
        authenticator: MailAuthenticator,
        policy: Policy,
        clock: Clock,
        complaintByReference: ComplaintByReference,
        config: Config,
        limiter: RateLimiter,
        securityClock: Clock,
      ) =>
        new MailIntake({
          events,
          directory,
          commands,
          store,
          attachmentLimits: {
            maxBytes: config.get('ATTACHMENT_MAX_BYTES', { infer: true }),
            maxFiles: MAX_FILES_PER_UPLOAD,
          },
          authenticator,
          policy,
          clock,
          complaintByReference,
          // An address lodges by email no more in an hour than a person may through the pages.
          mayLodgeFrom: async (senderEmail) =>
            (
              await limiter.consume(
                `lodging:mail:${senderEmail}`,
                config.get('LODGES_PER_HOUR', { infer: true }),
                3600,
                securityClock.now(),
              )
            ).allowed,
          // The outbox's delivery records are shared by every node, in the event store.
          askedSchoolToAnswer: (notificationId) =>
            new DeliveryRecord(events).askedSchoolToAnswer(notificationId),
          sentMail: (notificationId) => new DeliveryRecord(events).sentMail(notificationId),
        }),
    },
    MailSources,
  ],
  exports: [MailIntake],
})
export class MailIntakeModule {}

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
import { type EnvironmentVariables } from '@sg/config';
import { Directory } from '@sg/directory';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { type DnsResolver, MailAuthenticator, MailIntake, systemDnsResolver } from '@sg/mail';
import { ReadModelsModule } from '@sg/read-models';
import { AttachmentsModule } from '../attachments/attachments.module';
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
  imports: [ReadModelsModule, AttachmentsModule],
  controllers: [InboundMailController],
  providers: [
    { provide: MAIL_DNS_RESOLVER, useValue: systemDnsResolver },
    {
      provide: MailAuthenticator,
      inject: [MAIL_DNS_RESOLVER],
      useFactory: (resolver: DnsResolver) => new MailAuthenticator(resolver),
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
        }),
    },
    MailSources,
  ],
  exports: [MailIntake],
})
export class MailIntakeModule {}

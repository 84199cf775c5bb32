import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteComplaintCommand } from '@sg/complaint-service';
import { MAIL_OUTBOX } from '@sg/complaints';
import { type EnvironmentVariables } from '@sg/config';
import { DeadlinesModule, TIMER_HOST, type TimerHost } from '@sg/deadlines';
import {
  CheckpointedRunner,
  EVENT_STORE,
  type EventStore,
  openDerivedSqliteDatabase,
  type RunningReaction,
} from '@sg/event-store';
import { mailTransportFor, MAIL_TRANSPORT, type MailTransport } from '@sg/mail';
import { WorkingDayCalendar } from '@sg/working-days';
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { DeliveryRecord, sendingContext } from './delivery-record';
import { MessageWriter } from './message-writer';
import { NotificationDispatcher } from './notification-dispatcher';
import { NotificationReactor } from './notification-reactor';
import { NotificationStore, type QueuedNotification } from './notification-store';
import { RESOLUTION_PROPOSED_FOR_SCHOOL } from './notification';

type Config = ConfigService<EnvironmentVariables, true>;
const logger = new Logger('Notifications');
/** The notification reactor's file: its rows, the outbox and its checkpoint. */
const NOTIFICATION_DATABASE = Symbol('NotificationDatabase');

/**
 * The school's window to answer a proposed resolution counts from when the proposal's mail went
 * (docs/decisions/0020): the outbox reports it, once per message however often it is sent.
 */
async function recordWhatTheSendingMeans(
  commands: CommandBus,
  notification: QueuedNotification,
  sentAt: Date,
): Promise<void> {
  if (notification.kind !== RESOLUTION_PROPOSED_FOR_SCHOOL) return;
  await commands.execute(
    new ExecuteComplaintCommand(
      notification.complaintId,
      {
        type: 'RecordResolutionSent',
        actor: MAIL_OUTBOX,
        at: sentAt.toISOString(),
        sentAt: sentAt.toISOString(),
      },
      { ...sendingContext(notification), idSeed: `notification\0${notification.id}` },
    ),
  );
}

/** Keeps the outbox filled from the event store and sends what is due. */
@Injectable()
export class NotificationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private reaction?: RunningReaction;
  private readonly dispatcher: NotificationDispatcher;
  private readonly writer: MessageWriter;

  constructor(
    readonly store: NotificationStore,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(TIMER_HOST) host: TimerHost,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
    private readonly runner: CheckpointedRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    config: ConfigService<EnvironmentVariables, true>,
    @Inject(NOTIFICATION_DATABASE) private readonly database: Database.Database,
    commands: CommandBus,
  ) {
    const from = config.get('MAIL_FROM', { infer: true });
    this.dispatcher = new NotificationDispatcher(store, transport, host, {
      from,
      replyTo: config.get('MAIL_REPLY_TO', { infer: true }) ?? from,
      logger,
      onSent: (notification, sentAt) => recordWhatTheSendingMeans(commands, notification, sentAt),
      nextWorkingMoment: (at) => calendar.nextWorkingMoment(at),
      deliveries: new DeliveryRecord(events),
    });
    this.writer = new MessageWriter(
      config.get('PUBLIC_URL', { infer: true }) ??
        `http://localhost:${config.get('PORT', { infer: true })}`,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    const reactor = new NotificationReactor(
      this.store,
      this.calendar,
      this.events,
      this.writer,
      () => this.dispatcher.wake(),
      this.database,
    );
    await reactor.recheckAccounts();
    this.dispatcher.start();
    this.reaction = this.runner.start(reactor);
  }

  /** Resolves once the outbox holds what the events up to `position` call for. */
  caughtUp(position: Parameters<RunningReaction['reached']>[0]): Promise<void> {
    return this.reaction?.reached(position) ?? Promise.resolve();
  }

  /** Sends whatever is due now, without waiting for the dispatcher's next look. */
  sendDue(): void {
    this.dispatcher.wake();
  }

  /** Sends whatever is due now, and resolves once it has gone (or failed). */
  async sent(): Promise<void> {
    this.dispatcher.wake();
    await this.dispatcher.idle();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reaction?.stop();
    await this.dispatcher.stop();
    this.transport.close();
    this.store.close();
  }
}

@Module({
  imports: [DeadlinesModule],
  providers: [
    {
      provide: MAIL_TRANSPORT,
      inject: [ConfigService],
      useFactory: (config: Config): MailTransport =>
        mailTransportFor({
          smtpUrl: config.get('SMTP_URL', { infer: true }),
          dataDir: config.get('DATA_DIR', { infer: true }),
        }),
    },
    {
      provide: NOTIFICATION_DATABASE,
      inject: [ConfigService],
      // Derived from the event store, its checkpoint beside its rows: see openDerivedSqliteDatabase.
      // A "sent" mark lost to a power cut sends that message again, under the same Message-ID, as
      // a crash between sending and marking already could.
      useFactory: (config: Config) =>
        openDerivedSqliteDatabase(
          join(config.get('DATA_DIR', { infer: true }), 'notifications.sqlite'),
        ).db,
    },
    {
      provide: NotificationStore,
      inject: [NOTIFICATION_DATABASE],
      useFactory: (db: Database.Database) => new NotificationStore(db),
    },
    NotificationWorker,
  ],
  exports: [NotificationWorker],
})
export class NotificationsModule {}

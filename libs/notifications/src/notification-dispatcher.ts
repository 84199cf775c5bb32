import { type TimerHost } from '@sg/deadlines';
import { type MailTransport, PermanentMailFailure } from '@sg/mail';
import { type DeliveryRecord, sendingContext } from './delivery-record';
import { type NotificationStore, type QueuedNotification } from './notification-store';

/** Where the dispatcher says what it did; `fields` name the message and what it came from. */
export interface DispatcherLog {
  log(message: string, fields: Readonly<Record<string, string>>): void;
  warn(message: string, fields?: Readonly<Record<string, string>>): void;
}

export interface NotificationDispatcherOptions {
  readonly from: string;
  /** Where replies go (the mailbox the engine reads); unset, to `from`. */
  readonly replyTo?: string;
  /** Longest wait between looks at the outbox, whatever the next notification's time. */
  readonly idleMs?: number;
  readonly batchSize?: number;
  readonly logger?: DispatcherLog;
  /**
   * Told of each message the transport took, before it is marked sent: a step whose meaning
   * depends on the mail having gone (the school's window to answer a proposal) is recorded here.
   * If it fails, the message is treated as not sent and goes again later, under its Message-ID.
   */
  readonly onSent?: (notification: QueuedNotification, sentAt: Date) => Promise<void>;
  /**
   * The first moment people are at work at or after an instant (the calendar's). Given it, mail
   * due in working hours but not sent by their end (a long batch, a slow server) waits for the
   * next working morning rather than going out at night.
   */
  readonly nextWorkingMoment?: (at: Date) => Date;
  /**
   * Where each message's outcome is shared with the other workers: looked up before sending, so a
   * worker that took over does not send again what another sent, and written after.
   */
  readonly deliveries?: Pick<DeliveryRecord, 'outcome' | 'sent' | 'failedForGood'>;
}

/** A log line's fields for a message: which it is, its complaint, and the request it came from. */
const logFieldsOf = (notification: QueuedNotification): Readonly<Record<string, string>> => ({
  notificationId: notification.id,
  complaintId: notification.complaintId,
  kind: notification.kind,
  ...sendingContext(notification),
});

const MINUTE = 60_000;
/** 1, 2, 4 … minutes after each failure, at most an hour. */
const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.min(attempts, 6)) * MINUTE;

/**
 * Sends what the outbox holds once its time has come, earliest first, and sleeps until the next
 * one is due. A message is marked sent only after the transport took it, so a crash in between
 * sends it again (with the same Message-ID) rather than losing it; a failure is retried later,
 * unless the transport says no retry can deliver it (a 5xx reply, an address that cannot be one):
 * then it is marked failed for good, with its error, and left in the outbox for people to see.
 * Given `deliveries`, each outcome is also recorded in the event store, and a message another
 * worker already sent or gave up on is only marked so here.
 */
export class NotificationDispatcher {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly store: NotificationStore,
    private readonly transport: MailTransport,
    private readonly host: TimerHost,
    private readonly options: NotificationDispatcherOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Looks at the outbox now (new notifications were queued, or it is time). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sendDue()
      .catch((error: Error) => this.options.logger?.warn(`notifications: ${error.message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.sleep();
        }
      });
  }

  /** Resolves once nothing is being sent: what was due when it last looked has gone, or failed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.host.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Whether people are at work now: always, without a calendar. */
  private atWork(now: number): boolean {
    const next = this.options.nextWorkingMoment?.(new Date(now));
    return !next || next.getTime() <= now;
  }

  private async sendDue(): Promise<void> {
    for (;;) {
      const now = new Date(this.host.now());
      if (!this.atWork(now.getTime())) return;
      const due = this.store.due(now, this.options.batchSize ?? 50);
      if (due.length === 0) return;
      for (const notification of due) {
        if (this.stopped || !this.atWork(this.host.now())) return;
        await this.deliver(notification);
      }
    }
  }

  private async deliver(notification: QueuedNotification): Promise<void> {
    const deliveries = this.options.deliveries;
    try {
      const earlier = await deliveries?.outcome(notification.id);
      if (earlier) {
        if (earlier.sent) this.store.markSent(notification.id, new Date(earlier.at));
        else this.store.markFailedForGood(notification.id, new Date(earlier.at), earlier.error);
        return;
      }
      // Read in a batch, it may have been withdrawn while the ones before it went; the check and
      // the hand-over to the transport have no await between them.
      if (!this.store.isWaiting(notification.id)) return;
      // The hours are checked again at the hand-over, the moment the Date header records: the
      // awaits before it may have run past the end of the working day.
      const handedOver = this.host.now();
      if (!this.atWork(handedOver)) return;
      await this.transport.send({
        messageId: notification.id,
        complaintId: notification.complaintId,
        from: this.options.from,
        replyTo: this.options.replyTo ?? this.options.from,
        to: notification.to,
        subject: notification.subject,
        text: notification.text,
        // Queued before mail had HTML: plain text alone, as it was written.
        ...(notification.html ? { html: notification.html } : {}),
        ...(notification.inReplyTo ? { inReplyTo: notification.inReplyTo } : {}),
        date: new Date(handedOver),
      });
      const sentAt = new Date(this.host.now());
      await this.options.onSent?.(notification, sentAt);
      await deliveries?.sent(notification, sentAt);
      this.store.markSent(notification.id, sentAt);
      this.options.logger?.log(
        `notification ${notification.id} (${notification.kind}) sent`,
        logFieldsOf(notification),
      );
    } catch (error) {
      if (error instanceof PermanentMailFailure) {
        const failedAt = new Date(this.host.now());
        await deliveries?.failedForGood(notification, failedAt, error.message);
        this.store.markFailedForGood(notification.id, failedAt, error.message);
        this.options.logger?.warn(
          `notification ${notification.id} to ${notification.to.email} failed for good, not retrying: ${error.message}`,
          logFieldsOf(notification),
        );
        return;
      }
      const retryAt = new Date(this.host.now() + retryDelayMs(notification.attempts));
      this.store.markFailed(notification.id, retryAt, (error as Error).message);
      this.options.logger?.warn(
        `notification ${notification.id} to ${notification.to.email} failed, retrying at ${retryAt.toISOString()}: ${(error as Error).message}`,
        logFieldsOf(notification),
      );
    }
  }

  private sleep(): void {
    if (this.stopped) return;
    if (this.timer !== null) this.host.clearTimeout(this.timer);
    const idleMs = this.options.idleMs ?? 5 * MINUTE;
    const now = this.host.now();
    const due = this.store.nextDue();
    // Due mail waits, if need be, for people to be at work.
    const next =
      due && this.options.nextWorkingMoment
        ? this.options.nextWorkingMoment(new Date(Math.max(due.getTime(), now)))
        : due;
    const wait = next ? Math.min(idleMs, Math.max(0, next.getTime() - now)) : idleMs;
    this.timer = this.host.setTimeout(() => {
      this.timer = null;
      this.wake();
    }, wait);
  }
}

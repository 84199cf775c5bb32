import { deterministicUuid } from '@sg/directory';
import { envelope, type EventStore, WrongExpectedVersion } from '@sg/event-store';
import { type Notification, RESOLUTION_PROPOSED_FOR_SCHOOL } from './notification';

/** Each notification's delivery is a stream of its own, holding at most one outcome. */
export const NOTIFICATION_STREAM_PREFIX = 'notification-';
export const notificationStream = (notificationId: string) =>
  `${NOTIFICATION_STREAM_PREFIX}${notificationId}`;

export const DELIVERY_SCHEMA_VERSION = 1;

interface Delivered {
  readonly notificationId: string;
  readonly complaintId: string;
  readonly kind: string;
}

export type DeliveryEvent =
  | {
      readonly type: 'NotificationSent';
      readonly data: Delivered & {
        readonly sentAt: string;
        /**
         * What was sent, and to whom, so that anyone reading the complaint can see what the school
         * was told; absent from messages recorded before this was kept.
         */
        readonly to?: { readonly name: string; readonly email: string };
        readonly subject?: string;
        readonly text?: string;
      };
    }
  | {
      readonly type: 'NotificationFailedForGood';
      readonly data: Delivered & { readonly failedAt: string; readonly error: string };
    };

/** What became of a notification, as recorded in the event store. */
export type DeliveryOutcome =
  | { readonly sent: true; readonly at: string }
  | { readonly sent: false; readonly at: string; readonly error: string };

export function deliveryOutcomeOf(event: { type: string; data: unknown }): DeliveryOutcome | null {
  const delivery = event as DeliveryEvent;
  switch (delivery.type) {
    case 'NotificationSent':
      return { sent: true, at: delivery.data.sentAt };
    case 'NotificationFailedForGood':
      return { sent: false, at: delivery.data.failedAt, error: delivery.data.error };
    default:
      return null;
  }
}

/**
 * Whether a notification went is a fact every worker must share, not a mark in one node's outbox:
 * the worker that takes over from one that died rebuilds its outbox from the events, and must not
 * send again what the other sent. Its outcome is appended once (`no_stream`, with an id the
 * notification fixes, so a retry records nothing twice); a second outcome from a worker that raced
 * the first is refused, and the first stands.
 */
/** What a message sent to a school asked it to answer, by the message's kind. */
const ASKING: Readonly<Record<string, AskedToAnswer['asked']>> = {
  [RESOLUTION_PROPOSED_FOR_SCHOOL]: 'proposal',
  'question-for-school': 'question',
};

/** A message the engine sent: about which complaint, what kind, and when it went. */
export interface SentMail {
  readonly complaintId: string;
  readonly kind: string;
  readonly sentAt: string;
}

export interface AskedToAnswer {
  readonly complaintId: string;
  readonly sentAt: string;
  readonly asked: 'proposal' | 'question';
}

export class DeliveryRecord {
  constructor(private readonly events: EventStore) {}

  async outcome(notificationId: string): Promise<DeliveryOutcome | null> {
    for await (const recorded of this.events.readStream(notificationStream(notificationId))) {
      const outcome = deliveryOutcomeOf(recorded);
      if (outcome) return outcome;
    }
    return null;
  }

  /**
   * When the notification went, if it asked a school to answer (a proposed resolution, or the
   * service's question): a bounce of it means the school was not asked after all. Null for any
   * other message, or one that never went.
   */
  async askedSchoolToAnswer(notificationId: string): Promise<AskedToAnswer | null> {
    const sent = await this.sentMail(notificationId);
    const asked = sent && ASKING[sent.kind];
    return sent && asked ? { complaintId: sent.complaintId, sentAt: sent.sentAt, asked } : null;
  }

  /** What the notification was and when it went; null for one that never went. */
  async sentMail(notificationId: string): Promise<SentMail | null> {
    for await (const recorded of this.events.readStream(notificationStream(notificationId))) {
      const delivery = recorded as DeliveryEvent & typeof recorded;
      if (delivery.type !== 'NotificationSent') continue;
      const { complaintId, kind, sentAt } = delivery.data;
      return { complaintId, kind, sentAt };
    }
    return null;
  }

  sent(notification: Notification, at: Date): Promise<void> {
    return this.record(notification, {
      type: 'NotificationSent',
      data: {
        ...delivered(notification),
        sentAt: at.toISOString(),
        to: { name: notification.to.name, email: notification.to.email },
        subject: notification.subject,
        text: notification.text,
      },
    });
  }

  failedForGood(notification: Notification, at: Date, error: string): Promise<void> {
    return this.record(notification, {
      type: 'NotificationFailedForGood',
      data: { ...delivered(notification), failedAt: at.toISOString(), error },
    });
  }

  private async record(notification: Notification, event: DeliveryEvent): Promise<void> {
    try {
      await this.events.appendToStream(
        notificationStream(notification.id),
        [
          envelope(
            event,
            { schemaVersion: DELIVERY_SCHEMA_VERSION, ...sendingContext(notification) },
            deterministicUuid('notification-delivery', notification.id),
          ),
        ],
        { expectedRevision: 'no_stream' },
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
    }
  }
}

/**
 * The request or process a notification's sending belongs to: that of the event which called for
 * it, so that one id leads from a request to its mail; a message queued before notifications kept
 * it goes under its own id, as every message did then.
 */
export const sendingContext = (notification: Notification) => ({
  correlationId: notification.correlationId ?? notification.id,
  causationId: notification.id,
});

const delivered = (notification: Notification): Delivered => ({
  notificationId: notification.id,
  complaintId: notification.complaintId,
  kind: notification.kind,
});

import { NOTIFICATION_STREAM_PREFIX } from '@sg/notifications';
import { newerThanThisRelease, type StreamCheck } from './stream-check';

/**
 * What `DeliveryRecord` in @sg/notifications writes and the notification reactor reads: one
 * outcome per notification, appended at revision 0 with the notification's id in it. Its own
 * reading (`deliveryOutcomeOf`) and schema version are not exported, so their shape is restated.
 */
const DELIVERY_SCHEMA_VERSION = 1;
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  NotificationSent: ['notificationId', 'complaintId', 'kind', 'sentAt'],
  NotificationFailedForGood: ['notificationId', 'complaintId', 'kind', 'failedAt', 'error'],
};

export const checkNotificationStream: StreamCheck = (stream, events, report) => {
  const notificationId = stream.slice(NOTIFICATION_STREAM_PREFIX.length);
  for (const event of events) {
    const fields = FIELDS[event.type];
    if (!fields) {
      report(event, `${event.type} is not a notification outcome this release knows`);
      continue;
    }
    const newer = newerThanThisRelease(event, DELIVERY_SCHEMA_VERSION);
    if (newer) {
      report(event, newer);
      continue;
    }
    const data = event.data as Record<string, unknown>;
    const missing = fields.filter((field) => typeof data[field] !== 'string');
    if (missing.length > 0) report(event, `${event.type} has no text in ${missing.join(', ')}`);
    else if (data.notificationId !== notificationId)
      report(event, `${event.type} is about notification ${String(data.notificationId)}`);
    if (event.revision > 0n)
      report(event, 'a second outcome: each notification records one, at revision 0');
  }
};

export { type Audience, type ComplaintFacts, type PendingStep, type Recipient } from './audience';
export {
  DeliveryRecord,
  type DeliveryOutcome,
  NOTIFICATION_STREAM_PREFIX,
  type SentMail,
  notificationStream,
} from './delivery-record';
export { MAIL_CHOICES, type MailChoice, mayBeTurnedOff } from './mail-choices';
export { longDate, MessageWriter, type WrittenMessage } from './message-writer';
export {
  NOTIFICATION_KINDS,
  TO_THE_SCHOOL,
  type Notification,
  type NotificationKind,
  RESOLUTION_PROPOSED_FOR_SCHOOL,
} from './notification';
export { NotificationDispatcher } from './notification-dispatcher';
export { NOTIFICATION_REACTOR_FILTER, NotificationReactor } from './notification-reactor';
export { NotificationStore, type QueuedNotification } from './notification-store';
export { NotificationsModule, NotificationWorker } from './notifications.module';
export { planNotifications, sentToPeopleAt } from './plan-notifications';

export { type Audience, type ComplaintFacts } from './audience';
export { type Notification, type NotificationKind } from './notification';
export { NotificationDispatcher } from './notification-dispatcher';
export { NotificationReactor } from './notification-reactor';
export { NotificationStore, type QueuedNotification } from './notification-store';
export { NotificationsModule, NotificationWorker } from './notifications.module';
export { planNotifications } from './plan-notifications';

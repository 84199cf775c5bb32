/**
 * Where personal data sits in a notification's delivery outcome (`DeliveryRecord` in
 * @sg/notifications): a message sent holds its addressee and its words; a mail server's refusal quotes the address and often the name it was
 * sent to ("550 <head@…>: mailbox unavailable for Aisha Greenwood"). Restated here, as verify
 * restates their shape, because @sg/notifications exports neither the events nor a declaration;
 * it belongs beside `DeliveryEvent` once that library declares its own.
 */
export const NOTIFICATION_PERSONAL_DATA_FIELDS: Readonly<Record<string, readonly string[]>> = {
  // What was sent, to whom: the school's contact by name and address, and the message's words.
  NotificationSent: ['to.name', 'to.email', 'subject', 'text'],
  NotificationFailedForGood: ['error'],
};

import { join } from 'node:path';

/**
 * Where the engine keeps what the event store cannot make again, named as the engine's modules
 * name them (`createEventStore`, the auth module, the attachments module).
 */
export const sqliteEventsFile = (dataDir: string) => join(dataDir, 'events.sqlite');
export const credentialsFile = (dataDir: string) => join(dataDir, 'credentials.sqlite');
export const attachmentsFolder = (dataDir: string) => join(dataDir, 'attachments');

/**
 * `createEventStore`, the attachments module and the credential store keep their tables in
 * PostgreSQL's `public` schema (they take no other from the settings).
 */
export const POSTGRES_SCHEMA = 'public';
export const POSTGRES_EVENTS_TABLE = `"${POSTGRES_SCHEMA}".events`;

/**
 * What the engine keeps beside the store that a backup leaves out, and why: each is made again from
 * the events, or is short-lived. None may be kept beside a store restored from an older backup:
 * checkpoints and read models would claim events the restored store no longer has.
 */
export const LEFT_OUT_OF_BACKUPS: readonly string[] = [
  'read-models*.sqlite and read-models.current: the read models (npm run -s cli -- rebuild, or the API on start)',
  'checkpoints.sqlite: checkpoints, reactions’ progress and parked events (reactions start again from the first event)',
  'notifications.sqlite, deadlines.sqlite, reservations.sqlite: the worker’s outbox, running clocks and open reservations, folded again from the events',
  'sessions.sqlite and idempotency.sqlite: sessions (everyone signs in again) and answers kept for retried requests',
  'outbox/: copies of mail sent in embedded mode (the events record what was sent)',
];

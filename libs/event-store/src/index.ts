export { type CheckpointStore } from './checkpoints/checkpoint-store';
export { SqliteCheckpointStore } from './checkpoints/sqlite-checkpoint-store';
export {
  CheckpointedRunner,
  type CheckpointedRunnerOptions,
  type Reaction,
  type RunningReaction,
} from './checkpointed-runner';
export { DuplicateEventIdError, InvalidAppendError, WrongExpectedVersion } from './errors';
export { type Actor, type EventMetadata } from './event-metadata';
export {
  type AppendResult,
  type CurrentRevision,
  EVENT_STORE,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
  type SubscriptionFilter,
} from './event-store';
export {
  EventStoreDbEventStore,
  type EventStoreDbOptions,
} from './eventstoredb/eventstoredb-event-store';
export { comparePositions, formatPosition, type Position } from './position';
export { openSqliteDatabase, type SqliteDatabaseOptions } from './sqlite/sqlite-database';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export {
  CHECKPOINT_STORE,
  createEventStore,
  type EventStoreSettings,
  EventStoreModule,
} from './event-store.module';
export { envelope } from './envelope';

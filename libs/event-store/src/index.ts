export { type CheckpointStore } from './checkpoints/checkpoint-store';
export { SqliteCheckpointStore } from './checkpoints/sqlite-checkpoint-store';
export {
  CheckpointedRunner,
  type CheckpointedRunnerOptions,
  type RunningReaction,
} from './checkpointed-runner';
export { type Reaction, type RunnerLogger } from './reaction';
export {
  type EventToPark,
  type ParkedEvent,
  type ParkedEventStatus,
  type ParkedEventStore,
} from './reactions/parked-event-store';
export { SqliteParkedEventStore } from './reactions/sqlite-parked-event-store';
export {
  type ReactionFailure,
  type ReactionProgress,
  type ReactionProgressStore,
} from './reactions/reaction-progress-store';
export { SqliteReactionProgressStore } from './reactions/sqlite-reaction-progress-store';
export { type LagScan, lagOf, type ReactionLag, scanLag } from './reactions/reaction-lag';
export { type ReactionReport, reactionReport } from './reactions/reaction-report';
export { isServerUnreachable, isTransientFailure } from './reactions/transient-failure';
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
export {
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres-event-store';
export {
  openDerivedSqliteDatabase,
  openSqliteDatabase,
  type SqliteDatabaseOptions,
} from './sqlite/sqlite-database';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export {
  CHECKPOINT_STORE,
  checkpointDatabaseFile,
  createEventStore,
  type EventStoreSettings,
  EventStoreModule,
  PARKED_EVENT_STORE,
  REACTION_PROGRESS_STORE,
} from './event-store.module';
export { envelope } from './envelope';
export { timeOrderedUuid } from './time-ordered-uuid';
export { lastPositionsMatching } from './last-positions-matching';
export { matchesFilter } from './subscription-filter';

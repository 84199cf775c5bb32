export { appLogger } from './app-logger';
export {
  COMMAND_OBSERVER,
  type CommandObserver,
  type CommandOutcome,
  type ObservedCommand,
} from './command-observer';
export { CommandMetrics } from './command-metrics';
export { CommandObservers } from './command-observers';
export { CorrelationInLogs } from './correlation-in-logs';
export { type DeadlineSources, followDeadlines } from './deadline-metrics';
export { EngineObservation, type EngineSources } from './engine-observation';
export { reactionsKeepUp, storeAnswers } from './engine-readiness';
export { JsonLogger } from './json-logger';
export {
  followWorkerLease,
  type LeaseState,
  leaseStateOf,
  type WatchedLease,
} from './lease-metrics';
export { readLogArguments, type LogArguments } from './log-arguments';
export {
  currentLogContext,
  type LogContext,
  logContextFields,
  withLogContext,
} from './log-context';
export { type LogFormat, logFormatFrom } from './log-format';
export { loggablePath } from './loggable-path';
export { MeasuredEventStore, measureAppends } from './measured-event-store';
export { followStore } from './store-metrics';
export { metricsAccess, type MetricsAccess } from './metrics-access';
export { serveMetrics } from './metrics-endpoint';
export { createMetricsRegistry, METRICS_REGISTRY } from './metrics-registry';
export { ObservabilityModule } from './observability.module';
export { followOutbox, type OutboxBacklog, type OutboxSources } from './outbox-metrics';
export {
  REDACTED,
  REDACTED_KEYS,
  withoutEmailAddresses,
  withoutPersonalData,
} from './personal-data';
export { listeningOn } from './listening-on';
export { type ProbeServer, type ProbeServerOptions, startProbeServer } from './probe-server';
export { followReactions } from './reaction-metrics';
export { READINESS, Readiness, type ReadinessAnswer, type ReadinessCheck } from './readiness';
export { RedisPing } from './redis-ping';
export { requestIdFrom, wellFormedId } from './request-id';
export { httpRequestLogging, REQUEST_ID_HEADER, requestLogging } from './request-logging';
export { countSignInFailures } from './sign-in-metrics';
export { TextLogger } from './text-logger';
export { observeWorker, type WorkerSources } from './worker-observation';

export {
  EnvironmentVariables,
  DEMO_DATA_MODES,
  type DemoDataMode,
  EVENT_STORES,
  type EventStoreKind,
  isLoopbackUrl,
  type Switch,
  LOG_LEVELS,
  type LogLevel,
  NODE_ENVS,
  type NodeEnv,
  WORKER_MODES,
  type WorkerMode,
} from './environment-variables';
export { configurationModule } from './configuration.module';
export { logLevelsFrom } from './log-levels';
export { redisClient } from './redis-client';
export { releaseVersion } from './release-version';
export { boundShutdownOnSignals, closeThenExit, SHUTDOWN_GRACE_MS } from './bounded-shutdown';
export { runMain } from './run-main';
export { ConfigurationError, validateEnvironment } from './validate-environment';
export { dataDirProblem, requireDataDirInProduction } from './data-dir';
export { listenRefused, type ListenSettings } from './listen-refused';
export { parseTrustedProxies } from './trusted-proxies';
export { productionWarnings } from './production-warnings';

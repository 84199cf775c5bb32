export { RedisSessionStore, type RedisSessionStoreOptions } from './redis-session-store';
export {
  SESSION_STAGES,
  type SessionStage,
  type SessionStore,
  type StoredSession,
} from './session-store';
export { SqliteSessionStore, type SqliteSessionStoreOptions } from './sqlite-session-store';

export { MemoryRateLimiter } from './memory-rate-limiter';
export { type RateLimitDecision, type RateLimiter } from './rate-limiter';
export { RedisRateLimiter, type RedisRateLimiterOptions } from './redis-rate-limiter';

export { Leadership, type LeadershipOptions } from './leadership';
export { RedisLease } from './redis-lease';

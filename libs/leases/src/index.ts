export { Leadership, type LeadershipOptions } from './leadership';
export { RedisLease } from './redis-lease';
export { WhileLeading, type WhileLeadingOptions } from './while-leading';
export { namedLease } from './named-lease';

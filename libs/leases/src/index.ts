export { Leadership, type LeadershipOptions } from './leadership';
export { RedisLease } from './redis-lease';
export { WhileLeading, type WhileLeadingOptions } from './while-leading';
export { namedFileLease, namedLease } from './named-lease';
export { type Lease } from './lease';
export { SqliteLease } from './sqlite-lease';

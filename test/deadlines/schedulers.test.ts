import { randomUUID } from 'node:crypto';
import { BullMqDeadlineScheduler, InProcessDeadlineScheduler } from '@sg/deadlines';
import { describeDeadlineSchedulerConformance } from './deadline-scheduler-conformance';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describeDeadlineSchedulerConformance(
  'in-process',
  ({ retryDelayMs }) => new InProcessDeadlineScheduler({ retryDelayMs }),
);

describeDeadlineSchedulerConformance(
  'BullMQ on real Redis',
  ({ retryDelayMs, attempts }) =>
    new BullMqDeadlineScheduler({
      redisUrl: REDIS_URL,
      prefix: `sg-test-${randomUUID()}`,
      backoffMs: retryDelayMs,
      attempts,
    }),
);

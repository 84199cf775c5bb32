export {
  BullMqDeadlineScheduler,
  type BullMqSchedulerOptions,
  DEADLINES_QUEUE,
  evictionPolicyWarning,
} from './bullmq-deadline-scheduler';
export { DEADLINE_SCHEDULER, type DeadlineScheduler, type FireHandler } from './deadline-scheduler';
export { type DeadlineTimer, timerId } from './deadline-timer';
export {
  InProcessDeadlineScheduler,
  type InProcessSchedulerOptions,
} from './in-process-deadline-scheduler';
export { realTimerHost, type TimerHost, VirtualTimerHost } from './timer-host';

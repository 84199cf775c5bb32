export {
  BullMqDeadlineScheduler,
  type BullMqSchedulerOptions,
  DEADLINES_QUEUE,
  redisSettingsWarnings,
  redisWarnings,
} from './bullmq-deadline-scheduler';
export { DEADLINE_SCHEDULER, type DeadlineScheduler, type FireHandler } from './deadline-scheduler';
export { type DeadlineTimer, timerFromId, timerId } from './deadline-timer';
export {
  InProcessDeadlineScheduler,
  type InProcessSchedulerOptions,
} from './in-process-deadline-scheduler';
export { realTimerHost, timerHostOn, type TimerHost, VirtualTimerHost } from './timer-host';
export { fireDeadline } from './deadline-firing';
export { DEADLINE_REACTOR_FILTER, DeadlineReactor, nextRunningClock } from './deadline-reactor';
export { DeadlinesModule, DeadlineWorker, TIMER_HOST } from './deadlines.module';
export {
  BullMqCronTask,
  IntervalTask,
  MAINTENANCE_QUEUE,
  type PeriodicTask,
} from './periodic-reconciliation';
export { type Reconciliation, reconcileDeadlines } from './reconciler';
export { type RunningClock, RunningClocks, timersOf } from './running-clocks';

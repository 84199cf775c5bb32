import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import { AcceleratedClock, CLOCK, type Clock } from '@sg/complaint-service';
import { type EnvironmentVariables } from '@sg/config';
import {
  CheckpointedRunner,
  EVENT_STORE,
  type EventStore,
  openDerivedSqliteDatabase,
  type RunningReaction,
} from '@sg/event-store';
import { join } from 'node:path';
import { BullMqDeadlineScheduler, redisWarnings } from './bullmq-deadline-scheduler';
import { fireDeadline } from './deadline-firing';
import { DeadlineReactor } from './deadline-reactor';
import { DEADLINE_SCHEDULER, type DeadlineScheduler } from './deadline-scheduler';
import { InProcessDeadlineScheduler } from './in-process-deadline-scheduler';
import { BullMqCronTask, IntervalTask, type PeriodicTask } from './periodic-reconciliation';
import { reconcileDeadlines } from './reconciler';
import { RunningClocks } from './running-clocks';
import { withoutRepeats } from './without-repeats';
import { timerHostOn, type TimerHost } from './timer-host';

export const TIMER_HOST = Symbol('TimerHost');
const RECONCILE_SCHEDULE = Symbol('ReconcileSchedule');

type Config = ConfigService<EnvironmentVariables, true>;
const logger = new Logger('Deadlines');
const warn = (message: string) => logger.warn(message);

/**
 * Runs the clocks: the reactor keeps a timer for every running clock, fired timers report to the
 * complaint, and the reconciler repairs the timers at start-up and on a schedule.
 */
@Injectable()
export class DeadlineWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private reaction?: RunningReaction;

  constructor(
    @Inject(DEADLINE_SCHEDULER) private readonly scheduler: DeadlineScheduler,
    @Inject(RECONCILE_SCHEDULE) private readonly schedule: PeriodicTask,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly clocks: RunningClocks,
    private readonly runner: CheckpointedRunner,
    private readonly commands: CommandBus,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const redisUrl = this.config.get('REDIS_URL', { infer: true });
    if (redisUrl) {
      const warnings = await redisWarnings(redisUrl).catch((error: Error) => [
        `cannot read Redis settings: ${error.message}`,
      ]);
      warnings.forEach((warning) => logger.warn(warning));
    }
    await this.scheduler.start(fireDeadline(this.commands, this.clock));
    // Before the reactor has caught up, so timers lost with Redis come back at once; none removed.
    await this.reconcile({ removeUnwanted: false });
    this.reaction = this.runner.start(new DeadlineReactor(this.clocks, this.scheduler, this.store));
    // The schedule's first slot may come moments after start-up, the reactor still catching up:
    // timers no clock wants are removed only once this worker has run a whole interval.
    const startedAt = Date.now();
    const intervalMs = this.config.get('RECONCILE_EVERY_MINUTES', { infer: true }) * 60_000;
    await this.schedule.start(async () => {
      await this.reconcile({ removeUnwanted: Date.now() - startedAt >= intervalMs });
    });
    logger.log(`timers in ${redisUrl ? 'Redis (BullMQ)' : 'this process'}`);
  }

  /** Resolves once the reactor has handled the clock events up to `position`. */
  caughtUp(position: Parameters<RunningReaction['reached']>[0]): Promise<void> {
    return this.reaction?.reached(position) ?? Promise.resolve();
  }

  async reconcile(options: { readonly removeUnwanted?: boolean } = {}) {
    try {
      const result = await reconcileDeadlines(this.clocks, this.scheduler, options);
      if (result.scheduled > 0 || result.repaired > 0 || result.cancelled > 0) {
        logger.log(
          `reconciled: ${result.scheduled} timers restored, ${result.repaired} repaired after being given up on, ${result.cancelled} removed, ${result.expected} expected`,
        );
      }
      return result;
    } catch (error) {
      logger.warn(`reconciliation failed, will try again: ${(error as Error).message}`);
      return null;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
    await this.reaction?.stop();
    await this.scheduler.close();
    this.clocks.close();
  }
}

@Module({
  providers: [
    {
      provide: TIMER_HOST,
      inject: [CLOCK],
      useFactory: (clock: Clock): TimerHost => timerHostOn(clock),
    },
    {
      provide: DEADLINE_SCHEDULER,
      inject: [ConfigService, TIMER_HOST, CLOCK],
      useFactory: (config: Config, host: TimerHost, clock: Clock): DeadlineScheduler => {
        const redisUrl = config.get('REDIS_URL', { infer: true });
        return redisUrl
          ? new BullMqDeadlineScheduler({
              redisUrl,
              prefix: config.get('DEADLINES_PREFIX', { infer: true }),
              concurrency: config.get('WORKER_CONCURRENCY', { infer: true }),
              now: () => clock.now().getTime(),
              timeScale: clock instanceof AcceleratedClock ? clock.scale : 1,
              // Each of BullMQ's clients reports a refused connection twice a second while Redis is down.
              onError: withoutRepeats(warn),
            })
          : new InProcessDeadlineScheduler({
              host,
              onError: (timer, error) =>
                warn(`timer for ${timer.complaintId} failed: ${String(error)}`),
            });
      },
    },
    {
      provide: RECONCILE_SCHEDULE,
      inject: [ConfigService, TIMER_HOST],
      useFactory: (config: Config, host: TimerHost): PeriodicTask => {
        const redisUrl = config.get('REDIS_URL', { infer: true });
        const everyMinutes = config.get('RECONCILE_EVERY_MINUTES', { infer: true });
        return redisUrl
          ? new BullMqCronTask({
              redisUrl,
              prefix: config.get('DEADLINES_PREFIX', { infer: true }),
              everyMinutes,
              onError: withoutRepeats(warn),
            })
          : new IntervalTask(host, everyMinutes * 60_000);
      },
    },
    {
      provide: RunningClocks,
      inject: [ConfigService],
      // Derived from the event store, its checkpoint beside its rows: see openDerivedSqliteDatabase.
      // Clocks a power cut takes back are folded again from their events, and their timers
      // scheduled again (scheduling is idempotent; a timer that fires for a clock since stopped
      // is refused by the decider); the reconciler restores the rest at start-up.
      useFactory: (config: Config) =>
        new RunningClocks(
          openDerivedSqliteDatabase(
            join(config.get('DATA_DIR', { infer: true }), 'deadlines.sqlite'),
          ).db,
        ),
    },
    DeadlineWorker,
  ],
  exports: [DeadlineWorker, DEADLINE_SCHEDULER, RunningClocks, TIMER_HOST],
})
export class DeadlinesModule {}

import { type DynamicModule, Module } from '@nestjs/common';
import {
  CLOCK,
  type Clock,
  ComplaintServiceModule,
  ReservationSettlementModule,
} from '@sg/complaint-service';
import {
  DEADLINE_SCHEDULER,
  type DeadlineScheduler,
  DeadlinesModule,
  RunningClocks,
} from '@sg/deadlines';
import { NotificationsModule, NotificationWorker } from '@sg/notifications';
import { METRICS_REGISTRY, observeWorker, READINESS, type Readiness } from '@sg/observability';
import { type Registry } from 'prom-client';
import { WORKER_IN_THE_API, WorkerLease } from './worker-lease';
import { WorkerStatus } from './worker-status';

/** Made when the worker's parts are, before any of them starts: a standby reports too. */
const WORKER_OBSERVATION = Symbol('WorkerObservation');

/**
 * The background side of the engine: the deadline timers and their reconciliation, the
 * notifications they give rise to, and the settling of ledger reservations a crash left open. It runs as its
 * own process (apps/worker/src/main.ts) or, in embedded mode, inside the API process.
 */
@Module({
  imports: [
    ComplaintServiceModule,
    DeadlinesModule,
    NotificationsModule,
    ReservationSettlementModule,
  ],
  providers: [
    WorkerLease,
    WorkerStatus,
    {
      provide: WORKER_OBSERVATION,
      inject: [
        { token: METRICS_REGISTRY, optional: true },
        { token: READINESS, optional: true },
        WorkerLease,
        WorkerStatus,
        DEADLINE_SCHEDULER,
        RunningClocks,
        NotificationWorker,
        CLOCK,
      ],
      useFactory: (
        registry: Registry | undefined,
        readiness: Readiness | undefined,
        lease: WorkerLease,
        status: WorkerStatus,
        scheduler: DeadlineScheduler,
        clocks: RunningClocks,
        notifications: NotificationWorker,
        clock: Clock,
      ) =>
        observeWorker(registry, readiness, {
          lease,
          running: () => status.state().running,
          deadlines: { scheduler, clocks, now: () => clock.now() },
          outbox: { backlog: (now) => notifications.store.backlog(now), now: () => clock.now() },
        }),
    },
  ],
  exports: [WorkerLease, WorkerStatus],
})
export class WorkerModule {
  /** The worker inside the API's process (embedded mode, WORKER_MODE=in-process). */
  static inTheApi(): DynamicModule {
    return {
      module: WorkerModule,
      providers: [{ provide: WORKER_IN_THE_API, useValue: true }],
    };
  }
}

import { Module } from '@nestjs/common';
import { ComplaintServiceModule, ReservationSettlementModule } from '@sg/complaint-service';
import { DeadlinesModule } from '@sg/deadlines';
import { NotificationsModule } from '@sg/notifications';
import { WorkerLease } from './worker-lease';
import { WorkerStatus } from './worker-status';

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
  providers: [WorkerLease, WorkerStatus],
  exports: [WorkerLease, WorkerStatus],
})
export class WorkerModule {}

import {
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables } from '@sg/config';
import { Directory } from '@sg/directory';
import { CheckpointedRunner, openSqliteDatabase, type RunningReaction } from '@sg/event-store';
import { join } from 'node:path';
import { OpenReservations } from './open-reservations';
import { ReservationSettler, type Settlement } from './reservation-settler';

type Config = ConfigService<EnvironmentVariables, true>;
const logger = new Logger('Reservations');

/** A holder normally settles its own reservation within milliseconds; only older ones are swept. */
export const SETTLE_AFTER_MS = 30_000;
const SWEEP_EVERY_MS = 60_000;

/**
 * Finds the ledger reservations a crash left open and settles them: at start-up, and every
 * minute.
 */
@Injectable()
export class ReservationSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private reaction?: RunningReaction;
  private interval?: NodeJS.Timeout;

  constructor(
    private readonly open: OpenReservations,
    private readonly settler: ReservationSettler,
    private readonly directory: Directory,
    private readonly runner: CheckpointedRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.reaction = this.runner.start(this.open);
    this.interval = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.interval.unref();
  }

  /** Resolves once the open reservations reflect the store up to `position`. */
  caughtUp(position: Parameters<RunningReaction['reached']>[0]): Promise<void> {
    return this.reaction?.reached(position) ?? Promise.resolve();
  }

  /** Settles every reservation open for at least `olderThanMs`; how each one ended. */
  async sweep(olderThanMs = SETTLE_AFTER_MS): Promise<Settlement[]> {
    const settled: Settlement[] = [];
    for (const open of this.open.reservedBefore(new Date(Date.now() - olderThanMs))) {
      try {
        const ledger = await this.directory.feeLedger(open.agreement.kind, open.agreement.id);
        const entry = ledger?.entries.get(open.proposalId);
        if (!entry || entry.holder !== open.holder) continue;
        const outcome = await this.settler.settle(open.agreement, entry, `sweep-${open.holder}`);
        if (outcome !== 'unchanged')
          logger.log(`reservation for proposal ${open.proposalId} ${outcome}`);
        settled.push(outcome);
      } catch (error) {
        logger.warn(
          `could not settle the reservation for proposal ${open.proposalId}, will try again: ${(error as Error).message}`,
        );
      }
    }
    return settled;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.interval);
    await this.reaction?.stop();
    this.open.close();
  }
}

@Module({
  providers: [
    {
      provide: OpenReservations,
      inject: [ConfigService],
      useFactory: (config: Config) =>
        new OpenReservations(
          openSqliteDatabase(join(config.get('DATA_DIR', { infer: true }), 'reservations.sqlite'))
            .db,
        ),
    },
    ReservationSweeper,
  ],
  exports: [ReservationSweeper],
})
export class ReservationSettlementModule {}

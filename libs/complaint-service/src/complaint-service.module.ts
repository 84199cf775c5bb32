import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { type EnvironmentVariables } from '@sg/config';
import { Directory } from '@sg/directory';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { parseClosureDays, WorkingDayCalendar } from '@sg/working-days';
import { AcceleratedClock, CLOCK, systemClock } from './clock';
import { ComplaintRepository } from './complaint-repository';
import { ExecuteComplaintCommandHandler } from './execute-complaint-command';
import { LodgeComplaintHandler } from './lodge-complaint';
import { loadPolicy, POLICY } from './policy-provider';
import { ReferenceAllocator } from './reference-allocator';
import { ReservationSettler } from './reservations/reservation-settler';

type Config = ConfigService<EnvironmentVariables, true>;

/**
 * The command side of complaints: the CQRS handlers that load, decide and append, and what they
 * need (the calendar with the council's closure days, the policy, the clock, the directory).
 * Used by the API, and by the deadline worker to report timers.
 */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    {
      provide: CLOCK,
      inject: [ConfigService],
      useFactory: (config: Config) => {
        const scale = config.get('TIME_SCALE', { infer: true });
        const origin = config.get('TIME_ORIGIN', { infer: true });
        if (scale === 1) return systemClock;
        return new AcceleratedClock(scale, origin ? Date.parse(origin) : Date.now());
      },
    },
    {
      provide: POLICY,
      inject: [ConfigService],
      useFactory: (config: Config) => loadPolicy(config.get('POLICY_FILE', { infer: true })),
    },
    {
      provide: WorkingDayCalendar,
      inject: [ConfigService],
      useFactory: (config: Config) =>
        new WorkingDayCalendar({
          closures: parseClosureDays(config.get('COUNCIL_CLOSURE_DAYS', { infer: true })),
        }),
    },
    {
      provide: Directory,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new Directory(store),
    },
    {
      provide: ComplaintRepository,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new ComplaintRepository(store),
    },
    {
      provide: ReferenceAllocator,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new ReferenceAllocator(store),
    },
    {
      provide: ReservationSettler,
      inject: [EVENT_STORE, ComplaintRepository, Directory],
      useFactory: (store: EventStore, complaints: ComplaintRepository, directory: Directory) =>
        new ReservationSettler(store, complaints, directory),
    },
    ExecuteComplaintCommandHandler,
    LodgeComplaintHandler,
  ],
  exports: [
    CLOCK,
    POLICY,
    WorkingDayCalendar,
    Directory,
    ComplaintRepository,
    ReservationSettler,
    CqrsModule,
  ],
})
export class ComplaintServiceModule {}

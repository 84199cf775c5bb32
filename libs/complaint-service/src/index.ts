export { AcceleratedClock, CLOCK, type Clock, systemClock } from './clock';
export {
  asComplaintEvent,
  type AppendContext,
  ComplaintRepository,
  type LoadedComplaint,
  recordedAnswer,
} from './complaint-repository';
export { ComplaintServiceModule } from './complaint-service.module';
export { requireContactAtSchool } from './contact-at-school';
export {
  COMPLAINT_BY_REFERENCE,
  type ComplaintByReference,
  type ComplaintCommandResult,
  complaintCommandHandler,
  ExecuteComplaintCommand,
  ExecuteComplaintCommandHandler,
  PAYMENTS_UNDER_REFERENCE,
  type PaymentsUnderReference,
} from './execute-complaint-command';
export { LodgeComplaint, type LodgeComplaintInput } from './lodge-complaint';
export { loadPolicy, POLICY } from './policy-provider';
export { ReferenceAllocator } from './reference-allocator';
export { OpenReservations } from './reservations/open-reservations';
export {
  ReservationSettlementModule,
  ReservationSweeper,
  SETTLE_AFTER_MS,
} from './reservations/reservation-settlement.module';
export { ReservationSettler, type Settlement } from './reservations/reservation-settler';
export { requireUnchangedSinceSeen, type SeenRevision, StaleVersion } from './seen-revision';

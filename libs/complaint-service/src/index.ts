export { AcceleratedClock, CLOCK, type Clock, systemClock } from './clock';
export {
  asComplaintEvent,
  type AppendContext,
  ComplaintRepository,
  type LoadedComplaint,
} from './complaint-repository';
export { ComplaintServiceModule } from './complaint-service.module';
export {
  type ComplaintCommandResult,
  ExecuteComplaintCommand,
  ExecuteComplaintCommandHandler,
  StaleVersion,
} from './execute-complaint-command';
export { LodgeComplaint, type LodgeComplaintInput } from './lodge-complaint';
export { loadPolicy, POLICY } from './policy-provider';
export { ReferenceAllocator } from './reference-allocator';

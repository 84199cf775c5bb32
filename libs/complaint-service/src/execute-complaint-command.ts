import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
  decide,
  evolve,
  type EventOf,
  ruleBroken,
} from '@sg/complaints';
import { Directory } from '@sg/directory';
import { type ExpectedRevision, type Position, WrongExpectedVersion } from '@sg/event-store';
import { WorkingDayCalendar } from '@sg/working-days';
import { type AppendContext, ComplaintRepository } from './complaint-repository';

export interface ComplaintCommandResult {
  readonly complaintId: string;
  readonly state: ComplaintState;
  /** The stream's revision after the command (unchanged when it recorded nothing). */
  readonly revision: ExpectedRevision;
  readonly appended: readonly ComplaintEvent[];
  /** The store position of the last event appended, for read-your-writes. */
  readonly position: Position | null;
}

/** The client's If-Match named a revision the complaint has moved on from. */
export class StaleVersion extends Error {
  constructor(
    readonly expected: bigint,
    readonly actual: ExpectedRevision,
  ) {
    super(
      `The complaint has changed since version ${expected} (it is now at ${String(actual)}); reload it and try again`,
    );
    this.name = 'StaleVersion';
  }
}

export class ExecuteComplaintCommand extends Command<ComplaintCommandResult> {
  constructor(
    readonly complaintId: string,
    readonly command: ComplaintCommand,
    readonly context: AppendContext & {
      /** From If-Match: decide against exactly this revision, or fail; no silent retry. */
      readonly expectedRevision?: bigint;
    },
  ) {
    super();
  }
}

const MAX_ATTEMPTS = 5;

const approvalIn = (events: readonly ComplaintEvent[]) =>
  events.find(
    (event): event is EventOf<'ReimbursementApproved'> => event.type === 'ReimbursementApproved',
  );

/**
 * Load, decide, append, with optimistic concurrency: when another writer got there first, the
 * command is decided again against the new state (unless the client pinned a version). An
 * approval that completes the quorum first commits the money on the contract's or booking's
 * ledger, which refuses to go over the fees paid; if the approval then cannot be recorded, the
 * commitment is released.
 */
@CommandHandler(ExecuteComplaintCommand)
export class ExecuteComplaintCommandHandler implements ICommandHandler<ExecuteComplaintCommand> {
  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly directory: Directory,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
  ) {}

  async execute({
    complaintId,
    command,
    context,
  }: ExecuteComplaintCommand): Promise<ComplaintCommandResult> {
    let committed: EventOf<'ReimbursementApproved'> | undefined;
    try {
      for (let attempt = 1; ; attempt += 1) {
        const { state, revision } = await this.complaints.load(complaintId);
        if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
          throw new StaleVersion(context.expectedRevision, revision);
        }
        await this.checkReferences(command);
        const events = decide(command, state, { calendar: this.calendar });
        const approval = approvalIn(events);
        if (committed && approval?.data.proposalId !== committed.data.proposalId)
          await this.release(complaintId, committed, context);
        committed = undefined;
        if (events.length === 0)
          return { complaintId, state, revision, appended: [], position: null };
        if (approval) {
          await this.directory.commitReimbursement(
            approval.data.basis,
            {
              complaintId,
              proposalId: approval.data.proposalId,
              amountPence: approval.data.amountPence,
            },
            { actor: approval.data.by, correlationId: context.correlationId },
          );
          committed = approval;
        }
        try {
          const result = await this.complaints.append(complaintId, events, revision, context);
          committed = undefined;
          return {
            complaintId,
            state: events.reduce(evolve, state),
            revision: result.nextExpectedRevision,
            appended: events,
            position: result.position,
          };
        } catch (error) {
          if (!(error instanceof WrongExpectedVersion)) throw error;
          if (context.expectedRevision !== undefined)
            throw new StaleVersion(context.expectedRevision, error.actual);
          if (attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    } finally {
      if (committed) await this.release(complaintId, committed, context);
    }
  }

  /** The schools, services and contracts a command names must be in the directory. */
  private async checkReferences(command: ComplaintCommand): Promise<void> {
    const services = [
      command.type === 'LodgeComplaint' || command.type === 'ReferComplaint'
        ? command.serviceId
        : null,
      command.type === 'RerouteComplaint' ? command.toServiceId : null,
    ];
    for (const serviceId of services) {
      if (serviceId && !(await this.directory.service(serviceId))) {
        throw ruleBroken('UNKNOWN_SERVICE', `There is no service ${serviceId}`);
      }
    }
    if (command.type !== 'LodgeComplaint') return;
    if (!(await this.directory.school(command.schoolUrn))) {
      throw ruleBroken('UNKNOWN_SCHOOL', `There is no school with URN ${command.schoolUrn}`);
    }
    const related = [
      { kind: 'contract' as const, id: command.relatedContractId },
      { kind: 'booking' as const, id: command.relatedBookingId },
    ];
    for (const { kind, id } of related) {
      if (!id) continue;
      const ledger = await this.directory.feeLedger(kind, id);
      if (!ledger || ledger.agreement.schoolUrn !== command.schoolUrn) {
        throw ruleBroken(
          'UNKNOWN_FEE_AGREEMENT',
          `There is no ${kind} ${id} for school ${command.schoolUrn}`,
        );
      }
    }
  }

  private release(
    complaintId: string,
    approval: EventOf<'ReimbursementApproved'>,
    context: AppendContext,
  ) {
    return this.directory.releaseReimbursement(
      approval.data.basis,
      {
        complaintId,
        proposalId: approval.data.proposalId,
        amountPence: approval.data.amountPence,
        reason: 'the approval could not be recorded on the complaint',
      },
      { actor: approval.data.by, correlationId: context.correlationId },
    );
  }
}

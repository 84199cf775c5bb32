import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandOf } from '@sg/complaints';
import { type AppendContext } from './complaint-repository';
import { type ComplaintCommandResult, ExecuteComplaintCommand } from './execute-complaint-command';
import { ReferenceAllocator } from './reference-allocator';

export type LodgeComplaintInput = Omit<CommandOf<'LodgeComplaint'>, 'type' | 'reference'>;

export class LodgeComplaint extends Command<ComplaintCommandResult> {
  constructor(
    readonly input: LodgeComplaintInput,
    readonly context: AppendContext,
  ) {
    super();
  }
}

/** Lodging first takes the next human reference for the year, then decides like any command. */
@CommandHandler(LodgeComplaint)
export class LodgeComplaintHandler implements ICommandHandler<LodgeComplaint> {
  constructor(
    private readonly references: ReferenceAllocator,
    private readonly commands: CommandBus,
  ) {}

  async execute({ input, context }: LodgeComplaint): Promise<ComplaintCommandResult> {
    const reference = await this.references.allocate(new Date(input.at), context.correlationId);
    return this.commands.execute(
      new ExecuteComplaintCommand(
        input.complaintId,
        { ...input, type: 'LodgeComplaint', reference },
        context,
      ),
    );
  }
}

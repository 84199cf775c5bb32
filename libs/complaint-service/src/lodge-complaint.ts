import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandOf } from '@sg/complaints';
import { type AppendContext } from './complaint-repository';
import { type ComplaintCommandResult, ExecuteComplaintCommand } from './execute-complaint-command';

export type LodgeComplaintInput = Omit<CommandOf<'LodgeComplaint'>, 'type' | 'reference'>;

export class LodgeComplaint extends Command<ComplaintCommandResult> {
  constructor(
    readonly input: LodgeComplaintInput,
    readonly context: AppendContext,
  ) {
    super();
  }
}

/**
 * Lodging is decided like any command; the complaint's reference is taken from the year's counter
 * only once the lodge is sure to be recorded (an empty reference asks for one).
 */
@CommandHandler(LodgeComplaint)
export class LodgeComplaintHandler implements ICommandHandler<LodgeComplaint> {
  constructor(private readonly commands: CommandBus) {}

  execute({ input, context }: LodgeComplaint): Promise<ComplaintCommandResult> {
    return this.commands.execute(
      new ExecuteComplaintCommand(
        input.complaintId,
        { ...input, type: 'LodgeComplaint', reference: '' },
        context,
      ),
    );
  }
}

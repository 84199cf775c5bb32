import { type CommandBus } from '@nestjs/cqrs';
import { type Clock, ExecuteComplaintCommand } from '@sg/complaint-service';
import { DEADLINE_WORKER } from '@sg/complaints';
import { type FireHandler } from './deadline-scheduler';
import { timerId } from './deadline-timer';

/**
 * What a fired timer does: tell the complaint its clock's moment has come, at the time it is
 * handled. The decider checks the clock is still running at that revision and the moment really
 * has passed, so a duplicate, late or stale timer is harmless.
 */
export function fireDeadline(commands: CommandBus, clock: Clock): FireHandler {
  return async (timer) => {
    await commands.execute(
      new ExecuteComplaintCommand(
        timer.complaintId,
        {
          type: 'ReachDeadline',
          actor: DEADLINE_WORKER,
          at: clock.now().toISOString(),
          clock: timer.clock,
          revision: timer.revision,
          timer: timer.timer,
        },
        { correlationId: `timer-${timerId(timer)}` },
      ),
    );
  };
}

import { type CommandOf } from '../commands';
import { type ComplaintEvent } from '../events';
import { type ComplaintState } from '../state';
import { actingAs, clockStarted, clockStopped, type DecisionContext, isBefore } from './support';

/**
 * A timer says a clock's warning point or deadline has come. It is believed only if the clock is
 * still running at the revision the timer was set for and the instant really has passed, so
 * early, late, repeated and stale timers change nothing they should not.
 */
export function reachDeadline(
  command: CommandOf<'ReachDeadline'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const by = actingAs(command.actor, 'report deadlines', { role: 'system' });
  if (!state.exists || state.status === 'closed') return [];
  const clock = state.clocks[command.clock];
  if (!clock || clock.status !== 'running' || clock.timing.revision !== command.revision) return [];
  const at = command.at;
  const { revision, dueDate, deadline, warningAt } = clock.timing;

  if (command.timer === 'warning') {
    if (clock.warned || clock.missed || warningAt === null || isBefore(at, warningAt)) return [];
    return [
      {
        type: 'DeadlineWarningIssued',
        data: { clock: command.clock, revision, dueDate, deadline, by, at },
      },
    ];
  }

  if (clock.missed || isBefore(at, deadline)) return [];
  const missed: ComplaintEvent = {
    type: 'DeadlineMissed',
    data: { clock: command.clock, revision, deadline, by, at },
  };
  switch (command.clock) {
    case 'resolution':
      return [
        missed,
        ...clockStopped(state, 'resolution', at, by),
        { type: 'ComplaintEscalated', data: { reason: 'resolution-deadline-missed', by, at } },
        clockStarted(
          context,
          state,
          'board-decision',
          at,
          state.policy.boardDecisionTargetWorkingDays,
          by,
        ),
      ];
    case 'school-confirmation':
      // Silence within the confirmation window counts as acceptance.
      return [
        missed,
        { type: 'ResolutionConfirmed', data: { deemed: true, by, at } },
        ...clockStopped(state, 'school-confirmation', at, by),
        { type: 'ComplaintClosed', data: { outcome: 'resolved', by, at } },
      ];
    default:
      // A late triage or Board decision is recorded (and reported), but the work goes on.
      return [missed];
  }
}

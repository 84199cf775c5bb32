import { type CommandOf } from '../commands';
import { type ComplaintEvent } from '../events';
import { type ActedBy } from '../actor';
import { type ComplaintState, type OpenComplaint } from '../state';
import { isBefore, resumeClock, startClock, stopClock } from '../clocks';
import { backToTheService } from './school';
import { actingAs, type DecisionContext } from './support';

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
    // Once the deadline has passed, its miss is what is told: a warning then would be too late.
    if (
      clock.warned ||
      clock.missed ||
      warningAt === null ||
      isBefore(at, warningAt) ||
      !isBefore(at, deadline)
    )
      return [];
    return [
      {
        type: 'DeadlineWarningIssued',
        data: { clock: command.clock, revision, dueDate, deadline, by, at },
      },
    ];
  }

  if (clock.missed || isBefore(at, deadline)) return [];
  // What a missed deadline sets off happened at the deadline, however late the timer ran.
  const missedAt = deadline;
  const missed: ComplaintEvent = {
    type: 'DeadlineMissed',
    data: { clock: command.clock, revision, deadline, by, at: missedAt },
  };
  switch (command.clock) {
    case 'resolution':
      return resolutionMissed(state, context, { revision, deadline }, missedAt, by);
    case 'school-confirmation':
      if (state.resolutionSentAt === null) {
        // Silence is acceptance only from a school that was sent the proposal: one whose contact
        // has no address was never told what its silence would mean.
        return [
          missed,
          { type: 'ResolutionNeverReachedSchool', data: { by, at: missedAt } },
          ...stopClock(state, 'school-confirmation', missedAt, by),
          // Not the school's dispute: to the Board, it is a complaint the service did not resolve.
          ...backToTheService(state, missedAt, by, context, {
            lateReason: 'resolution-deadline-missed',
          }),
        ];
      }
      // Silence within the confirmation window counts as acceptance.
      return [
        missed,
        { type: 'ResolutionConfirmed', data: { deemed: true, consent: null, by, at: missedAt } },
        ...stopClock(state, 'school-confirmation', missedAt, by),
        { type: 'ComplaintClosed', data: { outcome: 'resolved', by, at: missedAt } },
      ];
    case 'school-reply':
      // The school had its window; the service's clock runs again without the answer.
      return [
        missed,
        { type: 'InformationRequestLapsed', data: { by, at: missedAt } },
        ...stopClock(state, 'school-reply', missedAt, by),
        resumeClock(context.calendar, state, 'resolution', missedAt, by),
      ];
    default:
      // Late triage, or a late Board, is recorded (and reported), but the work goes on.
      return [missed];
  }
}

/**
 * The service's deadline missed: the complaint goes to the Board, whose clock starts, as of
 * `missedAt` (the deadline, however late its timer ran; or, for a deadline only learnt now, now).
 */
export function resolutionMissed(
  state: OpenComplaint,
  context: DecisionContext,
  clock: { readonly revision: number; readonly deadline: string },
  missedAt: string,
  by: ActedBy,
): ComplaintEvent[] {
  return [
    {
      type: 'DeadlineMissed',
      data: {
        clock: 'resolution',
        revision: clock.revision,
        deadline: clock.deadline,
        by,
        at: missedAt,
      },
    },
    ...stopClock(state, 'resolution', missedAt, by),
    {
      type: 'ComplaintEscalated',
      data: { reason: 'resolution-deadline-missed', by, at: missedAt },
    },
    startClock(context.calendar, state, 'board-decision', missedAt, by),
  ];
}

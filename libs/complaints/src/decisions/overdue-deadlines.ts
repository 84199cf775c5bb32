import { DEADLINE_WORKER } from '../actor';
import { CLOCK_KINDS, type ClockState, isBefore } from '../clocks';
import { type ComplaintEvent } from '../events';
import { evolve } from '../evolve';
import { type ComplaintState } from '../state';
import { reachDeadline } from './deadlines';
import { type DecisionContext } from './support';

const overdueAt = (state: ComplaintState, at: string): ClockState | undefined =>
  state.exists && state.status !== 'closed'
    ? CLOCK_KINDS.map((kind) => state.clocks[kind])
        .filter(
          (clock): clock is ClockState =>
            clock?.status === 'running' && !clock.missed && !isBefore(at, clock.timing.deadline),
        )
        .sort((a, b) => Date.parse(a.timing.deadline) - Date.parse(b.timing.deadline))[0]
    : undefined;

/**
 * What the deadline worker would have recorded by `at` and has not yet: each running clock whose
 * deadline has passed, earliest first, as its timer would have it (at the deadline itself), and
 * what each miss sets off, which may start a clock that is overdue in turn. A command is decided
 * on the complaint after these, so that what it leads to never depends on whether a timer ran
 * before it: a resolution proposed, a complaint withdrawn or a decision taken after a deadline
 * finds the miss recorded, as it would have been a moment later.
 */
export function overdueDeadlines(
  state: ComplaintState,
  at: string,
  context: DecisionContext,
): { readonly events: ComplaintEvent[]; readonly state: ComplaintState } {
  const events: ComplaintEvent[] = [];
  let current = state;
  // Each miss stops its clock or marks it missed, so each clock is caught up at most once a run.
  for (let left = CLOCK_KINDS.length * 2; left > 0; left -= 1) {
    const clock = overdueAt(current, at);
    if (!clock) break;
    const missed = reachDeadline(
      {
        type: 'ReachDeadline',
        actor: DEADLINE_WORKER,
        at,
        clock: clock.kind,
        revision: clock.timing.revision,
        timer: 'deadline',
      },
      current,
      context,
    );
    if (missed.length === 0) break;
    events.push(...missed);
    current = missed.reduce(evolve, current);
  }
  return { events, state: current };
}

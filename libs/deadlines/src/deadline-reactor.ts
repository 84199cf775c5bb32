import {
  type ClockState,
  complaintEventFrom,
  type ComplaintEvent,
  evolveClocks,
  isClockEvent,
} from '@sg/complaints';
import { type Position, type Reaction, type RecordedEvent } from '@sg/event-store';
import { type DeadlineScheduler } from './deadline-scheduler';
import { timerId } from './deadline-timer';
import { REACTOR, type RunningClock, type RunningClocks, timersOf } from './running-clocks';

/**
 * What the reactor keeps of a clock, as the domain's clock state: only what decides its timers
 * (the rest of the timing is not needed to follow the clock's events).
 */
const asClockState = (clock: RunningClock): ClockState => ({
  kind: clock.clock,
  status: clock.status,
  timing: {
    revision: clock.revision,
    deadline: clock.deadline,
    warningAt: clock.warningAt,
    anchor: '',
    workingDays: 0,
    dueDate: '',
  },
  remainingWorkingDays: null,
  extendedBy: 0,
  warned: clock.warned,
  missed: clock.missed,
  metDeadline: null,
});

/**
 * How a clock event changes what the reactor keeps for that clock (null: nothing any more),
 * through the domain's own `evolveClocks`, so the timers follow the clocks the decider sees.
 */
export function nextRunningClock(
  complaintId: string,
  previous: RunningClock | null,
  event: ComplaintEvent,
): RunningClock | null {
  if (!isClockEvent(event)) return previous;
  const kind = event.data.clock;
  const next = evolveClocks(previous ? { [kind]: asClockState(previous) } : {}, event)[kind];
  if (!next || next.status === 'stopped') return null;
  return {
    complaintId,
    clock: kind,
    revision: next.timing.revision,
    status: next.status,
    deadline: next.timing.deadline,
    warningAt: next.timing.warningAt,
    warned: next.warned,
    missed: next.missed,
  };
}

/**
 * Keeps a timer in the scheduler for every running clock, driven by the clock events in the
 * store. Timers are scheduled and cancelled before the clock's new state and the checkpoint are
 * committed, so a crash in between repeats idempotent scheduling rather than losing a timer.
 */
export class DeadlineReactor implements Reaction {
  readonly name = REACTOR;
  readonly filter = { eventTypePrefixes: ['Clock', 'Deadline'] };
  readonly checkpoints = {
    loadCheckpoint: (): Promise<Position | null> => Promise.resolve(this.clocks.position()),
  };

  constructor(
    private readonly clocks: RunningClocks,
    private readonly scheduler: DeadlineScheduler,
  ) {}

  async handle(recorded: RecordedEvent): Promise<void> {
    if (!recorded.stream.startsWith('complaint-')) return;
    const event = complaintEventFrom(recorded);
    if (!isClockEvent(event)) return;
    const complaintId = recorded.stream.slice('complaint-'.length);
    const clock = event.data.clock;
    const previous = this.clocks.get(complaintId, clock);
    const next = nextRunningClock(complaintId, previous, event);
    const wanted = new Set(timersOf(next).map(timerId));
    for (const timer of timersOf(previous))
      if (!wanted.has(timerId(timer))) await this.scheduler.cancel(timerId(timer));
    for (const timer of timersOf(next)) await this.scheduler.schedule(timer);
    this.clocks.write(complaintId, clock, next, recorded.position);
  }
}

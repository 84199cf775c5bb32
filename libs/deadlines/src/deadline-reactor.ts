import {
  type ClockKind,
  type Clocks,
  type ClockState,
  complaintEventFrom,
  type ComplaintEvent,
  evolveClocks,
  isClockEvent,
} from '@sg/complaints';
import {
  type EventStore,
  isTransientFailure,
  type Position,
  type Reaction,
  type RecordedEvent,
} from '@sg/event-store';
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
  addedOnResume: 0,
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
  return runningClockOf(
    complaintId,
    evolveClocks(previous ? { [kind]: asClockState(previous) } : {}, event)[kind],
  );
}

function runningClockOf(complaintId: string, next: ClockState | undefined): RunningClock | null {
  if (!next || next.status === 'stopped') return null;
  return {
    complaintId,
    clock: next.kind,
    revision: next.timing.revision,
    status: next.status,
    deadline: next.timing.deadline,
    warningAt: next.timing.warningAt,
    warned: next.warned,
    missed: next.missed,
  };
}

/** The events that move a clock: all the reactor follows. */
export const DEADLINE_REACTOR_FILTER = { eventTypePrefixes: ['Clock', 'Deadline'] } as const;

/**
 * Keeps a timer in the scheduler for every running clock, driven by the clock events in the
 * store. Timers are scheduled and cancelled before the clock's new state and the checkpoint are
 * committed, so a crash in between repeats idempotent scheduling rather than losing a timer.
 */
export class DeadlineReactor implements Reaction {
  readonly name = REACTOR;
  readonly filter = DEADLINE_REACTOR_FILTER;
  readonly checkpoints = {
    loadCheckpoint: (): Promise<Position | null> => Promise.resolve(this.clocks.position()),
  };

  constructor(
    private readonly clocks: RunningClocks,
    private readonly scheduler: DeadlineScheduler,
    /** For a late retry, which folds the clock from the complaint's whole stream. */
    private readonly store?: EventStore,
  ) {}

  async handle(recorded: RecordedEvent): Promise<void> {
    const clockEvent = this.clockEventOf(recorded);
    if (!clockEvent) return;
    const { complaintId, event } = clockEvent;
    const clock = event.data.clock;
    const previous = this.clocks.get(complaintId, clock);
    const next = nextRunningClock(complaintId, previous, event);
    await this.moveTimers(previous, next);
    this.clocks.write(complaintId, clock, next, recorded.position);
  }

  /**
   * Several events at once: each clock the events move is folded through all of them, its timers
   * moved once from where they stood before the batch to where the last event leaves them
   * (superseded timers in between are never scheduled), and only then are the clocks' new states
   * and the checkpoint after the last event committed, in one transaction. A failure commits
   * nothing, and the runner hands the events over again one at a time, which repeats the
   * scheduling already done: scheduling and cancelling are idempotent.
   */
  async handleBatch(events: readonly RecordedEvent[]): Promise<void> {
    const moved = new Map<
      string,
      {
        complaintId: string;
        clock: ClockKind;
        before: RunningClock | null;
        next: RunningClock | null;
      }
    >();
    for (const recorded of events) {
      const clockEvent = this.clockEventOf(recorded);
      if (!clockEvent) continue;
      const { complaintId, event } = clockEvent;
      const clock = event.data.clock;
      const key = `${complaintId} ${clock}`;
      let entry = moved.get(key);
      if (!entry) {
        const before = this.clocks.get(complaintId, clock);
        entry = { complaintId, clock, before, next: before };
        moved.set(key, entry);
      }
      entry.next = nextRunningClock(complaintId, entry.next, event);
    }
    for (const { before, next } of moved.values()) await this.moveTimers(before, next);
    this.clocks.writeAll([...moved.values()], events[events.length - 1].position);
  }

  skip(recorded: RecordedEvent): Promise<void> {
    this.clocks.skipTo(recorded.position);
    return Promise.resolve();
  }

  /**
   * A parked clock event handled late must not be laid over what later events did to the clock:
   * the clock is folded again from the complaint's whole stream, and its timers made to match.
   */
  async retry(recorded: RecordedEvent): Promise<void> {
    const clockEvent = this.clockEventOf(recorded);
    if (!clockEvent) return;
    if (!this.store) return this.handle(recorded);
    const { complaintId, event } = clockEvent;
    const kind = event.data.clock;
    let clocks: Clocks = {};
    for await (const stored of this.store.readStream(recorded.stream)) {
      const folded = complaintEventFrom(stored);
      if (isClockEvent(folded) && folded.data.clock === kind) clocks = evolveClocks(clocks, folded);
    }
    const previous = this.clocks.get(complaintId, kind);
    const next = runningClockOf(complaintId, clocks[kind]);
    await this.moveTimers(previous, next);
    this.clocks.writeClock(complaintId, kind, next);
  }

  /** Redis refusing or dropping the connection is an outage to wait out, not a bad event. */
  isTransient(error: unknown): boolean {
    return (
      isTransientFailure(error) ||
      // ioredis words a refused connection in its message, without a code, once it gives up.
      (error instanceof Error && /ECONNREFUSED|ECONNRESET|ETIMEDOUT/.test(error.message))
    );
  }

  private clockEventOf(recorded: RecordedEvent) {
    if (!recorded.stream.startsWith('complaint-')) return null;
    const event = complaintEventFrom(recorded);
    if (!isClockEvent(event)) return null;
    return { complaintId: recorded.stream.slice('complaint-'.length), event };
  }

  /** Cancels the timers the clock no longer wants, then schedules the ones it wants. */
  private async moveTimers(previous: RunningClock | null, next: RunningClock | null) {
    const wanted = new Set(timersOf(next).map(timerId));
    for (const timer of timersOf(previous))
      if (!wanted.has(timerId(timer))) await this.scheduler.cancel(timerId(timer));
    for (const timer of timersOf(next)) await this.scheduler.schedule(timer);
  }
}

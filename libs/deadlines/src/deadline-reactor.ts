import { type ClockKind, type ComplaintEvent, type EventOf } from '@sg/complaints';
import { type Position, type Reaction, type RecordedEvent } from '@sg/event-store';
import { type DeadlineScheduler } from './deadline-scheduler';
import { timerId } from './deadline-timer';
import { REACTOR, type RunningClock, type RunningClocks, timersOf } from './running-clocks';

type ClockEvent = Extract<
  ComplaintEvent,
  {
    type:
      | 'ClockStarted'
      | 'ClockPaused'
      | 'ClockResumed'
      | 'ClockExtended'
      | 'ClockStopped'
      | 'DeadlineWarningIssued'
      | 'DeadlineMissed';
  }
>;

const CLOCK_EVENT_TYPES = new Set<string>([
  'ClockStarted',
  'ClockPaused',
  'ClockResumed',
  'ClockExtended',
  'ClockStopped',
  'DeadlineWarningIssued',
  'DeadlineMissed',
]);

const timed = (
  complaintId: string,
  event: EventOf<'ClockStarted' | 'ClockResumed' | 'ClockExtended'>,
  previous: RunningClock | null,
): RunningClock => ({
  complaintId,
  clock: event.data.clock,
  revision: event.data.timing.revision,
  status: event.type === 'ClockExtended' && previous?.status === 'paused' ? 'paused' : 'running',
  deadline: event.data.timing.deadline,
  warningAt: event.data.timing.warningAt,
  warned:
    event.type === 'ClockStarted'
      ? (previous?.warned ?? false) && previous?.deadline === event.data.timing.deadline
      : false,
  missed: false,
});

/** How a clock event changes what the reactor keeps for that clock (null: nothing any more). */
export function nextRunningClock(
  complaintId: string,
  previous: RunningClock | null,
  event: ClockEvent,
): RunningClock | null {
  switch (event.type) {
    case 'ClockStarted':
    case 'ClockResumed':
    case 'ClockExtended':
      return timed(complaintId, event, previous);
    case 'ClockPaused':
      return previous && { ...previous, revision: event.data.revision, status: 'paused' };
    case 'ClockStopped':
      return null;
    case 'DeadlineWarningIssued':
      return previous && previous.revision === event.data.revision
        ? { ...previous, warned: true }
        : previous;
    case 'DeadlineMissed':
      return previous && previous.revision === event.data.revision
        ? { ...previous, missed: true }
        : previous;
  }
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
    if (!recorded.stream.startsWith('complaint-') || !CLOCK_EVENT_TYPES.has(recorded.type)) return;
    const complaintId = recorded.stream.slice('complaint-'.length);
    const event = { type: recorded.type, data: recorded.data } as ClockEvent;
    const clock: ClockKind = event.data.clock;
    const previous = this.clocks.get(complaintId, clock);
    const next = nextRunningClock(complaintId, previous, event);
    const wanted = new Set(timersOf(next).map(timerId));
    for (const timer of timersOf(previous))
      if (!wanted.has(timerId(timer))) await this.scheduler.cancel(timerId(timer));
    for (const timer of timersOf(next)) await this.scheduler.schedule(timer);
    this.clocks.write(complaintId, clock, next, recorded.position);
  }
}

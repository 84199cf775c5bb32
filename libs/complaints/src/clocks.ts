import { type Instant, type WorkingDayCalendar } from '@sg/working-days';
import { type ActedBy } from './actor';
import { type ComplaintEvent, type EventOf } from './events';
import { type Policy } from './policy/policy';

/**
 * Every state in which a complaint waits for someone has a clock: Business Support to triage,
 * the service to resolve, the school to answer a question or a proposed resolution, the Board to
 * decide, propose, and approve, finance to pay.
 */
export const CLOCK_KINDS = [
  'triage',
  'resolution',
  'school-reply',
  'school-confirmation',
  'board-decision',
  'reimbursement-proposal',
  'reimbursement-approval',
  'reimbursement-payment',
] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/** Which of a clock's timers fired: the warning before the deadline, or the deadline itself. */
export type TimerKind = 'warning' | 'deadline';

/** Each clock's target, in working days, in the policy the complaint was lodged under. */
export const CLOCK_TARGETS: Readonly<Record<ClockKind, (policy: Policy) => number>> = {
  triage: (policy) => policy.triageTargetWorkingDays,
  resolution: (policy) => policy.resolutionTargetWorkingDays,
  'school-reply': (policy) => policy.schoolReplyWorkingDays,
  'school-confirmation': (policy) => policy.schoolConfirmationWorkingDays,
  'board-decision': (policy) => policy.boardDecisionTargetWorkingDays,
  'reimbursement-proposal': (policy) => policy.reimbursementProposalTargetWorkingDays,
  'reimbursement-approval': (policy) => policy.reimbursementApprovalTargetWorkingDays,
  'reimbursement-payment': (policy) => policy.reimbursementPaymentTargetWorkingDays,
};

/**
 * Where a running clock stands: `workingDays` counted from `anchor` (the start, or the moment it
 * resumed). `revision` changes whenever its timers move, so a timer set for an older revision is
 * recognised as stale and ignored.
 */
export interface ClockTiming {
  readonly revision: number;
  readonly anchor: string;
  readonly workingDays: number;
  readonly dueDate: string;
  readonly deadline: string;
  readonly warningAt: string | null;
}

export interface ClockState {
  readonly kind: ClockKind;
  readonly status: 'running' | 'paused' | 'stopped';
  readonly timing: ClockTiming;
  readonly remainingWorkingDays: number | null;
  readonly extendedBy: number;
  /**
   * The day a clock paused with none of its days left whole was given on resuming at a weekend or
   * a holiday (see resumeClock): 1 then, else 0. Counted again from another moment, it is not kept.
   */
  readonly addedOnResume: number;
  readonly warned: boolean;
  readonly missed: boolean;
  readonly metDeadline: boolean | null;
}

export type Clocks = Readonly<Partial<Record<ClockKind, ClockState>>>;

/** What starting or moving a clock needs to know of the complaint. */
export interface Clocked {
  readonly clocks: Clocks;
  readonly policy: Policy;
}

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

export const isClockEvent = (event: ComplaintEvent): event is ClockEvent =>
  CLOCK_EVENT_TYPES.has(event.type);

/**
 * The due date, deadline and warning instant for `workingDays` counted from `anchor`. The warning
 * comes `warnBefore` working days before the deadline or, for a clock no longer than that
 * (triage's 2 days), with one working day left; a clock of a single day has none. A clock that
 * `resumes` with that many days or fewer left is warned 2 working days before its deadline still,
 * at the end of the day it resumes on if need be: an hour's pause on day 8 does not move the
 * warning to the morning of the due day (and one warned already of an unmoved deadline is not
 * warned again: see ClockResumed in evolveClocks).
 */
export function timeClock(
  calendar: WorkingDayCalendar,
  revision: number,
  anchor: Instant,
  workingDays: number,
  warnBefore: number,
  { resumes = false } = {},
): ClockTiming {
  const anchorIso =
    typeof anchor === 'string' ? new Date(anchor).toISOString() : anchor.toISOString();
  const { dueDate, deadline } = calendar.addWorkingDays(anchorIso, workingDays);
  const warnDays = Math.min(warnBefore, resumes ? workingDays : workingDays - 1);
  const warningAt =
    warnDays > 0
      ? calendar.addWorkingDays(anchorIso, workingDays - warnDays).deadline.toISOString()
      : null;
  return {
    revision,
    anchor: anchorIso,
    workingDays,
    dueDate,
    deadline: deadline.toISOString(),
    warningAt,
  };
}

export const isBefore = (a: string, b: string) => Date.parse(a) < Date.parse(b);

const nextRevision = (complaint: Clocked, kind: ClockKind) =>
  (complaint.clocks[kind]?.timing.revision ?? 0) + 1;

/** Starts a clock for its policy target (or `workingDays`), counted from `at`. */
export function startClock(
  calendar: WorkingDayCalendar,
  complaint: Clocked,
  kind: ClockKind,
  at: string,
  by: ActedBy,
  workingDays: number = CLOCK_TARGETS[kind](complaint.policy),
): EventOf<'ClockStarted'> {
  return startClockCountingFrom(calendar, complaint, kind, at, at, by, workingDays);
}

/**
 * The timing `kind`'s clock would have, started at `from` under `policy`: for what will be a
 * complaint counted from then once a person files it (an email waiting to be matched).
 */
export const clockTimingFrom = (
  calendar: WorkingDayCalendar,
  policy: Policy,
  kind: ClockKind,
  from: string,
): ClockTiming =>
  timeClock(calendar, 1, from, CLOCK_TARGETS[kind](policy), policy.warningWorkingDaysBefore);

/**
 * Starts a clock at `at` whose days count from `countedFrom`, a later moment: a window the other
 * side is given from when it is told (a mail that waits for the working day).
 */
export function startClockCountingFrom(
  calendar: WorkingDayCalendar,
  complaint: Clocked,
  kind: ClockKind,
  countedFrom: string,
  at: string,
  by: ActedBy,
  workingDays: number = CLOCK_TARGETS[kind](complaint.policy),
): EventOf<'ClockStarted'> {
  return {
    type: 'ClockStarted',
    data: {
      clock: kind,
      timing: timeClock(
        calendar,
        nextRevision(complaint, kind),
        countedFrom,
        workingDays,
        complaint.policy.warningWorkingDaysBefore,
      ),
      by,
      at,
    },
  };
}

/** Starts a stopped clock again on its old deadline (a disputed resolution goes back to the service). */
export function restartClock(
  complaint: Clocked,
  kind: ClockKind,
  at: string,
  by: ActedBy,
): EventOf<'ClockStarted'> {
  const clock = complaint.clocks[kind]!;
  return {
    type: 'ClockStarted',
    data: {
      clock: kind,
      timing: { ...clock.timing, revision: nextRevision(complaint, kind) },
      by,
      at,
    },
  };
}

/** Stops a running clock and keeps the working days it had left. */
export function pauseClock(
  calendar: WorkingDayCalendar,
  complaint: Clocked,
  kind: ClockKind,
  at: string,
  by: ActedBy,
): EventOf<'ClockPaused'> {
  const clock = complaint.clocks[kind]!;
  return {
    type: 'ClockPaused',
    data: {
      clock: kind,
      revision: clock.timing.revision + 1,
      remainingWorkingDays: Math.max(0, calendar.workingDaysBetween(at, clock.timing.deadline)),
      by,
      at,
    },
  };
}

/**
 * Runs a paused clock again with the working days it had left, counted from `at`. One paused on
 * its last day had none whole, but still the rest of a working day: resumed on a weekend or a
 * holiday, it has the next working day, not a due date nobody works on.
 */
export const resumeClock = (
  calendar: WorkingDayCalendar,
  complaint: Clocked,
  kind: ClockKind,
  at: string,
  by: ActedBy,
): EventOf<'ClockResumed'> =>
  runFrom(calendar, complaint, kind, at, complaint.clocks[kind]!.remainingWorkingDays ?? 0, at, by);

/**
 * A running clock counted again from an earlier moment, with the working days it runs for: the
 * moment it should have run from, learnt only now (an answer the school gave before its window
 * lapsed, recorded after the lapse had restarted the clock from the window's end).
 */
export const recountClockFrom = (
  calendar: WorkingDayCalendar,
  complaint: Clocked,
  kind: ClockKind,
  from: string,
  at: string,
  by: ActedBy,
): EventOf<'ClockResumed'> => {
  const clock = complaint.clocks[kind]!;
  return runFrom(
    calendar,
    complaint,
    kind,
    from,
    clock.timing.workingDays - clock.addedOnResume,
    at,
    by,
  );
};

/** The clock running `days` from `from`, as resuming counts them (see resumeClock). */
function runFrom(
  calendar: WorkingDayCalendar,
  complaint: Clocked,
  kind: ClockKind,
  from: string,
  days: number,
  at: string,
  by: ActedBy,
): EventOf<'ClockResumed'> {
  const clock = complaint.clocks[kind]!;
  const fromAWorkingDay = calendar.isWorkingDay(calendar.addWorkingDays(from, 0).dueDate);
  const timing = timeClock(
    calendar,
    clock.timing.revision + 1,
    from,
    days === 0 && !fromAWorkingDay ? 1 : days,
    complaint.policy.warningWorkingDaysBefore,
    { resumes: true },
  );
  return { type: 'ClockResumed', data: { clock: kind, timing, by, at } };
}

/** More working days on a running or paused clock; a paused one counts them when it resumes. */
export function extendClock(
  calendar: WorkingDayCalendar,
  complaint: Clocked,
  kind: ClockKind,
  extraWorkingDays: number,
  at: string,
  by: ActedBy,
): EventOf<'ClockExtended'> {
  const clock = complaint.clocks[kind]!;
  const revision = clock.timing.revision + 1;
  const timing =
    clock.status === 'running'
      ? timeClock(
          calendar,
          revision,
          clock.timing.anchor,
          clock.timing.workingDays + extraWorkingDays,
          complaint.policy.warningWorkingDaysBefore,
        )
      : { ...clock.timing, revision };
  return { type: 'ClockExtended', data: { clock: kind, timing, extraWorkingDays, by, at } };
}

/**
 * Whether what a clock waited for, done at `at` (or on the day `doneOn`), met its deadline: a
 * clock paused stops in time, one whose deadline passed does not.
 */
export function metDeadlineAt(clock: ClockState, at: string, doneOn?: string): boolean {
  return doneOn !== undefined
    ? doneOn <= clock.timing.dueDate
    : !clock.missed && (clock.status === 'paused' || isBefore(at, clock.timing.deadline));
}

/** Stops a clock that is running or paused; whether it met its deadline is judged at `at`. */
export function stopClock(
  complaint: Clocked,
  kind: ClockKind,
  at: string,
  by: ActedBy,
  /** The day the work was done, when it is not the day it was recorded (a payment's `paidOn`). */
  doneOn?: string,
): EventOf<'ClockStopped'>[] {
  const clock = complaint.clocks[kind];
  if (!clock || clock.status === 'stopped') return [];
  const metDeadline = metDeadlineAt(clock, at, doneOn);
  return [
    {
      type: 'ClockStopped',
      data: { clock: kind, revision: clock.timing.revision, metDeadline, by, at },
    },
  ];
}

export function stopAllClocks(
  complaint: Clocked,
  at: string,
  by: ActedBy,
): EventOf<'ClockStopped'>[] {
  return CLOCK_KINDS.flatMap((kind) => stopClock(complaint, kind, at, by));
}

/** The one clock running, if any: the one whose deadline the complaint is working to. */
export const runningClock = (clocks: Clocks): ClockState | null =>
  CLOCK_KINDS.map((kind) => clocks[kind]).find((clock) => clock?.status === 'running') ?? null;

function withClock(clocks: Clocks, kind: ClockKind, change: (clock: ClockState) => ClockState) {
  const clock = clocks[kind];
  return clock ? { ...clocks, [kind]: change(clock) } : clocks;
}

/**
 * How one clock event changes the clocks. The complaint's `evolve` uses it, and so does the
 * deadline reactor, so the timers follow exactly the clocks the decider sees.
 */
export function evolveClocks(clocks: Clocks, event: ClockEvent): Clocks {
  switch (event.type) {
    case 'ClockStarted': {
      // A clock started again (a disputed resolution reopened) keeps the extensions already
      // agreed, which the cap counts in total, and its warning if the deadline is unchanged.
      const previous = clocks[event.data.clock];
      return {
        ...clocks,
        [event.data.clock]: {
          kind: event.data.clock,
          status: 'running',
          timing: event.data.timing,
          remainingWorkingDays: null,
          extendedBy: previous?.extendedBy ?? 0,
          addedOnResume: 0,
          warned:
            (previous?.warned ?? false) && previous?.timing.deadline === event.data.timing.deadline,
          missed: false,
          metDeadline: null,
        },
      };
    }
    case 'ClockPaused':
      return withClock(clocks, event.data.clock, (clock) => ({
        ...clock,
        addedOnResume: 0,
        status: 'paused',
        remainingWorkingDays: event.data.remainingWorkingDays,
        timing: { ...clock.timing, revision: event.data.revision },
      }));
    case 'ClockResumed':
      return withClock(clocks, event.data.clock, (clock) => ({
        ...clock,
        // What the clock runs for without that day: the days left at the pause, or, counted again
        // while running, the days it ran for less the day given then.
        addedOnResume: Math.max(
          0,
          event.data.timing.workingDays -
            (clock.status === 'paused'
              ? (clock.remainingWorkingDays ?? 0)
              : clock.timing.workingDays - clock.addedOnResume),
        ),
        status: 'running',
        timing: event.data.timing,
        remainingWorkingDays: null,
        // Warned of this deadline before a pause that did not move it (an hour's question): once.
        warned: clock.warned && clock.timing.deadline === event.data.timing.deadline,
      }));
    case 'ClockExtended':
      return withClock(clocks, event.data.clock, (clock) => ({
        ...clock,
        timing: event.data.timing,
        remainingWorkingDays:
          clock.remainingWorkingDays === null
            ? null
            : clock.remainingWorkingDays + event.data.extraWorkingDays,
        extendedBy: clock.extendedBy + event.data.extraWorkingDays,
        warned: false,
      }));
    case 'ClockStopped':
      return withClock(clocks, event.data.clock, (clock) => ({
        ...clock,
        status: 'stopped',
        metDeadline: event.data.metDeadline,
      }));
    case 'DeadlineWarningIssued':
      return withClock(clocks, event.data.clock, (clock) =>
        clock.timing.revision === event.data.revision ? { ...clock, warned: true } : clock,
      );
    case 'DeadlineMissed':
      return withClock(clocks, event.data.clock, (clock) =>
        clock.timing.revision === event.data.revision ? { ...clock, missed: true } : clock,
      );
  }
}

import { type WorkingDayCalendar } from '@sg/working-days';
import { type ActedBy, type Actor, type Role } from '../actor';
import { type ClockKind, timeClock } from '../clock';
import { conflict, forbidden, notFound, ruleBroken } from '../errors';
import { type ComplaintEvent, type EventOf } from '../events';
import {
  COMPLAINT_STATUSES,
  type ComplaintState,
  type ComplaintStatus,
  type OpenComplaint,
} from '../state';

/** What a decision may consult besides the command and the state: pure lookups, no I/O. */
export interface DecisionContext {
  readonly calendar: WorkingDayCalendar;
}

export function existing(state: ComplaintState): OpenComplaint {
  if (!state.exists) throw notFound('COMPLAINT_NOT_FOUND', 'There is no such complaint');
  return state;
}

/** The complaint, provided it is in one of the states the action is allowed from. */
export function inStatus(
  state: ComplaintState,
  allowed: readonly ComplaintStatus[],
  action: string,
): OpenComplaint {
  const complaint = existing(state);
  if (complaint.status === 'closed') {
    throw conflict(
      'COMPLAINT_CLOSED',
      `Cannot ${action}: complaint ${complaint.reference} is closed`,
    );
  }
  if (!allowed.includes(complaint.status)) {
    throw conflict(
      'INVALID_TRANSITION',
      `Cannot ${action}: complaint ${complaint.reference} is ${complaint.status.replace(/-/g, ' ')}`,
    );
  }
  return complaint;
}

export const NOT_CLOSED: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter(
  (status) => status !== 'closed',
);

/** The first of `roles` the actor may act in here, or a refusal naming the action. */
export function actingAs(
  actor: Actor,
  action: string,
  ...allowed: { role: Role; when?: (actor: Actor) => boolean }[]
): ActedBy {
  for (const { role, when } of allowed) {
    if (actor.roles.some((grant) => grant.role === role) && (when?.(actor) ?? true))
      return { id: actor.id, role };
  }
  throw forbidden(`${actor.name} may not ${action}`);
}

export function requireText(value: string | null | undefined, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw ruleBroken('FIELD_REQUIRED', `${field} must not be empty`);
  }
  return value.trim();
}

export function clockStarted(
  context: DecisionContext,
  complaint: Pick<OpenComplaint, 'clocks' | 'policy'>,
  kind: ClockKind,
  at: string,
  workingDays: number,
  by: ActedBy,
): EventOf<'ClockStarted'> {
  const revision = (complaint.clocks[kind]?.timing.revision ?? 0) + 1;
  const warnBefore = kind === 'resolution' ? complaint.policy.warningWorkingDaysBefore : 0;
  return {
    type: 'ClockStarted',
    data: {
      clock: kind,
      timing: timeClock(context.calendar, revision, at, workingDays, warnBefore),
      by,
      at,
    },
  };
}

/** Stops a clock that is running or paused; whether it met its deadline is judged at `at`. */
export function clockStopped(
  complaint: OpenComplaint,
  kind: ClockKind,
  at: string,
  by: ActedBy,
): ComplaintEvent[] {
  const clock = complaint.clocks[kind];
  if (!clock || clock.status === 'stopped') return [];
  const metDeadline =
    !clock.missed && (clock.status === 'paused' || isBefore(at, clock.timing.deadline));
  return [
    {
      type: 'ClockStopped',
      data: { clock: kind, revision: clock.timing.revision, metDeadline, by, at },
    },
  ];
}

export function allClocksStopped(
  complaint: OpenComplaint,
  at: string,
  by: ActedBy,
): ComplaintEvent[] {
  return (['triage', 'resolution', 'school-confirmation', 'board-decision'] as const).flatMap(
    (kind) => clockStopped(complaint, kind, at, by),
  );
}

export const isBefore = (a: string, b: string) => Date.parse(a) < Date.parse(b);

/**
 * Once a running clock's deadline has passed, the complaint belongs to the Board, even if the
 * timer has not fired yet: it can no longer be paused or extended to hide the miss.
 */
export function requireDeadlineNotPassed(
  complaint: OpenComplaint,
  kind: ClockKind,
  at: string,
  action: string,
): void {
  const clock = complaint.clocks[kind];
  if (clock?.status === 'running' && !isBefore(at, clock.timing.deadline)) {
    throw conflict(
      'DEADLINE_PASSED',
      `Cannot ${action}: the deadline passed at ${clock.timing.deadline}`,
    );
  }
}

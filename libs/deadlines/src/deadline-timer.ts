import { type ClockKind, type TimerKind } from '@sg/complaints';

/** One timer of one revision of one complaint's clock: the warning, or the deadline itself. */
export interface DeadlineTimer {
  readonly complaintId: string;
  readonly clock: ClockKind;
  readonly revision: number;
  readonly timer: TimerKind;
  /** ISO instant. */
  readonly fireAt: string;
}

// One letter each: the id is stored three times per pending job, and Redis memory per clock counts.
const CLOCK_CODES: Record<ClockKind, string> = {
  triage: 't',
  resolution: 'r',
  'school-reply': 'q',
  'school-confirmation': 's',
  'board-decision': 'b',
  'reimbursement-proposal': 'p',
  'reimbursement-approval': 'a',
  'reimbursement-payment': 'f',
};
const TIMER_CODES: Record<TimerKind, string> = { warning: 'w', deadline: 'd' };
const CLOCKS_BY_CODE = new Map(
  Object.entries(CLOCK_CODES).map(([clock, code]) => [code, clock as ClockKind]),
);
const TIMERS_BY_CODE = new Map(
  Object.entries(TIMER_CODES).map(([timer, code]) => [code, timer as TimerKind]),
);
const TIMER_ID = /^(.+)\.([trqsbpaf])(\d+)([wd])$/;

/**
 * A timer's id says which complaint, clock, revision and timer it is (`<complaint>.r3d`: the
 * resolution clock's deadline at revision 3), so scheduling the same timer twice makes one job.
 * BullMQ refuses ':' in job ids and ids that are all digits; this is neither.
 */
export function timerId(
  timer: Pick<DeadlineTimer, 'complaintId' | 'clock' | 'revision' | 'timer'>,
): string {
  return `${timer.complaintId}.${CLOCK_CODES[timer.clock]}${timer.revision}${TIMER_CODES[timer.timer]}`;
}

/** The timer a job id names, given when it fires; null for an id that is not a timer's. */
export function timerFromId(id: string, fireAt: string): DeadlineTimer | null {
  const match = TIMER_ID.exec(id);
  if (!match) return null;
  return {
    complaintId: match[1],
    clock: CLOCKS_BY_CODE.get(match[2])!,
    revision: Number(match[3]),
    timer: TIMERS_BY_CODE.get(match[4])!,
    fireAt,
  };
}

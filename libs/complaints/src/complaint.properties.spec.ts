import fc from 'fast-check';
import { type Actor } from './actor';
import {
  BOARD_OUTCOMES,
  type BoardOutcome,
  CHANNELS,
  FAILURE_LEVELS,
  type FailureLevel,
} from './catalogue';
import { CLOCK_KINDS, type ClockKind, type TimerKind } from './clock';
import { type ComplaintCommand, type ComplaintCommandType } from './commands';
import { decide } from './decide';
import { DomainError } from './errors';
import { type ComplaintEvent } from './events';
import { evolve } from './evolve';
import { percentOf } from './money';
import { type ComplaintState, type ComplaintStatus, INITIAL_STATE } from './state';
import {
  BOARD_A,
  BOARD_B,
  BOARD_C,
  DEADLINE_WORKER,
  FINANCE,
  HEAD,
  lodgeCommand,
  MANAGER,
  OTHER_HEAD,
  OTHER_MANAGER,
  OTHER_SERVICE,
  REFERRED_AT,
  referred,
  SERVICE,
  SUPPORT,
} from './testing/fixtures';
import { context, fold } from './testing/given-when-then';

// ---- A realistic cast, and the commands each of them would plausibly send ------------------------

const ACTORS = {
  staff: HEAD,
  otherStaff: OTHER_HEAD,
  support: SUPPORT,
  manager: MANAGER,
  otherManager: OTHER_MANAGER,
  boardA: BOARD_A,
  boardB: BOARD_B,
  boardC: BOARD_C,
  finance: FINANCE,
  system: DEADLINE_WORKER,
} satisfies Record<string, Actor>;
type ActorKey = keyof typeof ACTORS;
const ACTOR_KEYS = Object.keys(ACTORS) as ActorKey[];

/** Each command, with how often a step tries it: progress is likelier than an early closure. */
const STEP_WEIGHTS = {
  LodgeComplaint: 1,
  ReferComplaint: 6,
  RerouteComplaint: 1,
  ReclassifyAsServiceRequest: 1,
  RejectAsOutOfScope: 1,
  MarkAsDuplicate: 1,
  WithdrawComplaint: 1,
  RecordContact: 2,
  RequestInformation: 3,
  RecordInformationReceived: 3,
  AgreeExtension: 3,
  ProposeResolution: 4,
  ConfirmResolution: 2,
  DisputeResolution: 3,
  ReachDeadline: 10,
  RecordBoardDecision: 4,
  CloseWithoutReimbursement: 1,
  ProposeReimbursement: 5,
  ApproveReimbursement: 6,
  DeclineReimbursement: 1,
  RecordReimbursementPaid: 3,
  AddInternalNote: 1,
  SendMessage: 1,
} satisfies Record<ComplaintCommandType, number>;
const STEP_TYPES = Object.keys(STEP_WEIGHTS) as ComplaintCommandType[];
type StepType = ComplaintCommandType;

/** Who would usually send each command; a step picks one of them most of the time. */
const FITTING: Record<StepType, readonly ActorKey[]> = {
  LodgeComplaint: ['staff', 'support'],
  ReferComplaint: ['support'],
  RerouteComplaint: ['support'],
  ReclassifyAsServiceRequest: ['support'],
  RejectAsOutOfScope: ['support'],
  MarkAsDuplicate: ['support'],
  WithdrawComplaint: ['staff', 'support'],
  RecordContact: ['manager', 'otherManager'],
  RequestInformation: ['manager', 'otherManager'],
  RecordInformationReceived: ['manager', 'staff'],
  AgreeExtension: ['manager', 'staff'],
  ProposeResolution: ['manager', 'otherManager'],
  ConfirmResolution: ['staff', 'support'],
  DisputeResolution: ['staff'],
  ReachDeadline: ['system'],
  RecordBoardDecision: ['boardA', 'boardB', 'boardC'],
  CloseWithoutReimbursement: ['boardA', 'boardB', 'boardC'],
  ProposeReimbursement: ['boardA', 'boardB', 'boardC'],
  ApproveReimbursement: ['boardA', 'boardB', 'boardC'],
  DeclineReimbursement: ['boardA', 'boardB', 'boardC'],
  RecordReimbursementPaid: ['finance'],
  AddInternalNote: ['support', 'manager', 'boardA', 'finance'],
  SendMessage: ['staff', 'manager', 'support'],
};

/** What usually happens next in each status; most steps follow it, the rest try anything. */
const FLOW: Record<ComplaintStatus, readonly StepType[]> = {
  lodged: [
    ...Array<StepType>(6).fill('ReferComplaint'),
    'RerouteComplaint',
    'ReclassifyAsServiceRequest',
    'RejectAsOutOfScope',
    'MarkAsDuplicate',
    'WithdrawComplaint',
    'ReachDeadline',
  ],
  'with-service': [
    'RecordContact',
    'RequestInformation',
    'AgreeExtension',
    'ProposeResolution',
    'ProposeResolution',
    'ReachDeadline',
    'ReachDeadline',
    'RerouteComplaint',
    'SendMessage',
  ],
  'awaiting-school': [
    'RecordInformationReceived',
    'RecordInformationReceived',
    'AgreeExtension',
    'ReachDeadline',
  ],
  'resolution-proposed': [
    'ConfirmResolution',
    'DisputeResolution',
    'DisputeResolution',
    'ReachDeadline',
    'RecordContact',
  ],
  escalated: [
    'RecordBoardDecision',
    'RecordBoardDecision',
    'RecordBoardDecision',
    'ReachDeadline',
    'RecordContact',
    'WithdrawComplaint',
  ],
  'board-decided': [
    'ProposeReimbursement',
    'ProposeReimbursement',
    'ProposeReimbursement',
    'CloseWithoutReimbursement',
  ],
  'reimbursement-proposed': [
    'ApproveReimbursement',
    'ApproveReimbursement',
    'ApproveReimbursement',
    'DeclineReimbursement',
  ],
  'reimbursement-approved': ['RecordReimbursementPaid'],
  closed: ['AddInternalNote', 'SendMessage', 'ReachDeadline', 'DisputeResolution'],
};

/** One step, as plain data (so counterexamples print well); made into a command against the state. */
interface Step {
  /** Follow the usual flow (`FLOW`), or send `type` whatever the status. */
  readonly flow: boolean;
  readonly type: StepType;
  readonly actor: ActorKey | 'fitting';
  readonly pick: number;
  readonly delayMs: number;
  readonly text: string;
  readonly days: number;
  readonly flag: boolean;
  readonly revision: 'current' | 'stale' | 'next';
  readonly when: 'due' | 'now';
  readonly clock: ClockKind | 'open';
  readonly timer: TimerKind;
  readonly outcome: BoardOutcome;
  readonly level: FailureLevel | null;
  readonly service: 'same' | 'other' | 'elsewhere';
  readonly amount: 'suggested' | 'remaining' | 'over' | 'half';
  readonly feesPence: number;
  readonly alreadyReimbursed: 0 | 0.5 | 0.9 | 1;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const stepArb: fc.Arbitrary<Step> = fc.record({
  flow: fc.constantFrom(true, true, true, false),
  type: fc.oneof(
    ...STEP_TYPES.map((type) => ({ weight: STEP_WEIGHTS[type], arbitrary: fc.constant(type) })),
  ),
  actor: fc.oneof(
    { weight: 4, arbitrary: fc.constant<'fitting'>('fitting') },
    { weight: 1, arbitrary: fc.constantFrom(...ACTOR_KEYS) },
  ),
  pick: fc.nat({ max: 11 }),
  delayMs: fc.oneof(
    fc.integer({ min: MINUTE, max: 10 * HOUR }),
    fc.integer({ min: HOUR, max: 3 * DAY }),
    fc.integer({ min: DAY, max: 12 * DAY }),
  ),
  text: fc.constantFrom('Because of the cancelled lessons', 'Dates', 'More time', '', '  '),
  days: fc.integer({ min: 0, max: 12 }),
  flag: fc.boolean(),
  revision: fc.constantFrom('current', 'current', 'current', 'stale', 'next'),
  when: fc.constantFrom('due', 'due', 'now'),
  clock: fc.constantFrom<ClockKind | 'open'>('open', 'open', ...CLOCK_KINDS),
  timer: fc.constantFrom<TimerKind>('deadline', 'deadline', 'warning'),
  outcome: fc.constantFrom(...BOARD_OUTCOMES),
  level: fc.option(fc.constantFrom(...FAILURE_LEVELS), { freq: 5 }),
  service: fc.constantFrom('same', 'same', 'other', 'elsewhere'),
  amount: fc.constantFrom('suggested', 'suggested', 'remaining', 'over', 'half'),
  feesPence: fc.integer({ min: 1, max: 2_000_000 }),
  alreadyReimbursed: fc.constantFrom(0, 0, 0.5, 0.9, 1),
});

const startArb = fc
  .integer({
    min: Date.parse('2024-01-01T00:00:00.000Z'),
    max: Date.parse('2026-11-30T00:00:00.000Z'),
  })
  .map((ms) => new Date(ms).toISOString());

const lodgeArb = fc.record({
  actor: fc.constantFrom<ActorKey>('staff', 'support'),
  channel: fc.constantFrom(...CHANNELS),
  named: fc.boolean(),
});

const iso = (ms: number) => new Date(ms).toISOString();

/** The clock a timer step is about: the one that is open (running or paused), or a named one. */
function clockOf(step: Step, state: ComplaintState): ClockKind {
  if (step.clock !== 'open') return step.clock;
  if (!state.exists) return 'triage';
  return (
    CLOCK_KINDS.find((kind) => state.clocks[kind] && state.clocks[kind].status !== 'stopped') ??
    'resolution'
  );
}

function commandFor(
  given: Step,
  index: number,
  state: ComplaintState,
  previousAt: number,
): ComplaintCommand {
  const next = state.exists ? FLOW[state.status] : null;
  const step: Step =
    given.flow && next ? { ...given, type: next[given.pick % next.length], clock: 'open' } : given;
  const fitting = FITTING[step.type];
  const actor = ACTORS[step.actor === 'fitting' ? fitting[step.pick % fitting.length] : step.actor];
  const complaint = state.exists ? state : null;
  let atMs = previousAt + step.delayMs;
  const issued = () => ({ actor, at: iso(atMs) });
  const reason = step.text;
  const proposalId =
    step.revision === 'stale' ? 'p-unknown' : (complaint?.proposal?.proposalId ?? 'p-none');

  switch (step.type) {
    case 'LodgeComplaint':
      return lodgeCommand({ ...issued() });
    case 'ReferComplaint':
      return {
        type: step.type,
        ...issued(),
        serviceId: step.service === 'other' ? OTHER_SERVICE : null,
        note: step.flag ? reason : null,
      };
    case 'RerouteComplaint':
      return {
        type: step.type,
        ...issued(),
        toServiceId:
          step.service === 'same'
            ? SERVICE
            : step.service === 'other'
              ? OTHER_SERVICE
              : 'outdoor-education',
        reason,
      };
    case 'ReclassifyAsServiceRequest':
    case 'RejectAsOutOfScope':
      return { type: step.type, ...issued(), reason };
    case 'MarkAsDuplicate':
      return {
        type: step.type,
        ...issued(),
        duplicateOf: 'SG-2025-000001',
        reason: step.flag ? reason : null,
      };
    case 'WithdrawComplaint':
      return { type: step.type, ...issued(), reason: step.flag ? reason : null };
    case 'RecordContact':
      return {
        type: step.type,
        ...issued(),
        contactedAt: iso(atMs - step.days * HOUR),
        method: 'phone',
        note: reason,
      };
    case 'RequestInformation':
      return { type: step.type, ...issued(), question: reason };
    case 'RecordInformationReceived':
      return { type: step.type, ...issued(), summary: reason };
    case 'AgreeExtension':
      return {
        type: step.type,
        ...issued(),
        extraWorkingDays: step.days,
        reason,
        consent: step.flag ? { givenBy: 'Asha Head', givenAt: iso(atMs), method: 'phone' } : null,
      };
    case 'ProposeResolution':
      return { type: step.type, ...issued(), resolution: reason };
    case 'ConfirmResolution':
      return { type: step.type, ...issued() };
    case 'DisputeResolution':
      return { type: step.type, ...issued(), reason };
    case 'ReachDeadline': {
      const kind = clockOf(step, state);
      const clock = complaint?.clocks[kind];
      const current = clock?.timing.revision ?? 1;
      const instant = step.timer === 'warning' ? clock?.timing.warningAt : clock?.timing.deadline;
      // A timer fires at its instant, give or take the worker's delay; or whenever (early).
      if (step.when === 'due' && instant) {
        atMs = Math.max(previousAt + MINUTE, Date.parse(instant) + (step.delayMs % HOUR));
      }
      return {
        type: step.type,
        ...issued(),
        clock: kind,
        revision:
          step.revision === 'current'
            ? current
            : step.revision === 'stale'
              ? current - 1
              : current + 1,
        timer: step.timer,
      };
    }
    case 'RecordBoardDecision':
      return {
        type: step.type,
        ...issued(),
        outcome: step.outcome,
        failureLevel: step.level,
        rationale: reason,
      };
    case 'CloseWithoutReimbursement':
      return { type: step.type, ...issued(), reason };
    case 'ProposeReimbursement': {
      const fees = step.feesPence;
      const reimbursed = Math.floor(fees * step.alreadyReimbursed);
      const level = complaint?.board?.failureLevel;
      const suggested = level ? percentOf(fees, complaint.policy.reimbursementSchedule[level]) : 1;
      const remaining = fees - reimbursed;
      const amountPence = {
        suggested,
        remaining,
        over: remaining + 1,
        half: Math.floor(suggested / 2),
      }[step.amount];
      return {
        type: step.type,
        ...issued(),
        proposalId: `p-${index}`,
        amountPence,
        basis: {
          kind: step.flag ? 'contract' : 'booking',
          id: `fees-${index}`,
          feesPaidPence: fees,
          schoolUrn: complaint?.schoolUrn ?? 'unknown',
          serviceId:
            step.service === 'elsewhere' ? 'outdoor-education' : (complaint?.serviceId ?? SERVICE),
          reimbursedPence: reimbursed,
        },
        overrideReason: step.flag ? 'Board judgement' : null,
      };
    }
    case 'ApproveReimbursement':
      return { type: step.type, ...issued(), proposalId };
    case 'DeclineReimbursement':
      return { type: step.type, ...issued(), proposalId, reason };
    case 'RecordReimbursementPaid':
      return {
        type: step.type,
        ...issued(),
        proposalId,
        method: step.flag ? 'bank-payment' : 'credit-note',
        paymentReference: step.flag ? 'BACS-1' : reason,
        paidOn: iso(atMs).slice(0, 10),
      };
    case 'AddInternalNote':
      return { type: step.type, ...issued(), noteId: `n-${index}`, text: reason };
    case 'SendMessage':
      return { type: step.type, ...issued(), messageId: `m-${index}`, text: reason };
  }
}

/** Decides, treating a DomainError as "refused"; anything else thrown is a failure. */
function attempt(command: ComplaintCommand, state: ComplaintState): ComplaintEvent[] | null {
  try {
    return decide(command, state, context);
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

// ---- The invariants -------------------------------------------------------------------------------

interface Watch {
  closures: number;
  revisions: Partial<Record<ClockKind, number>>;
  bases: Map<string, { feesPaidPence: number; reimbursedPence: number }>;
}

const AFTER_CLOSURE = new Set<ComplaintEvent['type']>(['InternalNoteAdded', 'MessageSent']);

/** Checks each new event against the state just before it, then the state after all of them. */
function checkStep(
  command: ComplaintCommand,
  before: ComplaintState,
  events: ComplaintEvent[],
  watch: Watch,
): ComplaintState {
  let state = before;
  for (const event of events) {
    if (watch.closures > 0)
      expect(AFTER_CLOSURE.has(event.type) ? event.type : `${event.type} after closure`).toBe(
        event.type,
      );
    const clocks = state.exists ? state.clocks : {};
    switch (event.type) {
      case 'ComplaintClosed':
        watch.closures += 1;
        expect(watch.closures).toBe(1);
        break;
      case 'ClockStarted': {
        const { clock, timing } = event.data;
        // Never two clocks of one kind: a clock starts only if that kind is not already open.
        expect(clocks[clock]?.status ?? 'stopped').toBe('stopped');
        expect(timing.revision).toBeGreaterThan(watch.revisions[clock] ?? 0);
        watch.revisions[clock] = timing.revision;
        break;
      }
      case 'ClockPaused':
      case 'ClockResumed':
      case 'ClockExtended': {
        const { clock } = event.data;
        const revision =
          event.type === 'ClockPaused' ? event.data.revision : event.data.timing.revision;
        expect(revision).toBeGreaterThan(watch.revisions[clock] ?? 0);
        watch.revisions[clock] = revision;
        break;
      }
      case 'ClockStopped':
      case 'DeadlineMissed':
      case 'DeadlineWarningIssued':
        expect(event.data.revision).toBe(clocks[event.data.clock]?.timing.revision);
        break;
      case 'ReimbursementProposed':
        if (command.type === 'ProposeReimbursement')
          watch.bases.set(event.data.proposalId, command.basis);
        break;
      case 'ReimbursementApproved': {
        const basis = watch.bases.get(event.data.proposalId)!;
        expect(event.data.amountPence).toBeLessThanOrEqual(
          basis.feesPaidPence - basis.reimbursedPence,
        );
        expect(new Set(event.data.approvers).size).toBe(event.data.approvers.length);
        const proposer = state.exists ? state.proposal?.proposedBy : undefined;
        expect(event.data.approvers).not.toContain(proposer);
        break;
      }
      default:
        break;
    }
    state = evolve(state, event);
  }

  if (state.exists) {
    const open = CLOCK_KINDS.filter(
      (kind) => state.clocks[kind] && state.clocks[kind].status !== 'stopped',
    );
    const running = open.filter((kind) => state.clocks[kind]!.status === 'running');
    expect(running.length).toBeLessThanOrEqual(1);
    if (state.status === 'closed') expect(open).toEqual([]);
    if (state.status === 'with-service') expect(state.clocks.resolution?.status).toBe('running');
    if (state.status === 'awaiting-school') expect(state.clocks.resolution?.status).toBe('paused');
    for (const kind of CLOCK_KINDS) {
      const revision = state.clocks[kind]?.timing.revision;
      if (revision !== undefined) expect(revision).toBe(watch.revisions[kind]);
    }
    if (state.proposal) {
      const { approvals, proposedBy } = state.proposal;
      expect(new Set(approvals).size).toBe(approvals.length);
      expect(approvals).not.toContain(proposedBy);
    }
  }
  return state;
}

describe('complaint properties', () => {
  it('hold after every accepted command of any realistic sequence', () => {
    fc.assert(
      fc.property(
        startArb,
        lodgeArb,
        fc.array(stepArb, { minLength: 5, maxLength: 60, size: 'max' }),
        (start, lodge, steps) => {
          const watch: Watch = { closures: 0, revisions: {}, bases: new Map() };
          const first = lodgeCommand({
            actor: ACTORS[lodge.actor],
            channel:
              lodge.actor === 'staff' && !['web-form', 'email'].includes(lodge.channel)
                ? 'email'
                : lodge.channel,
            serviceId: lodge.named ? SERVICE : null,
            at: start,
          });
          let state = checkStep(first, INITIAL_STATE, decide(first, INITIAL_STATE, context), watch);
          let at = Date.parse(start);
          steps.forEach((step, index) => {
            const command = commandFor(step, index, state, at);
            const events = attempt(command, state);
            if (events === null) return; // refused: nothing changes, time does not move on
            at = Date.parse(command.at);
            state = checkStep(command, state, events, watch);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  // Disputes reopen the clock with a fresh ClockStarted; the cap must hold across them.
  it('extensions never add more than the policy cap in all', () => {
    const loopStep = fc.oneof(
      fc.record({ kind: fc.constant('extend' as const), days: fc.integer({ min: 1, max: 10 }) }),
      fc.record({ kind: fc.constant('propose' as const), days: fc.constant(0) }),
      fc.record({ kind: fc.constant('dispute' as const), days: fc.constant(0) }),
    );
    fc.assert(
      fc.property(fc.array(loopStep, { minLength: 1, maxLength: 12 }), (steps) => {
        let history = referred();
        let at = Date.parse(REFERRED_AT);
        for (const step of steps) {
          at += HOUR;
          const issued = { at: iso(at) };
          const command: ComplaintCommand =
            step.kind === 'extend'
              ? {
                  type: 'AgreeExtension',
                  actor: HEAD,
                  ...issued,
                  extraWorkingDays: step.days,
                  reason: 'More time',
                  consent: null,
                }
              : step.kind === 'propose'
                ? {
                    type: 'ProposeResolution',
                    actor: MANAGER,
                    ...issued,
                    resolution: 'Rescheduled',
                  }
                : { type: 'DisputeResolution', actor: HEAD, ...issued, reason: 'Not enough' };
          const events = attempt(command, fold(history));
          if (events) history = [...history, ...events];
        }
        const extended = history.reduce(
          (total, event) =>
            total + (event.type === 'ExtensionAgreed' ? event.data.extraWorkingDays : 0),
          0,
        );
        expect(extended).toBeLessThanOrEqual(10);
      }),
      { numRuns: 200 },
    );
  });
});

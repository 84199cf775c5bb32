import { type ClockKind, type TimerKind } from '../clock';
import { type CommandOf } from '../commands';
import { type ComplaintEvent } from '../events';
import {
  BOARD_A,
  BOARD_TIMING,
  clockStopped,
  CONFIRMATION_TIMING,
  DEADLINE_WORKER,
  ESCALATED_AT,
  escalated,
  HEAD,
  lodged,
  MANAGER,
  referred,
  RESOLUTION_TIMING,
  resolutionProposed,
  SYSTEM_BY,
  TRIAGE_TIMING,
  withdrawn,
} from '../testing/fixtures';
import { andThen, fold, given } from '../testing/given-when-then';

const fire = (
  clock: ClockKind,
  at: string,
  revision = 1,
  timer: TimerKind = 'deadline',
): CommandOf<'ReachDeadline'> => ({
  type: 'ReachDeadline',
  actor: DEADLINE_WORKER,
  at,
  clock,
  revision,
  timer,
});

const JUST_BEFORE = '2025-05-06T22:59:59.999Z';

describe('ReachDeadline: the resolution deadline', () => {
  it('fired late, it escalates the complaint and starts the Board clock (20 days: Thu 5 June)', () => {
    given(...referred())
      .when(fire('resolution', ESCALATED_AT))
      .then(...escalated().slice(referred().length));
  });

  it('fired at the very instant of the deadline, it escalates', () => {
    const at = RESOLUTION_TIMING.deadline;
    given(...referred())
      .when(fire('resolution', at))
      .then(
        {
          type: 'DeadlineMissed',
          data: { clock: 'resolution', revision: 1, deadline: at, by: SYSTEM_BY, at },
        },
        clockStopped('resolution', 1, false, SYSTEM_BY, at),
        {
          type: 'ComplaintEscalated',
          data: { reason: 'resolution-deadline-missed', by: SYSTEM_BY, at },
        },
        {
          type: 'ClockStarted',
          data: {
            clock: 'board-decision',
            // Day 0 is Wednesday 7 May in London, so the Board's target is the same as at 09:00.
            timing: { ...BOARD_TIMING, anchor: at },
            by: SYSTEM_BY,
            at,
          },
        },
      );
  });

  it('fired early, it does nothing', () => {
    given(...referred())
      .when(fire('resolution', JUST_BEFORE))
      .thenNothing();
  });

  it('fired twice, it escalates once', () => {
    given(...escalated())
      .when(fire('resolution', '2025-05-07T08:00:05.000Z'))
      .thenNothing();
  });

  it('for a clock an extension moved (stale revision), it does nothing', () => {
    const extended = andThen(referred(), {
      type: 'AgreeExtension',
      actor: HEAD,
      at: '2025-04-24T10:00:00.000Z',
      extraWorkingDays: 5,
      reason: 'Staff sickness',
      consent: null,
    });
    given(...extended)
      .when(fire('resolution', ESCALATED_AT, 1))
      .thenNothing();
    // The new timer: early at the old deadline, effective at the new one (Tue 13 May).
    given(...extended)
      .when(fire('resolution', ESCALATED_AT, 2))
      .thenNothing();
    given(...extended)
      .when(fire('resolution', '2025-05-13T23:00:00.000Z', 2))
      .thenMatch(
        {
          type: 'DeadlineMissed',
          data: { clock: 'resolution', revision: 2, deadline: '2025-05-13T23:00:00.000Z' },
        },
        { type: 'ClockStopped', data: { clock: 'resolution', revision: 2, metDeadline: false } },
        { type: 'ComplaintEscalated' },
        { type: 'ClockStarted', data: { clock: 'board-decision' } },
      );
  });

  it('for a revision the clock has not reached, it does nothing', () => {
    given(...referred())
      .when(fire('resolution', ESCALATED_AT, 2))
      .thenNothing();
  });

  it('while the clock is paused awaiting the school, it does nothing', () => {
    const paused = andThen(referred(), {
      type: 'RequestInformation',
      actor: MANAGER,
      at: '2025-04-23T13:00:00.000Z',
      question: 'Which dates?',
    });
    given(...paused)
      .when(fire('resolution', ESCALATED_AT, 1))
      .thenNothing();
    given(...paused)
      .when(fire('resolution', ESCALATED_AT, 2))
      .thenNothing();
  });

  it('after a pause and resume, the old timer is stale and the new one fires at the moved deadline', () => {
    let history = andThen(referred(), {
      type: 'RequestInformation',
      actor: MANAGER,
      at: '2025-04-23T13:00:00.000Z',
      question: 'Which dates?',
    });
    history = andThen(history, {
      type: 'RecordInformationReceived',
      actor: HEAD,
      at: '2025-04-28T09:00:00.000Z',
      summary: 'Dates sent',
    });
    given(...history)
      .when(fire('resolution', ESCALATED_AT, 1))
      .thenNothing();
    given(...history)
      .when(fire('resolution', '2025-05-09T22:59:59.999Z', 3))
      .thenNothing();
    given(...history)
      .when(fire('resolution', '2025-05-09T23:00:00.000Z', 3))
      .thenMatch(
        { type: 'DeadlineMissed', data: { revision: 3, deadline: '2025-05-09T23:00:00.000Z' } },
        { type: 'ClockStopped' },
        { type: 'ComplaintEscalated' },
        { type: 'ClockStarted' },
      );
  });

  it('once the resolution is proposed (clock stopped), it does nothing', () => {
    given(...resolutionProposed())
      .when(fire('resolution', ESCALATED_AT))
      .thenNothing();
  });

  it('on a closed complaint, it does nothing', () => {
    given(...withdrawn())
      .when(fire('resolution', ESCALATED_AT))
      .thenNothing();
  });

  it('for a complaint that does not exist, it does nothing', () => {
    given().when(fire('resolution', ESCALATED_AT)).thenNothing();
  });

  it('for a clock that never started, it does nothing', () => {
    given(...referred())
      .when(fire('board-decision', '2025-12-01T00:00:00.000Z'))
      .thenNothing();
  });

  it.each([
    ['a service manager', MANAGER],
    ['a Board member', BOARD_A],
    ['school staff', HEAD],
  ])('%s may not report a deadline', (_, actor) => {
    given(...referred())
      .when({ ...fire('resolution', ESCALATED_AT), actor })
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });
});

describe('ReachDeadline: the warning timer', () => {
  const WARNING_AT = RESOLUTION_TIMING.warningAt!; // end of Thu 1 May 2025: 2 working days left

  it('warns when two working days are left', () => {
    given(...referred())
      .when(fire('resolution', WARNING_AT, 1, 'warning'))
      .then({
        type: 'DeadlineWarningIssued',
        data: {
          clock: 'resolution',
          revision: 1,
          dueDate: '2025-05-06',
          deadline: '2025-05-06T23:00:00.000Z',
          by: SYSTEM_BY,
          at: WARNING_AT,
        },
      });
  });

  it('fired early, it does nothing', () => {
    given(...referred())
      .when(fire('resolution', '2025-05-01T22:59:59.999Z', 1, 'warning'))
      .thenNothing();
  });

  it('fired twice, it warns once', () => {
    const warned = andThen(referred(), fire('resolution', WARNING_AT, 1, 'warning'));
    given(...warned)
      .when(fire('resolution', '2025-05-02T08:00:00.000Z', 1, 'warning'))
      .thenNothing();
  });

  it('fired after the deadline was missed, it does nothing', () => {
    given(...escalated())
      .when(fire('resolution', '2025-05-07T09:00:00.000Z', 1, 'warning'))
      .thenNothing();
  });

  it('a warning timer does not escalate, even after the deadline', () => {
    given(...referred())
      .when(fire('resolution', ESCALATED_AT, 1, 'warning'))
      .thenMatch({ type: 'DeadlineWarningIssued' });
  });

  it('after an extension the old warning is stale and the new one warns again for the new deadline', () => {
    let history = andThen(referred(), fire('resolution', WARNING_AT, 1, 'warning'));
    history = andThen(history, {
      type: 'AgreeExtension',
      actor: HEAD,
      at: '2025-05-02T08:00:00.000Z',
      extraWorkingDays: 5,
      reason: 'Staff sickness',
      consent: null,
    });
    given(...history)
      .when(fire('resolution', '2025-05-09T23:00:00.000Z', 1, 'warning'))
      .thenNothing();
    given(...history)
      .when(fire('resolution', '2025-05-09T23:00:00.000Z', 2, 'warning'))
      .thenMatch({
        type: 'DeadlineWarningIssued',
        data: { revision: 2, dueDate: '2025-05-13', deadline: '2025-05-13T23:00:00.000Z' },
      });
  });

  // The reopened clock keeps its deadline, so the school's earlier warning still stands.
  it('a clock reopened by a dispute does not warn twice about the same deadline', () => {
    let history = andThen(referred(), fire('resolution', WARNING_AT, 1, 'warning'));
    history = andThen(history, {
      type: 'ProposeResolution',
      actor: MANAGER,
      at: '2025-05-02T08:00:00.000Z',
      resolution: 'Lessons rescheduled',
    });
    history = andThen(history, {
      type: 'DisputeResolution',
      actor: HEAD,
      at: '2025-05-02T10:00:00.000Z',
      reason: 'Not suitable',
    });
    given(...history)
      .when(fire('resolution', '2025-05-02T10:00:01.000Z', 2, 'warning'))
      .thenNothing();
  });

  it.each(['triage', 'school-confirmation', 'board-decision'] as const)(
    'the %s clock has no warning',
    (clock) => {
      const history: Record<typeof clock, ComplaintEvent[]> = {
        triage: lodged(),
        'school-confirmation': resolutionProposed(),
        'board-decision': escalated(),
      };
      given(...history[clock])
        .when(fire(clock, '2025-12-31T00:00:00.000Z', 1, 'warning'))
        .thenNothing();
    },
  );
});

describe('ReachDeadline: the other clocks', () => {
  it('a missed triage deadline is recorded, and the complaint stays in triage', () => {
    const at = '2025-04-18T00:00:00.000Z';
    const events = given(...lodged())
      .when(fire('triage', at))
      .then({
        type: 'DeadlineMissed',
        data: { clock: 'triage', revision: 1, deadline: TRIAGE_TIMING.deadline, by: SYSTEM_BY, at },
      });
    expect(fold([...lodged(), ...events])).toMatchObject({
      status: 'lodged',
      clocks: { triage: { status: 'running', missed: true } },
    });
  });

  it('the triage deadline fired twice is recorded once', () => {
    const history = andThen(lodged(), fire('triage', '2025-04-18T00:00:00.000Z'));
    given(...history)
      .when(fire('triage', '2025-04-18T00:01:00.000Z'))
      .thenNothing();
  });

  it('the triage deadline fired early does nothing', () => {
    given(...lodged())
      .when(fire('triage', '2025-04-17T22:59:59.999Z'))
      .thenNothing();
  });

  it('the triage deadline after referral does nothing', () => {
    given(...referred())
      .when(fire('triage', '2025-04-18T00:00:00.000Z'))
      .thenNothing();
  });

  it('the school-confirmation deadline closes the complaint as resolved (deemed)', () => {
    const at = '2025-05-08T07:00:00.000Z';
    given(...resolutionProposed())
      .when(fire('school-confirmation', at))
      .then(
        {
          type: 'DeadlineMissed',
          data: {
            clock: 'school-confirmation',
            revision: 1,
            deadline: CONFIRMATION_TIMING.deadline,
            by: SYSTEM_BY,
            at,
          },
        },
        { type: 'ResolutionConfirmed', data: { deemed: true, by: SYSTEM_BY, at } },
        clockStopped('school-confirmation', 1, false, SYSTEM_BY, at),
        { type: 'ComplaintClosed', data: { outcome: 'resolved', by: SYSTEM_BY, at } },
      );
  });

  it('the school-confirmation deadline fired early does nothing', () => {
    given(...resolutionProposed())
      .when(fire('school-confirmation', '2025-05-07T22:59:59.999Z'))
      .thenNothing();
  });

  it('the school-confirmation deadline after the school answered does nothing', () => {
    const confirmed = andThen(resolutionProposed(), {
      type: 'ConfirmResolution',
      actor: HEAD,
      at: '2025-05-02T10:00:00.000Z',
    });
    given(...confirmed)
      .when(fire('school-confirmation', '2025-05-08T07:00:00.000Z'))
      .thenNothing();
    const disputed = andThen(resolutionProposed(), {
      type: 'DisputeResolution',
      actor: HEAD,
      at: '2025-05-02T10:00:00.000Z',
      reason: 'No',
    });
    given(...disputed)
      .when(fire('school-confirmation', '2025-05-08T07:00:00.000Z'))
      .thenNothing();
  });

  it('the school-confirmation deadline fired twice closes once', () => {
    const closed = andThen(
      resolutionProposed(),
      fire('school-confirmation', '2025-05-08T07:00:00.000Z'),
    );
    given(...closed)
      .when(fire('school-confirmation', '2025-05-08T07:00:01.000Z'))
      .thenNothing();
  });

  it('a missed Board deadline is recorded; the Board can still decide', () => {
    const at = BOARD_TIMING.deadline;
    const history = andThen(escalated(), fire('board-decision', at));
    expect(history.at(-1)).toEqual({
      type: 'DeadlineMissed',
      data: { clock: 'board-decision', revision: 1, deadline: at, by: SYSTEM_BY, at },
    });
    given(...history)
      .when({
        type: 'RecordBoardDecision',
        actor: BOARD_A,
        at: '2025-06-10T10:00:00.000Z',
        outcome: 'not-upheld',
        failureLevel: null,
        rationale: 'Service delivered',
      })
      .thenMatch(
        { type: 'BoardDecisionRecorded' },
        { type: 'ClockStopped', data: { clock: 'board-decision', metDeadline: false } },
        { type: 'ComplaintClosed', data: { outcome: 'not-upheld' } },
      );
  });
});

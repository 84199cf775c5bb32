import { type ComplaintEvent } from '../events';
import {
  agreeExtension,
  BOARD_A,
  BOARD_TIMING,
  clockStopped,
  complaintClosed,
  CONFIRMATION_TIMING,
  confirmResolution,
  disputeResolution,
  ESCALATED_AT,
  escalated,
  HEAD,
  informationRequested,
  lodged,
  MANAGER,
  proposeResolution,
  reachDeadline,
  recordBoardDecision,
  recordInformationReceived,
  referred,
  RESOLUTION_TIMING,
  resolutionProposed,
  SYSTEM_BY,
  TRIAGE_TIMING,
  withdrawn,
} from '../testing/fixtures';
import { andThen, fold, given, itForbids } from '../testing/given-when-then';

const JUST_BEFORE = '2025-05-06T22:59:59.999Z';

describe('ReachDeadline: the resolution deadline', () => {
  it('fired late, it escalates the complaint and starts the Board clock (20 days: Thu 5 June)', () => {
    given(...referred())
      .when(reachDeadline('resolution', ESCALATED_AT))
      .then(...escalated().slice(referred().length));
  });

  it('fired at the very instant of the deadline, it escalates', () => {
    const at = RESOLUTION_TIMING.deadline;
    given(...referred())
      .when(reachDeadline('resolution', at))
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

  it('for a clock an extension moved (stale revision), it does nothing', () => {
    const extended = andThen(referred(), agreeExtension({ actor: HEAD, consent: null }));
    given(...extended)
      .when(reachDeadline('resolution', ESCALATED_AT, 1))
      .thenNothing();
    // The new timer: early at the old deadline, effective at the new one (Tue 13 May).
    given(...extended)
      .when(reachDeadline('resolution', ESCALATED_AT, 2))
      .thenNothing();
    given(...extended)
      .when(reachDeadline('resolution', '2025-05-13T23:00:00.000Z', 2))
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

  it('while the clock is paused awaiting the school, it does nothing', () => {
    for (const revision of [1, 2]) {
      given(...informationRequested())
        .when(reachDeadline('resolution', ESCALATED_AT, revision))
        .thenNothing();
    }
  });

  it('after a pause and resume, the old timer is stale and the new one fires at the moved deadline', () => {
    const history = andThen(informationRequested(), recordInformationReceived({ actor: HEAD }));
    given(...history)
      .when(reachDeadline('resolution', ESCALATED_AT, 1))
      .thenNothing();
    given(...history)
      .when(reachDeadline('resolution', '2025-05-09T22:59:59.999Z', 3))
      .thenNothing();
    given(...history)
      .when(reachDeadline('resolution', '2025-05-09T23:00:00.000Z', 3))
      .thenMatch(
        { type: 'DeadlineMissed', data: { revision: 3, deadline: '2025-05-09T23:00:00.000Z' } },
        { type: 'ClockStopped' },
        { type: 'ComplaintEscalated' },
        { type: 'ClockStarted' },
      );
  });

  it.each([
    ['fired early, it does nothing', referred(), reachDeadline('resolution', JUST_BEFORE)],
    [
      'fired twice, it escalates once',
      escalated(),
      reachDeadline('resolution', '2025-05-07T08:00:05.000Z'),
    ],
    [
      'for a revision the clock has not reached, it does nothing',
      referred(),
      reachDeadline('resolution', ESCALATED_AT, 2),
    ],
    [
      'once the resolution is proposed (clock stopped), it does nothing',
      resolutionProposed(),
      reachDeadline('resolution', ESCALATED_AT),
    ],
    [
      'on a closed complaint, it does nothing',
      withdrawn(),
      reachDeadline('resolution', ESCALATED_AT),
    ],
    [
      'for a complaint that does not exist, it does nothing',
      [],
      reachDeadline('resolution', ESCALATED_AT),
    ],
    [
      'for a clock that never started, it does nothing',
      referred(),
      reachDeadline('board-decision', '2025-12-01T00:00:00.000Z'),
    ],
  ])('%s', (_, history, timer) => {
    given(...history)
      .when(timer)
      .thenNothing();
  });

  itForbids(
    '%s may not report a deadline',
    referred(),
    (actor) => ({ ...reachDeadline('resolution', ESCALATED_AT), actor }),
    { 'a service manager': MANAGER, 'a Board member': BOARD_A, 'school staff': HEAD },
  );
});

describe('ReachDeadline: the warning timer', () => {
  const WARNING_AT = RESOLUTION_TIMING.warningAt!; // end of Thu 1 May 2025: 2 working days left

  it('warns when two working days are left', () => {
    given(...referred())
      .when(reachDeadline('resolution', WARNING_AT, 1, 'warning'))
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

  it.each([
    [
      'fired early, it does nothing',
      referred(),
      reachDeadline('resolution', '2025-05-01T22:59:59.999Z', 1, 'warning'),
    ],
    [
      'fired twice, it warns once',
      andThen(referred(), reachDeadline('resolution', WARNING_AT, 1, 'warning')),
      reachDeadline('resolution', '2025-05-02T08:00:00.000Z', 1, 'warning'),
    ],
    [
      'fired after the deadline was missed, it does nothing',
      escalated(),
      reachDeadline('resolution', '2025-05-07T09:00:00.000Z', 1, 'warning'),
    ],
  ])('%s', (_, history, timer) => {
    given(...history)
      .when(timer)
      .thenNothing();
  });

  it('a warning timer does not escalate, even after the deadline', () => {
    given(...referred())
      .when(reachDeadline('resolution', ESCALATED_AT, 1, 'warning'))
      .thenMatch({ type: 'DeadlineWarningIssued' });
  });

  it('after an extension the old warning is stale and the new one warns again for the new deadline', () => {
    let history = andThen(referred(), reachDeadline('resolution', WARNING_AT, 1, 'warning'));
    history = andThen(
      history,
      agreeExtension({ actor: HEAD, at: '2025-05-02T08:00:00.000Z', consent: null }),
    );
    given(...history)
      .when(reachDeadline('resolution', '2025-05-09T23:00:00.000Z', 1, 'warning'))
      .thenNothing();
    given(...history)
      .when(reachDeadline('resolution', '2025-05-09T23:00:00.000Z', 2, 'warning'))
      .thenMatch({
        type: 'DeadlineWarningIssued',
        data: { revision: 2, dueDate: '2025-05-13', deadline: '2025-05-13T23:00:00.000Z' },
      });
  });

  // The reopened clock keeps its deadline, so the school's earlier warning still stands.
  it('a clock reopened by a dispute does not warn twice about the same deadline', () => {
    let history = andThen(referred(), reachDeadline('resolution', WARNING_AT, 1, 'warning'));
    history = andThen(history, proposeResolution({ at: '2025-05-02T08:00:00.000Z' }));
    history = andThen(history, disputeResolution());
    given(...history)
      .when(reachDeadline('resolution', '2025-05-02T10:00:01.000Z', 2, 'warning'))
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
        .when(reachDeadline(clock, '2025-12-31T00:00:00.000Z', 1, 'warning'))
        .thenNothing();
    },
  );
});

describe('ReachDeadline: the other clocks', () => {
  it('a missed triage deadline is recorded, and the complaint stays in triage', () => {
    const at = '2025-04-18T00:00:00.000Z';
    const events = given(...lodged())
      .when(reachDeadline('triage', at))
      .then({
        type: 'DeadlineMissed',
        data: { clock: 'triage', revision: 1, deadline: TRIAGE_TIMING.deadline, by: SYSTEM_BY, at },
      });
    expect(fold([...lodged(), ...events])).toMatchObject({
      status: 'lodged',
      clocks: { triage: { status: 'running', missed: true } },
    });
  });

  it.each([
    [
      'the triage deadline fired twice is recorded once',
      andThen(lodged(), reachDeadline('triage', '2025-04-18T00:00:00.000Z')),
      reachDeadline('triage', '2025-04-18T00:01:00.000Z'),
    ],
    [
      'the triage deadline fired early does nothing',
      lodged(),
      reachDeadline('triage', '2025-04-17T22:59:59.999Z'),
    ],
    [
      'the triage deadline after referral does nothing',
      referred(),
      reachDeadline('triage', '2025-04-18T00:00:00.000Z'),
    ],
    [
      'the school-confirmation deadline fired early does nothing',
      resolutionProposed(),
      reachDeadline('school-confirmation', '2025-05-07T22:59:59.999Z'),
    ],
    [
      'the school-confirmation deadline fired twice closes once',
      andThen(
        resolutionProposed(),
        reachDeadline('school-confirmation', '2025-05-08T07:00:00.000Z'),
      ),
      reachDeadline('school-confirmation', '2025-05-08T07:00:01.000Z'),
    ],
  ])('%s', (_, history, timer) => {
    given(...history)
      .when(timer)
      .thenNothing();
  });

  it('the school-confirmation deadline closes the complaint as resolved (deemed)', () => {
    const at = '2025-05-08T07:00:00.000Z';
    given(...resolutionProposed())
      .when(reachDeadline('school-confirmation', at))
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
        complaintClosed('resolved', SYSTEM_BY, at),
      );
  });

  it('the school-confirmation deadline after the school answered does nothing', () => {
    const confirmed = andThen(resolutionProposed(), confirmResolution());
    given(...confirmed)
      .when(reachDeadline('school-confirmation', '2025-05-08T07:00:00.000Z'))
      .thenNothing();
    const disputed = andThen(resolutionProposed(), disputeResolution());
    given(...disputed)
      .when(reachDeadline('school-confirmation', '2025-05-08T07:00:00.000Z'))
      .thenNothing();
  });

  it('a missed Board deadline is recorded; the Board can still decide', () => {
    const at = BOARD_TIMING.deadline;
    const history = andThen(escalated(), reachDeadline('board-decision', at));
    expect(history.at(-1)).toEqual({
      type: 'DeadlineMissed',
      data: { clock: 'board-decision', revision: 1, deadline: at, by: SYSTEM_BY, at },
    });
    given(...history)
      .when(
        recordBoardDecision({
          at: '2025-06-10T10:00:00.000Z',
          outcome: 'not-upheld',
          failureLevel: null,
        }),
      )
      .thenMatch(
        { type: 'BoardDecisionRecorded' },
        { type: 'ClockStopped', data: { clock: 'board-decision', metDeadline: false } },
        { type: 'ComplaintClosed', data: { outcome: 'not-upheld' } },
      );
  });
});

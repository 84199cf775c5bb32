import { type ClockKind, type ClockTiming, timeClock } from '../clocks';
import { type ComplaintEvent, type ContactPerson } from '../events';
import { type OpenComplaint } from '../state';
import {
  agreeExtension,
  APPROVED_AT,
  BOARD_A,
  BOARD_TIMING,
  boardDecided,
  changeSchoolContact,
  clockStarted,
  clockStopped,
  complaintClosed,
  CONFIRMATION_TIMING,
  confirmResolution,
  DECIDED_AT,
  disputeResolution,
  escalated,
  HEAD,
  informationRequested,
  LATE_TIMER_AT,
  lodged,
  MANAGER,
  PROPOSAL_AT,
  proposeResolution,
  reachDeadline,
  PROPOSED_AT,
  recordResolutionReturned,
  recordResolutionSent,
  recordBoardDecision,
  recordInformationReceived,
  requestInformation,
  recordReimbursementPaid,
  REFERRED_AT,
  referred,
  reimbursementApproved,
  reimbursementProposed,
  REIMBURSEMENT_APPROVAL_TIMING,
  REIMBURSEMENT_PAYMENT_TIMING,
  REIMBURSEMENT_PROPOSAL_TIMING,
  RESOLUTION_TIMING,
  resolutionProposed,
  SCHOOL_REPLY_TIMING,
  SYSTEM_BY,
  LODGED_AT,
  TRIAGE_TIMING,
  withdrawComplaint,
  withdrawn,
} from '../testing/fixtures';
import { andThen, context, fold, given, itForbids } from '../testing/given-when-then';

const JUST_BEFORE = '2025-05-06T22:59:59.999Z';

describe('ReachDeadline: the resolution deadline', () => {
  it('fired late, it escalates the complaint as of the deadline and starts the Board clock there (20 days: Thu 5 June)', () => {
    given(...referred())
      .when(reachDeadline('resolution', LATE_TIMER_AT))
      .then(...escalated().slice(referred().length));
  });

  it('every event it records is dated at the deadline (London midnight ending Tue 6 May), not when the timer ran', () => {
    const at = RESOLUTION_TIMING.deadline;
    given(...referred())
      .when(reachDeadline('resolution', LATE_TIMER_AT))
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
        clockStarted('board-decision', BOARD_TIMING, SYSTEM_BY, at),
      );
  });

  it('fired at the very instant of the deadline, it escalates exactly as a late timer does', () => {
    given(...referred())
      .when(reachDeadline('resolution', RESOLUTION_TIMING.deadline))
      .then(...escalated().slice(referred().length));
  });

  // The Board's 20 days are counted from the deadline's day (Wed 7 May), not from the day the
  // worker caught up: a timer three days late must not give the Board three more days.
  it('fired days late (Fri 9 May), it still escalates as of the deadline: the Board is due Thu 5 June', () => {
    const events = given(...referred())
      .when(reachDeadline('resolution', '2025-05-09T15:00:00.000Z'))
      .then(...escalated().slice(referred().length));
    expect(fold([...referred(), ...events])).toMatchObject({
      status: 'escalated',
      clocks: {
        resolution: { status: 'stopped', missed: true, metDeadline: false },
        'board-decision': { status: 'running', timing: BOARD_TIMING },
      },
    });
  });

  it('for a clock an extension moved (stale revision), it does nothing', () => {
    const extended = andThen(referred(), agreeExtension({ actor: HEAD, consent: null }));
    given(...extended)
      .when(reachDeadline('resolution', LATE_TIMER_AT, 1))
      .thenNothing();
    // The new timer: early at the old deadline, effective at the new one (Tue 13 May).
    given(...extended)
      .when(reachDeadline('resolution', LATE_TIMER_AT, 2))
      .thenNothing();
    given(...extended)
      .when(reachDeadline('resolution', '2025-05-13T23:00:00.000Z', 2))
      .thenMatch(
        {
          type: 'DeadlineMissed',
          data: { clock: 'resolution', revision: 2, deadline: '2025-05-13T23:00:00.000Z' },
        },
        { type: 'ClockStopped', data: { clock: 'resolution', revision: 2, metDeadline: false } },
        { type: 'ComplaintEscalated', data: { reason: 'resolution-deadline-missed' } },
        { type: 'ClockStarted', data: { clock: 'board-decision' } },
      );
  });

  it('while the clock is paused awaiting the school, it does nothing', () => {
    for (const revision of [1, 2]) {
      given(...informationRequested())
        .when(reachDeadline('resolution', LATE_TIMER_AT, revision))
        .thenNothing();
    }
  });

  it('after a pause and resume, the old timer is stale and the new one fires at the moved deadline', () => {
    const history = andThen(informationRequested(), recordInformationReceived({ actor: HEAD }));
    given(...history)
      .when(reachDeadline('resolution', LATE_TIMER_AT, 1))
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
      reachDeadline('resolution', LATE_TIMER_AT, 2),
    ],
    [
      'once the resolution is proposed (clock stopped), it does nothing',
      resolutionProposed(),
      reachDeadline('resolution', LATE_TIMER_AT),
    ],
    [
      'on a closed complaint, it does nothing',
      withdrawn(),
      reachDeadline('resolution', LATE_TIMER_AT),
    ],
    [
      'for a complaint that does not exist, it does nothing',
      [],
      reachDeadline('resolution', LATE_TIMER_AT),
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
    (actor) => ({ ...reachDeadline('resolution', LATE_TIMER_AT), actor }),
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

  it('a warning timer does not escalate, and after the deadline warns of nothing: the miss is what is told', () => {
    given(...referred())
      .when(reachDeadline('resolution', LATE_TIMER_AT, 1, 'warning'))
      .thenNothing();
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

  // A clock no longer than the 2 days' warning warns with one working day left; one of a single
  // working day has no warning.
  it.each([
    [1, null],
    [2, '2025-04-16T23:00:00.000Z'],
    [3, '2025-04-16T23:00:00.000Z'],
  ])('a clock of %s working days from Tue 15 April warns at %s', (workingDays, warningAt) => {
    expect(timeClock(context.calendar, 1, LODGED_AT, workingDays, 2).warningAt).toBe(warningAt);
  });

  // A clock resumed with 2 days or fewer left keeps its warning 2 working days before the
  // deadline, at the end of the day it resumed on if need be (the trial's hour-long question on
  // day 8 had moved it to the morning of the due day); with none left, there is none.
  it.each([
    [0, null],
    [1, '2025-04-15T23:00:00.000Z'],
    [2, '2025-04-15T23:00:00.000Z'],
    [3, '2025-04-16T23:00:00.000Z'],
  ])(
    'a clock resumed on Tue 15 April with %s working days left warns at %s',
    (workingDays, warningAt) => {
      expect(
        timeClock(context.calendar, 1, LODGED_AT, workingDays, 2, { resumes: true }).warningAt,
      ).toBe(warningAt);
    },
  );

  // Every clock warns 2 working days before its deadline, or with one left if it is no longer. A
  // warning, unlike a deadline, is dated when the timer ran: here an hour after its instant.
  const WARNED: [string, ClockKind, ComplaintEvent[], ClockTiming][] = [
    ['triage (Wed 16 April for Thu 17 April)', 'triage', lodged(), TRIAGE_TIMING],
    [
      "the school's reply (Tue 6 May for Thu 8 May)",
      'school-reply',
      informationRequested(),
      SCHOOL_REPLY_TIMING,
    ],
    [
      "the school's confirmation (Fri 2 May for Wed 7 May)",
      'school-confirmation',
      resolutionProposed(),
      CONFIRMATION_TIMING,
    ],
    [
      "the Board's decision (Tue 3 June for Thu 5 June)",
      'board-decision',
      escalated(),
      BOARD_TIMING,
    ],
    [
      'the reimbursement proposal (Fri 23 May for Wed 28 May)',
      'reimbursement-proposal',
      boardDecided(),
      REIMBURSEMENT_PROPOSAL_TIMING,
    ],
    [
      'the reimbursement approval (Tue 3 June for Thu 5 June)',
      'reimbursement-approval',
      reimbursementProposed(),
      REIMBURSEMENT_APPROVAL_TIMING,
    ],
    [
      'the reimbursement payment (Thu 19 June for Mon 23 June)',
      'reimbursement-payment',
      reimbursementApproved(),
      REIMBURSEMENT_PAYMENT_TIMING,
    ],
  ];

  it.each(WARNED)('warns of %s', (_, clock, history, timing) => {
    const at = new Date(Date.parse(timing.warningAt!) + 60 * 60_000).toISOString();
    given(...history)
      .when(reachDeadline(clock, at, 1, 'warning'))
      .then({
        type: 'DeadlineWarningIssued',
        data: {
          clock,
          revision: 1,
          dueDate: timing.dueDate,
          deadline: timing.deadline,
          by: SYSTEM_BY,
          at,
        },
      });
  });

  it.each(WARNED)('does not warn of %s early, nor twice', (_, clock, history, timing) => {
    const early = new Date(Date.parse(timing.warningAt!) - 1).toISOString();
    given(...history)
      .when(reachDeadline(clock, early, 1, 'warning'))
      .thenNothing();
    const warned = andThen(history, reachDeadline(clock, timing.warningAt!, 1, 'warning'));
    expect((fold(warned) as OpenComplaint).clocks[clock]).toMatchObject({ warned: true });
    given(...warned)
      .when(reachDeadline(clock, timing.deadline, 1, 'warning'))
      .thenNothing();
  });
});

describe('ReachDeadline: the other clocks', () => {
  it('a missed triage deadline is recorded as of the deadline, and the complaint stays in triage', () => {
    const deadline = TRIAGE_TIMING.deadline;
    const events = given(...lodged())
      .when(reachDeadline('triage', '2025-04-18T00:00:00.000Z'))
      .then({
        type: 'DeadlineMissed',
        data: { clock: 'triage', revision: 1, deadline, by: SYSTEM_BY, at: deadline },
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

  it('the school-confirmation deadline closes the complaint as resolved (deemed), as of the deadline, once the school was sent the proposal', () => {
    const sent = andThen(resolutionProposed(), recordResolutionSent());
    const window = (fold(sent) as OpenComplaint).clocks['school-confirmation']!;
    const { deadline: at, revision } = window.timing;
    given(...sent)
      .when(reachDeadline('school-confirmation', '2025-05-08T07:00:00.000Z', revision))
      .then(
        {
          type: 'DeadlineMissed',
          data: {
            clock: 'school-confirmation',
            revision,
            deadline: at,
            by: SYSTEM_BY,
            at,
          },
        },
        // Deemed by the school's silence: no one gave consent, so none is recorded.
        { type: 'ResolutionConfirmed', data: { deemed: true, consent: null, by: SYSTEM_BY, at } },
        clockStopped('school-confirmation', revision, false, SYSTEM_BY, at),
        complaintClosed('resolved', SYSTEM_BY, at),
      );
  });

  it('the proposal mailed later on the day the window began leaves the window as it was', () => {
    const sentAt = '2025-04-29T16:30:00.000Z';
    given(...resolutionProposed())
      .when(recordResolutionSent({ at: sentAt, sentAt }))
      .then({ type: 'ResolutionSentToSchool', data: { sentAt, by: SYSTEM_BY, at: sentAt } });
  });

  it('the window counts from when the proposal was sent: sent the next morning, it closes a day later', () => {
    const sentAt = '2025-04-30T07:00:00.000Z';
    const sent = andThen(resolutionProposed(), recordResolutionSent({ sentAt }));
    const window = (fold(sent) as OpenComplaint).clocks['school-confirmation']!;
    expect(window.timing.anchor).toBe(sentAt);
    expect(window.timing.deadline > CONFIRMATION_TIMING.deadline).toBe(true);
    // The old window's timer is stale now; its deadline is not the school's any more.
    given(...sent)
      .when(reachDeadline('school-confirmation', '2025-05-08T07:00:00.000Z', 1))
      .thenNothing();
    // Reported again, the sending changes nothing.
    given(...sent)
      .when(recordResolutionSent({ sentAt: '2025-05-01T07:00:00.000Z' }))
      .thenNothing();
  });

  /** Not the school's acceptance, with the service's deadline passed: on to the Board. */
  const NEVER_REACHED_LATE = [
    { type: 'DeadlineMissed', data: { clock: 'school-confirmation' } },
    { type: 'ResolutionNeverReachedSchool' },
    { type: 'ClockStopped', data: { clock: 'school-confirmation', metDeadline: false } },
    { type: 'ComplaintEscalated', data: { reason: 'resolution-deadline-missed' } },
    { type: 'ClockStarted', data: { clock: 'board-decision' } },
  ];
  /** The school's silence taken as acceptance. */
  const DEEMED_ACCEPTED = [
    { type: 'DeadlineMissed' },
    { type: 'ResolutionConfirmed', data: { deemed: true } },
    { type: 'ClockStopped' },
    { type: 'ComplaintClosed', data: { outcome: 'resolved' } },
  ];

  it('a school that was never sent the proposal is not deemed to accept it: the complaint goes back to the service, or on to the Board', () => {
    // The service's own deadline has passed by then, so the complaint goes on to the Board.
    given(...resolutionProposed())
      .when(reachDeadline('school-confirmation', '2025-05-08T07:00:00.000Z'))
      .thenMatch(...NEVER_REACHED_LATE);
  });

  describe("a proposal whose mail came back undelivered from the school's address", () => {
    const sent = andThen(resolutionProposed(), recordResolutionSent());
    const returned = andThen(sent, recordResolutionReturned());
    const windowClosed = (fold(sent) as OpenComplaint).clocks['school-confirmation']!.timing
      .deadline;

    it('is recorded, and the school is not deemed to accept it: its silence goes to the service or the Board', () => {
      // A later attempt at the same sending (the outbox sent again) is the same proposal's mail.
      given(...sent)
        .when(recordResolutionReturned({ sentAt: '2025-04-29T14:01:00.000Z' }))
        .thenMatch({ type: 'ResolutionMailReturned' });
      given(...sent)
        .when(recordResolutionReturned())
        .then({
          type: 'ResolutionMailReturned',
          data: {
            sentAt: PROPOSED_AT,
            status: '5.1.1',
            by: SYSTEM_BY,
            at: '2025-04-29T15:00:00.000Z',
          },
        });
      const window = (fold(returned) as OpenComplaint).clocks['school-confirmation']!;
      given(...returned)
        .when(reachDeadline('school-confirmation', window.timing.deadline, window.timing.revision))
        .thenMatch(...NEVER_REACHED_LATE);
    });

    it('sent again to a new contact, its window counts from that sending and ends in acceptance', () => {
      const resentAt = '2025-04-30T08:00:00.000Z';
      const resent = andThen(
        andThen(
          returned,
          changeSchoolContact({
            at: '2025-04-30T07:30:00.000Z',
            contact: { name: 'Dev Deputy', email: 'deputy@school.example' },
          }),
        ),
        recordResolutionSent({ at: resentAt, sentAt: resentAt }),
      );
      expect(resent.at(-1)).toMatchObject({
        type: 'ClockStarted',
        data: { clock: 'school-confirmation' },
      });
      const window = (fold(resent) as OpenComplaint).clocks['school-confirmation']!;
      expect(window.timing.anchor).toBe(resentAt);
      given(...resent)
        .when(reachDeadline('school-confirmation', window.timing.deadline, window.timing.revision))
        .thenMatch(...DEEMED_ACCEPTED);
    });

    it.each<[string, ComplaintEvent[], ReturnType<typeof recordResolutionReturned>]>([
      [
        'a return of a sending the window does not count from',
        sent,
        recordResolutionReturned({ sentAt: '2025-04-29T09:00:00.000Z' }),
      ],
      ['a second return of the same sending', returned, recordResolutionReturned()],
      ['a return of a proposal never sent', resolutionProposed(), recordResolutionReturned()],
      [
        'a return once the school has answered',
        andThen(sent, confirmResolution()),
        recordResolutionReturned(),
      ],
    ])('%s changes nothing', (_, history, command) => {
      given(...history)
        .when(command)
        .thenNothing();
    });

    it('a return once the window has closed is too late: the silence it ended was acceptance', () => {
      given(...sent)
        .when(recordResolutionReturned({ at: windowClosed }))
        .thenMatch(...DEEMED_ACCEPTED);
    });

    it('is not for a person to record', () => {
      given(...sent)
        .when(recordResolutionReturned({ actor: MANAGER }))
        .thenFails('NOT_AUTHORISED', 'forbidden');
    });
  });

  describe('a school whose contact changed while the proposal waited to be sent', () => {
    const WINDOW_CLOSED = '2025-05-08T07:00:00.000Z';
    const phoneOnly = { name: 'Bea Bursar', phone: '01772 123456' };
    const byPhone = resolutionProposed(
      referred(REFERRED_AT, RESOLUTION_TIMING, lodged({ contact: phoneOnly })),
    );
    /** Not the school's acceptance: on to the Board, whose clock starts. */
    const NEVER_REACHED = [
      { type: 'DeadlineMissed' },
      { type: 'ResolutionNeverReachedSchool' },
      { type: 'ClockStopped' },
      { type: 'ComplaintEscalated' },
      { type: 'ClockStarted', data: { clock: 'board-decision' } },
    ];
    const changedTo = (history: ComplaintEvent[], contact: ContactPerson) =>
      andThen(history, changeSchoolContact({ at: '2025-04-30T09:00:00.000Z', contact }));

    it('is not deemed to accept a proposal addressed by email that never went, though its new contact has no address', () => {
      given(...changedTo(resolutionProposed(), phoneOnly))
        .when(reachDeadline('school-confirmation', WINDOW_CLOSED))
        .thenMatch(...NEVER_REACHED);
    });

    it('with no address, it is never deemed to accept; given an address, once the mail went', () => {
      given(...byPhone)
        .when(reachDeadline('school-confirmation', WINDOW_CLOSED))
        .thenMatch(...NEVER_REACHED);
      const withAddress = changedTo(byPhone, {
        name: 'Dev Deputy',
        email: 'deputy@school.example',
      });
      given(...withAddress)
        .when(reachDeadline('school-confirmation', WINDOW_CLOSED))
        .thenMatch(...NEVER_REACHED);
      const sentAt = '2025-05-01T07:00:00.000Z';
      const sent = andThen(withAddress, recordResolutionSent({ sentAt }));
      const window = (fold(sent) as OpenComplaint).clocks['school-confirmation']!;
      given(...sent)
        .when(reachDeadline('school-confirmation', window.timing.deadline, window.timing.revision))
        .thenMatch(...DEEMED_ACCEPTED);
    });
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

describe("ReachDeadline: the school's reply window", () => {
  const LAPSED_AT = SCHOOL_REPLY_TIMING.deadline; // London midnight at the end of Thu 8 May
  /**
   * The 8 working days left on the resolution clock, counted from the reply deadline (its London
   * day, Fri 9 May, is day 0): 12–16, 19, 20, 21 May → due Wed 21 May. Warning with 2 days left:
   * end of day 6, Mon 19 May.
   */
  const RESUMED_AFTER_LAPSE: ClockTiming = {
    revision: 3,
    anchor: LAPSED_AT,
    workingDays: 8,
    dueDate: '2025-05-21',
    deadline: '2025-05-21T23:00:00.000Z',
    warningAt: '2025-05-19T23:00:00.000Z',
  };
  const lapse: ComplaintEvent[] = [
    {
      type: 'DeadlineMissed',
      data: {
        clock: 'school-reply',
        revision: 1,
        deadline: LAPSED_AT,
        by: SYSTEM_BY,
        at: LAPSED_AT,
      },
    },
    { type: 'InformationRequestLapsed', data: { by: SYSTEM_BY, at: LAPSED_AT } },
    clockStopped('school-reply', 1, false, SYSTEM_BY, LAPSED_AT),
    {
      type: 'ClockResumed',
      data: { clock: 'resolution', timing: RESUMED_AFTER_LAPSE, by: SYSTEM_BY, at: LAPSED_AT },
    },
  ];

  it('lapses unanswered: the request lapses and the resolution clock runs again with the 8 days that were left, counted from the reply deadline (due Wed 21 May)', () => {
    const events = given(...informationRequested())
      .when(reachDeadline('school-reply', '2025-05-09T07:00:00.000Z'))
      .then(...lapse);
    expect(fold([...informationRequested(), ...events])).toMatchObject({
      status: 'with-service',
      clocks: {
        resolution: { status: 'running', timing: RESUMED_AFTER_LAPSE, remainingWorkingDays: null },
        'school-reply': { status: 'stopped', missed: true, metDeadline: false },
      },
    });
  });

  it('a timer days late (Tue 13 May) lapses it just the same, as of the reply deadline', () => {
    given(...informationRequested())
      .when(reachDeadline('school-reply', '2025-05-13T10:00:00.000Z'))
      .then(...lapse);
  });

  it('fired at the very instant of the reply deadline, it lapses', () => {
    given(...informationRequested())
      .when(reachDeadline('school-reply', LAPSED_AT))
      .then(...lapse);
  });

  it('the resolution clock resumes with what was left and what was agreed while waiting', () => {
    // 5 more days agreed while paused: 13 left, from Fri 9 May: 12–16, 19–23, 27, 28, 29 May
    // (26th is a bank holiday) → due Thu 29 May.
    const extended = andThen(informationRequested(), agreeExtension());
    given(...extended)
      .when(reachDeadline('school-reply', LAPSED_AT))
      .thenMatch(
        { type: 'DeadlineMissed', data: { clock: 'school-reply' } },
        { type: 'InformationRequestLapsed' },
        { type: 'ClockStopped', data: { clock: 'school-reply', metDeadline: false } },
        {
          type: 'ClockResumed',
          data: {
            clock: 'resolution',
            timing: { revision: 4, anchor: LAPSED_AT, workingDays: 13, dueDate: '2025-05-29' },
          },
        },
      );
  });

  it('after the lapse the service may propose, and the resumed clock escalates at its new deadline', () => {
    const lapsed = [...informationRequested(), ...lapse];
    given(...lapsed)
      .when(proposeResolution({ at: '2025-05-12T10:00:00.000Z' }))
      .thenMatch(
        { type: 'ResolutionProposed' },
        { type: 'ClockStopped', data: { clock: 'resolution', revision: 3, metDeadline: true } },
        { type: 'ClockStarted', data: { clock: 'school-confirmation' } },
      );
    given(...lapsed)
      .when(reachDeadline('resolution', RESUMED_AFTER_LAPSE.deadline, 1))
      .thenNothing();
    given(...lapsed)
      .when(reachDeadline('resolution', RESUMED_AFTER_LAPSE.deadline, 3))
      .thenMatch(
        { type: 'DeadlineMissed', data: { clock: 'resolution', revision: 3 } },
        { type: 'ClockStopped', data: { clock: 'resolution', metDeadline: false } },
        { type: 'ComplaintEscalated', data: { reason: 'resolution-deadline-missed' } },
        { type: 'ClockStarted', data: { clock: 'board-decision' } },
      );
  });

  it.each([
    [
      'fired early, it does nothing',
      informationRequested(),
      reachDeadline('school-reply', '2025-05-08T22:59:59.999Z'),
    ],
    [
      'fired twice, it lapses once',
      [...informationRequested(), ...lapse],
      reachDeadline('school-reply', '2025-05-09T07:00:00.000Z'),
    ],
    [
      'after the school answered, it does nothing',
      andThen(informationRequested(), recordInformationReceived()),
      reachDeadline('school-reply', LAPSED_AT),
    ],
    [
      'for a revision the clock has not reached, it does nothing',
      informationRequested(),
      reachDeadline('school-reply', LAPSED_AT, 2),
    ],
    [
      'after the complaint was withdrawn, it does nothing',
      andThen(informationRequested(), withdrawComplaint({ at: '2025-05-02T10:00:00.000Z' })),
      reachDeadline('school-reply', LAPSED_AT),
    ],
  ])('%s', (_, history, timer) => {
    given(...history)
      .when(timer)
      .thenNothing();
  });
});

describe("ReachDeadline: the Board's reimbursement clocks", () => {
  it.each([
    [
      'proposal',
      'reimbursement-proposal',
      boardDecided(),
      REIMBURSEMENT_PROPOSAL_TIMING,
      'board-decided',
      DECIDED_AT,
    ],
    [
      'approval',
      'reimbursement-approval',
      reimbursementProposed(),
      REIMBURSEMENT_APPROVAL_TIMING,
      'reimbursement-proposed',
      PROPOSAL_AT,
    ],
    [
      'payment',
      'reimbursement-payment',
      reimbursementApproved(),
      REIMBURSEMENT_PAYMENT_TIMING,
      'reimbursement-approved',
      APPROVED_AT,
    ],
  ] as const)(
    'a missed %s deadline is recorded as of the deadline; the clock runs on and the work goes on',
    (_, clock, history, timing, status, startedAt) => {
      expect(timing.anchor).toBe(startedAt);
      const events = given(...history)
        .when(reachDeadline(clock, '2025-07-01T09:00:00.000Z'))
        .then({
          type: 'DeadlineMissed',
          data: {
            clock,
            revision: 1,
            deadline: timing.deadline,
            by: SYSTEM_BY,
            at: timing.deadline,
          },
        });
      expect(fold([...history, ...events])).toMatchObject({
        status,
        clocks: { [clock]: { status: 'running', missed: true } },
      });
      given(...history)
        .when(reachDeadline(clock, new Date(Date.parse(timing.deadline) - 1).toISOString()))
        .thenNothing();
    },
  );

  it('a reimbursement clock stopped by the next step ignores its timer', () => {
    given(...reimbursementProposed())
      .when(reachDeadline('reimbursement-proposal', REIMBURSEMENT_PROPOSAL_TIMING.deadline))
      .thenNothing();
    given(...reimbursementApproved())
      .when(reachDeadline('reimbursement-approval', REIMBURSEMENT_APPROVAL_TIMING.deadline))
      .thenNothing();
    given(...andThen(reimbursementApproved(), recordReimbursementPaid()))
      .when(reachDeadline('reimbursement-payment', REIMBURSEMENT_PAYMENT_TIMING.deadline))
      .thenNothing();
  });
});

describe('a clock warned, then paused for an hour', () => {
  // Warned at the end of day 8 (Thu 1 May); asked a question on day 9 (Fri 2 May), answered within
  // the hour: the deadline is the same Tue 6 May, of which the service was warned once.
  const warnedThenAnswered = [
    reachDeadline('resolution', '2025-05-02T07:00:00.000Z', 1, 'warning'),
    requestInformation({ at: '2025-05-02T09:00:00.000Z' }),
    recordInformationReceived({ at: '2025-05-02T10:00:00.000Z' }),
  ].reduce<ComplaintEvent[]>((history, command) => andThen(history, command), referred());
  const resumed = (fold(warnedThenAnswered) as OpenComplaint).clocks.resolution!;

  it('runs to the same deadline, still warned of it', () => {
    expect(resumed.timing.deadline).toBe(RESOLUTION_TIMING.deadline);
    expect(resumed.warned).toBe(true);
  });

  it('is not warned of it a second time', () => {
    given(...warnedThenAnswered)
      .when(
        reachDeadline(
          'resolution',
          resumed.timing.warningAt ?? '2025-05-02T23:00:00.000Z',
          resumed.timing.revision,
          'warning',
        ),
      )
      .thenNothing();
  });
});

import { type ClockTiming } from '../clocks';
import { DomainError } from '../errors';
import { type ComplaintEvent } from '../events';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { type ClockState, type OpenComplaint } from '../state';
import { MAIL_INTAKE } from '../actor';
import {
  agreeExtension,
  commandBuilder,
  BOARD_A,
  boardDecided,
  clockStarted,
  clockStopped,
  disputeResolution,
  escalated,
  EXTENDED_AT,
  EXTENSION_CONSENT,
  HEAD,
  HEAD_BY,
  informationRequested,
  LODGED_AT,
  lodgeCommand,
  lodged,
  MANAGER,
  MANAGER_BY,
  OTHER_HEAD,
  OTHER_MANAGER,
  PAUSED_AT,
  proposeResolution,
  reachDeadline,
  recordContact,
  recordInformationReceived,
  REFERRED_AT,
  referComplaint,
  referred,
  requestInformation,
  RESOLUTION_TIMING,
  resolutionProposed,
  RESUMED_AT,
  SCHOOL_REPLY_TIMING,
  SUPPORT,
  SYSTEM_BY,
  withdrawComplaint,
  withdrawn,
} from '../testing/fixtures';
import { andThen, fold, given, itConflicts, itForbids } from '../testing/given-when-then';

const resolutionClock = (history: ComplaintEvent[]): ClockState =>
  (fold(history) as OpenComplaint).clocks.resolution!;
const schoolReplyClock = (history: ComplaintEvent[]): ClockState | undefined =>
  (fold(history) as OpenComplaint).clocks['school-reply'];

describe('RecordContact', () => {
  it('records that the service contacted the school', () => {
    given(...referred())
      .when(recordContact())
      .then({
        type: 'SchoolContacted',
        data: {
          contactedAt: '2025-04-22T09:30:00.000Z',
          method: 'phone',
          note: 'Spoke to the head about the lessons',
          by: MANAGER_BY,
          at: '2025-04-22T10:00:00.000Z',
        },
      });
  });

  it.each([
    ['awaiting the school', informationRequested(), '2025-05-08T10:00:00.000Z'],
    // Within the school's 5 days to answer, which end on Wed 7 May.
    ['with a proposed resolution', resolutionProposed(), '2025-05-06T10:00:00.000Z'],
    ['escalated', escalated(), '2025-05-08T10:00:00.000Z'],
  ])('is allowed while the complaint is %s', (_, history, at) => {
    given(...history)
      .when(recordContact({ at }))
      .thenMatch({ type: 'SchoolContacted' });
  });

  const contactAfterBoardDecision = recordContact({ at: '2025-05-21T10:00:00.000Z' });
  itConflicts(
    'is refused when the complaint is %s',
    { 'still in triage': lodged(), 'decided by the Board': boardDecided() },
    contactAfterBoardDecision,
  );
  itConflicts(
    'is refused when the complaint is %s',
    { closed: withdrawn() },
    contactAfterBoardDecision,
    'COMPLAINT_CLOSED',
  );

  itForbids('%s may not record contact', referred(), (actor) => recordContact({ actor }), {
    "another service's manager": OTHER_MANAGER,
    'school staff': HEAD,
    'Business Support': SUPPORT,
    'a Board member': BOARD_A,
  });

  it('needs a note', () => {
    given(...referred())
      .when(recordContact({ note: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it.each([
    ['in the future', '2025-04-22T10:00:00.001Z', 'CONTACT_IN_FUTURE'],
    ['before the complaint was lodged', '2025-04-15T08:59:59.999Z', 'CONTACT_BEFORE_LODGED'],
  ])('refuses a contact %s', (_, contactedAt, code) => {
    given(...referred())
      .when(recordContact({ contactedAt }))
      .thenFails(code, 'rule');
  });

  it('accepts a contact at the very moment of lodging', () => {
    given(...referred())
      .when(recordContact({ contactedAt: LODGED_AT }))
      .thenMatch({ type: 'SchoolContacted', data: { contactedAt: LODGED_AT } });
  });

  // NaN compares false both ways, so a date that is not a date must be caught before comparing.
  it('refuses a contactedAt that is not a date', () => {
    expect(() =>
      given(...referred())
        .when(recordContact({ contactedAt: 'last Tuesday' }))
        .events(),
    ).toThrow(DomainError);
  });
});

describe('RequestInformation', () => {
  it('pauses the resolution clock keeping the working days left (Wed 23 April: 8 of 10), and gives the school 10 working days to answer (to Thu 8 May)', () => {
    given(...referred())
      .when(requestInformation())
      .then(
        {
          type: 'InformationRequested',
          data: { question: 'Which dates?', by: MANAGER_BY, at: PAUSED_AT },
        },
        {
          type: 'ClockPaused',
          data: {
            clock: 'resolution',
            revision: 2,
            remainingWorkingDays: 8,
            by: MANAGER_BY,
            at: PAUSED_AT,
          },
        },
        clockStarted('school-reply', SCHOOL_REPLY_TIMING, MANAGER_BY, PAUSED_AT),
      );
    expect(informationRequested().slice(referred().length)).toEqual(
      given(...referred())
        .when(requestInformation())
        .events(),
    );
  });

  it('awaiting the school, the school-reply clock is the one running; the resolution clock waits', () => {
    expect(fold(informationRequested())).toMatchObject({
      status: 'awaiting-school',
      clocks: {
        resolution: { status: 'paused', remainingWorkingDays: 8 },
        'school-reply': { status: 'running', timing: SCHOOL_REPLY_TIMING },
      },
    });
  });

  // The reply window is counted from the question, whatever was left on the resolution clock.
  it.each([
    [
      'on the referral day itself all 10 working days are left',
      '2025-04-17T16:00:00.000Z',
      10,
      '2025-05-06',
    ],
    ['on the due date nothing is left', '2025-05-06T15:00:00.000Z', 0, '2025-05-20'],
  ])('%s; the school still has 10 working days (to %s)', (_, at, remainingWorkingDays, dueDate) => {
    given(...referred())
      .when(requestInformation({ at }))
      .thenMatch(
        { type: 'InformationRequested' },
        { type: 'ClockPaused', data: { revision: 2, remainingWorkingDays } },
        {
          type: 'ClockStarted',
          data: {
            clock: 'school-reply',
            timing: { revision: 1, anchor: at, workingDays: 10, dueDate },
          },
        },
      );
  });

  it('the reply window follows the policy the complaint was lodged under', () => {
    const underPolicy = referred(
      REFERRED_AT,
      RESOLUTION_TIMING,
      lodged({ policy: { ...DEFAULT_POLICY, schoolReplyWorkingDays: 3 } }),
    );
    // 3 working days from Wed 23 April: 24, 25, 28 April → due Mon 28 April; 3 days is more than
    // the 2 of the warning, which falls at the end of day 1, Thu 24 April.
    given(...underPolicy)
      .when(requestInformation())
      .then(
        ...informationRequested(underPolicy, PAUSED_AT, 8, {
          revision: 1,
          anchor: PAUSED_AT,
          workingDays: 3,
          dueDate: '2025-04-28',
          deadline: '2025-04-28T23:00:00.000Z',
          warningAt: '2025-04-24T23:00:00.000Z',
        }).slice(underPolicy.length),
      );
  });

  it('asking again after the window lapsed starts the school-reply clock again (revision 2)', () => {
    const lapsed = andThen(
      informationRequested(),
      reachDeadline('school-reply', SCHOOL_REPLY_TIMING.deadline),
    );
    expect(fold(lapsed)).toMatchObject({ status: 'with-service' });
    const at = '2025-05-12T10:00:00.000Z';
    given(...lapsed)
      .when(requestInformation({ at }))
      .thenMatch(
        { type: 'InformationRequested' },
        { type: 'ClockPaused', data: { clock: 'resolution', revision: 4 } },
        {
          type: 'ClockStarted',
          data: { clock: 'school-reply', timing: { revision: 2, anchor: at, workingDays: 10 } },
        },
      );
  });

  itForbids('%s may not ask', referred(), (actor) => requestInformation({ actor }), {
    'school staff': HEAD,
    "another service's manager": OTHER_MANAGER,
    'Business Support': SUPPORT,
  });

  it('needs a question', () => {
    given(...referred())
      .when(requestInformation({ question: '\n' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  itConflicts(
    'is refused when the complaint is %s',
    {
      'already awaiting the school': informationRequested(),
      'in triage': lodged(),
      'with a proposed resolution': resolutionProposed(),
      escalated: escalated(),
    },
    requestInformation(),
  );

  it('is refused on a closed complaint', () => {
    given(...withdrawn())
      .when(requestInformation({ at: '2025-04-25T10:00:00.000Z' }))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  // A pause after the deadline (before its timer fires) would make the timer stale and hide the miss.
  it('a missed deadline stays missed: pausing after it passed (timer late) does not hide it', () => {
    let history = referred();
    try {
      history = andThen(history, requestInformation({ at: '2025-05-07T07:00:00.000Z' }));
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError); // refusing the pause is a fine answer
      return;
    }
    history = andThen(
      history,
      recordInformationReceived({ actor: HEAD, at: '2025-05-07T07:30:00.000Z' }),
    );
    history = andThen(history, reachDeadline('resolution', '2025-05-07T08:00:00.000Z'));
    history = andThen(history, proposeResolution({ at: '2025-05-07T09:00:00.000Z' }));
    const missedOrLate = history.some(
      (event) =>
        (event.type === 'DeadlineMissed' && event.data.clock === 'resolution') ||
        (event.type === 'ClockStopped' &&
          event.data.clock === 'resolution' &&
          !event.data.metDeadline),
    );
    expect(missedOrLate).toBe(true);
  });
});

describe('RecordInformationReceived', () => {
  /**
   * Resumed Mon 28 April with 8 days left: 29, 30 April, 1, 2, 6, 7, 8, 9 May → due Fri 9 May.
   * The pause covered Thu 24, Fri 25 and Mon 28 April (3 working days), and 6 May + 3 working days
   * is also 9 May. Warning with 2 left: end of Wed 7 May.
   */
  const RESUMED: ClockTiming = {
    revision: 3,
    anchor: RESUMED_AT,
    workingDays: 8,
    dueDate: '2025-05-09',
    deadline: '2025-05-09T23:00:00.000Z',
    warningAt: '2025-05-07T23:00:00.000Z',
  };

  it("stops the school's reply clock in time and resumes the resolution clock with the days that were left, moving the deadline by the paused time", () => {
    const events = given(...informationRequested())
      .when(recordInformationReceived())
      .then(
        {
          type: 'InformationReceived',
          data: { summary: 'The head sent the dates', by: MANAGER_BY, at: RESUMED_AT },
        },
        clockStopped('school-reply', 1, true, MANAGER_BY, RESUMED_AT),
        {
          type: 'ClockResumed',
          data: { clock: 'resolution', timing: RESUMED, by: MANAGER_BY, at: RESUMED_AT },
        },
      );
    expect(fold([...informationRequested(), ...events])).toMatchObject({
      status: 'with-service',
      clocks: {
        resolution: { status: 'running', timing: RESUMED },
        'school-reply': { status: 'stopped', metDeadline: true },
      },
    });
  });

  it('the school may record its own answer', () => {
    given(...informationRequested())
      .when(recordInformationReceived({ actor: HEAD }))
      .then(
        {
          type: 'InformationReceived',
          data: { summary: 'The head sent the dates', by: HEAD_BY, at: RESUMED_AT },
        },
        clockStopped('school-reply', 1, true, HEAD_BY, RESUMED_AT),
        {
          type: 'ClockResumed',
          data: { clock: 'resolution', timing: RESUMED, by: HEAD_BY, at: RESUMED_AT },
        },
      );
  });

  it.each(['\u200b\u200b', ' \ufeff\n', '\u0000\u0001'])(
    'refuses an answer with nothing to read (%j): the clock stays paused',
    (summary) => {
      given(...informationRequested())
        .when(recordInformationReceived({ actor: HEAD, summary }))
        .thenFails('FIELD_REQUIRED', 'rule');
    },
  );

  it('an answer the school gave earlier, written up now by the service, counts from when it was given', () => {
    // The head rang on Fri 25 April at 2pm; the manager records it on Mon 28 April at 10am.
    const rang = '2025-04-25T13:00:00.000Z';
    const events = given(...informationRequested())
      .when(recordInformationReceived({ receivedAt: rang }))
      .thenMatch(
        { type: 'InformationReceived', data: { receivedAt: rang, at: RESUMED_AT } },
        { type: 'ClockStopped', data: { clock: 'school-reply', at: rang, metDeadline: true } },
        { type: 'ClockResumed', data: { clock: 'resolution', timing: { anchor: rang } } },
      );
    // The service loses the Monday it would have gained by recording it late.
    const resumed = events[2] as Extract<ComplaintEvent, { type: 'ClockResumed' }>;
    expect(resumed.data.timing.dueDate).toBe('2025-05-08');
    expect(RESUMED.dueDate).toBe('2025-05-09');
  });

  it.each([
    ['later than now', { receivedAt: '2025-04-28T09:00:00.001Z' }, 'ANSWER_IN_FUTURE'],
    [
      'before the question was asked',
      { receivedAt: new Date(Date.parse(SCHOOL_REPLY_TIMING.anchor) - 1).toISOString() },
      'ANSWER_BEFORE_QUESTION',
    ],
    ['not a time', { receivedAt: 'last Friday' }, 'INVALID_RECEIVED_AT'],
    ['told by the school itself', { actor: HEAD, receivedAt: PAUSED_AT }, 'RECEIVED_AT_NOT_YOURS'],
  ])('refuses a time of answer %s, and the clock stays paused', (_, change, code) => {
    given(...informationRequested())
      .when(recordInformationReceived(change))
      .thenFails(code, 'rule');
  });

  it("an answer on the last day of the school's window is in time", () => {
    given(...informationRequested())
      .when(recordInformationReceived({ at: '2025-05-08T22:59:59.999Z' }))
      .thenMatch(
        { type: 'InformationReceived' },
        { type: 'ClockStopped', data: { clock: 'school-reply', revision: 1, metDeadline: true } },
        { type: 'ClockResumed', data: { clock: 'resolution', timing: { revision: 3 } } },
      );
  });

  it("an answer after the school's window closed, before its timer ran, finds the window lapsed, as after it", () => {
    // The window closed at the end of Thu 8 May; the 8 days left ran from there to Wed 21 May,
    // whenever the lapse is recorded: the late answer on Tue 13 May gives no extra time.
    const refusal = given(...informationRequested())
      .when(recordInformationReceived({ at: '2025-05-13T10:00:00.000Z' }))
      .thenFails('ANSWER_AFTER_WINDOW', 'rule');
    expect(refusal.message).toBe(
      `the school’s time to answer ended at ${SCHOOL_REPLY_TIMING.deadline}: receivedAt must be before then (a later answer is a message)`,
    );
    given(...informationRequested())
      .when(recordInformationReceived({ at: '2025-05-13T10:00:00.000Z', actor: HEAD }))
      .thenFails('DEADLINE_PASSED', 'conflict');
    // Said to have come in time, it is recorded on the lapse its timer would have recorded.
    given(...informationRequested())
      .when(
        recordInformationReceived({
          at: '2025-05-13T10:00:00.000Z',
          receivedAt: '2025-05-08T13:00:00.000Z',
        }),
      )
      .thenMatch(
        { type: 'DeadlineMissed', data: { clock: 'school-reply' } },
        { type: 'InformationRequestLapsed', data: { at: SCHOOL_REPLY_TIMING.deadline } },
        { type: 'ClockStopped', data: { clock: 'school-reply', metDeadline: false } },
        { type: 'ClockResumed', data: { timing: { anchor: SCHOOL_REPLY_TIMING.deadline } } },
        { type: 'InformationReceived', data: { receivedAt: '2025-05-08T13:00:00.000Z' } },
        { type: 'ClockResumed', data: { timing: { dueDate: '2025-05-20' } } },
      );
    given(...informationRequested())
      .when(recordContact({ at: '2025-05-13T10:00:00.000Z' }))
      .thenMatch(
        { type: 'DeadlineMissed', data: { clock: 'school-reply' } },
        { type: 'InformationRequestLapsed', data: { at: SCHOOL_REPLY_TIMING.deadline } },
        { type: 'ClockStopped', data: { clock: 'school-reply', metDeadline: false } },
        {
          type: 'ClockResumed',
          data: {
            clock: 'resolution',
            timing: { anchor: SCHOOL_REPLY_TIMING.deadline, dueDate: '2025-05-21' },
          },
        },
        { type: 'SchoolContacted' },
      );
  });

  describe('an answer the school gave in time, recorded after its window lapsed', () => {
    const lapsed = () =>
      andThen(informationRequested(), reachDeadline('school-reply', SCHOOL_REPLY_TIMING.deadline));
    // The head rang on Thu 8 May at 2pm, the window's last day; the manager writes it up on Tue 13
    // May. The lapse ran the 8 days left from the end of 8 May (due Wed 21 May); counted from the
    // call they are 9, 12, 13, 14, 15, 16, 19, 20 May: due Tue 20 May.
    const rang = '2025-05-08T13:00:00.000Z';
    const writtenUp = '2025-05-13T10:00:00.000Z';

    it('is recorded, and the service’s time counts from the answer, not from the lapse', () => {
      const events = given(...lapsed())
        .when(recordInformationReceived({ at: writtenUp, receivedAt: rang }))
        .then(
          {
            type: 'InformationReceived',
            data: {
              summary: 'The head sent the dates',
              receivedAt: rang,
              by: MANAGER_BY,
              at: writtenUp,
            },
          },
          {
            type: 'ClockResumed',
            data: {
              clock: 'resolution',
              timing: {
                revision: 4,
                anchor: rang,
                workingDays: 8,
                dueDate: '2025-05-20',
                deadline: '2025-05-20T23:00:00.000Z',
                warningAt: '2025-05-16T23:00:00.000Z',
              },
              by: MANAGER_BY,
              at: writtenUp,
            },
          },
        );
      expect(fold([...lapsed(), ...events])).toMatchObject({
        status: 'with-service',
        clocks: { resolution: { status: 'running', timing: { dueDate: '2025-05-20' } } },
      });
      // Once only: the clock no longer counts from the lapse.
      given(...lapsed(), ...events)
        .when(recordInformationReceived({ at: writtenUp, receivedAt: rang }))
        .thenFails('INVALID_TRANSITION', 'conflict');
    });

    it('whose time, counted from the answer, has run out too goes to the Board now, with its whole time', () => {
      const now = '2025-05-21T10:00:00.000Z';
      given(...lapsed())
        .when(recordInformationReceived({ at: now, receivedAt: rang }))
        .thenMatch(
          { type: 'InformationReceived' },
          { type: 'ClockResumed', data: { timing: { deadline: '2025-05-20T23:00:00.000Z' } } },
          {
            type: 'DeadlineMissed',
            data: { clock: 'resolution', deadline: '2025-05-20T23:00:00.000Z', at: now },
          },
          { type: 'ClockStopped', data: { clock: 'resolution', metDeadline: false, at: now } },
          { type: 'ComplaintEscalated', data: { reason: 'resolution-deadline-missed', at: now } },
          { type: 'ClockStarted', data: { clock: 'board-decision', timing: { anchor: now } } },
        );
    });

    it.each([
      ['with no time given', {}],
      ['given at the window’s end', { receivedAt: SCHOOL_REPLY_TIMING.deadline }],
      ['given after it', { receivedAt: '2025-05-12T09:00:00.000Z' }],
    ])('is refused %s: a later answer is a message', (_, change) => {
      given(...lapsed())
        .when(recordInformationReceived({ at: writtenUp, ...change }))
        .thenFails('ANSWER_AFTER_WINDOW', 'rule');
    });

    it('keeps the rules for when it was given', () => {
      given(...lapsed())
        .when(recordInformationReceived({ at: writtenUp, receivedAt: '2025-04-23T12:59:59.000Z' }))
        .thenFails('ANSWER_BEFORE_QUESTION', 'rule');
      given(...lapsed())
        .when(recordInformationReceived({ at: writtenUp, actor: HEAD, receivedAt: rang }))
        .thenFails('RECEIVED_AT_NOT_YOURS', 'rule');
    });

    it('is refused to the school answering now: its window has closed', () => {
      given(...lapsed())
        .when(recordInformationReceived({ at: writtenUp, actor: HEAD }))
        .thenFails('INVALID_TRANSITION', 'conflict');
    });

    it('is refused once a resolution has been proposed since', () => {
      const proposedSince = andThen(
        lapsed(),
        proposeResolution({ at: '2025-05-12T10:00:00.000Z' }),
      );
      given(...proposedSince)
        .when(recordInformationReceived({ at: writtenUp, receivedAt: rang }))
        .thenFails('INVALID_TRANSITION', 'conflict');
    });
  });

  it('over Christmas 2025: paused Fri 19 Dec with 6 days left, resumed Mon 5 Jan → due Tue 13 Jan 2026', () => {
    // Referred Mon 15 Dec: 16, 17, 18, 19, 22, 23, 24, 29, 30, 31 Dec → due Wed 31 Dec
    // (25 and 26 Dec are bank holidays). Paused Fri 19 Dec: 22, 23, 24, 29, 30, 31 are left.
    // Resumed Mon 5 Jan (1 Jan is a holiday): 6, 7, 8, 9, 12, 13 Jan → due Tue 13 Jan, GMT.
    const referredAt = '2025-12-15T10:00:00.000Z';
    const december: ClockTiming = {
      revision: 1,
      anchor: referredAt,
      workingDays: 10,
      dueDate: '2025-12-31',
      deadline: '2026-01-01T00:00:00.000Z',
      warningAt: '2025-12-30T00:00:00.000Z',
    };
    const lodgedInDecember = lodged({ at: '2025-12-12T10:00:00.000Z' });
    const history = referred(referredAt, december, lodgedInDecember);
    expect(
      given(...lodgedInDecember)
        .when(referComplaint({ at: referredAt, note: null }))
        .events()
        .find((event) => event.type === 'ClockStarted'),
    ).toMatchObject({ data: { timing: december } });

    // The school's 10 days from Fri 19 Dec: 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7 Jan → due
    // Wed 7 Jan 2026 (GMT); warning at the end of day 8, Mon 5 Jan.
    const pausedAt = '2025-12-19T10:00:00.000Z';
    const pause = requestInformation({ at: pausedAt, question: 'Which pupils?' });
    given(...history)
      .when(pause)
      .thenMatch(
        { type: 'InformationRequested' },
        { type: 'ClockPaused', data: { revision: 2, remainingWorkingDays: 6 } },
        {
          type: 'ClockStarted',
          data: {
            clock: 'school-reply',
            timing: {
              revision: 1,
              anchor: pausedAt,
              workingDays: 10,
              dueDate: '2026-01-07',
              deadline: '2026-01-08T00:00:00.000Z',
              warningAt: '2026-01-06T00:00:00.000Z',
            },
          },
        },
      );
    const resumedAt = '2026-01-05T10:00:00.000Z';
    given(...andThen(history, pause))
      .when(recordInformationReceived({ at: resumedAt }))
      .thenMatch(
        { type: 'InformationReceived' },
        { type: 'ClockStopped', data: { clock: 'school-reply', metDeadline: true } },
        {
          type: 'ClockResumed',
          data: {
            clock: 'resolution',
            timing: {
              revision: 3,
              anchor: resumedAt,
              workingDays: 6,
              dueDate: '2026-01-13',
              deadline: '2026-01-14T00:00:00.000Z',
              warningAt: '2026-01-10T00:00:00.000Z',
            },
          },
        },
      );
  });

  itForbids(
    '%s may not record the answer',
    informationRequested(),
    (actor) => recordInformationReceived({ actor }),
    {
      'Business Support': SUPPORT,
      "another school's staff": OTHER_HEAD,
      "another service's manager": OTHER_MANAGER,
    },
  );

  it('needs a summary', () => {
    given(...informationRequested())
      .when(recordInformationReceived({ summary: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('is refused when nothing was asked', () => {
    given(...referred())
      .when(recordInformationReceived())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('is refused on a closed complaint', () => {
    const history = andThen(informationRequested(), withdrawComplaint());
    given(...history)
      .when(recordInformationReceived())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe('RecordQuestionReturned', () => {
  const returned = commandBuilder('RecordQuestionReturned', {
    actor: MAIL_INTAKE,
    at: '2025-04-24T10:00:00.000Z',
    sentAt: PAUSED_AT,
    status: '5.1.1',
  });

  it('records that the question came back while the school’s window runs; nothing else changes', () => {
    given(...informationRequested())
      .when(returned())
      .then({
        type: 'QuestionMailReturned',
        data: {
          sentAt: PAUSED_AT,
          status: '5.1.1',
          by: { id: MAIL_INTAKE.id, role: 'system' },
          at: '2025-04-24T10:00:00.000Z',
        },
      });
  });

  it('records nothing for a question sent before this one, after the window, or when none is awaited', () => {
    given(...informationRequested())
      .when(returned({ sentAt: '2025-04-01T10:00:00.000Z' }))
      .then();
    // At the window's end it has lapsed already: the school's silence is what counts.
    const late = given(...informationRequested())
      .when(returned({ at: SCHOOL_REPLY_TIMING.deadline }))
      .events();
    expect(late.map((event) => event.type)).not.toContain('QuestionMailReturned');
    given(...referred())
      .when(returned())
      .then();
  });
});

describe('AgreeExtension', () => {
  /** 15 working days from Thu 17 April: … 6, 7, 8, 9, 12, 13 May → due Tue 13 May. */
  const EXTENDED: ClockTiming = {
    revision: 2,
    anchor: REFERRED_AT,
    workingDays: 15,
    dueDate: '2025-05-13',
    deadline: '2025-05-13T23:00:00.000Z',
    warningAt: '2025-05-09T23:00:00.000Z',
  };

  it.each([
    [
      'a service manager records an extension the school agreed to; the deadline moves 5 working days',
      MANAGER,
      EXTENSION_CONSENT,
      EXTENSION_CONSENT,
      MANAGER_BY,
    ],
    [
      'school staff agreeing in the portal are the consent',
      HEAD,
      null,
      { givenBy: HEAD.name, givenAt: EXTENDED_AT, method: 'portal' },
      HEAD_BY,
    ],
  ] as const)('%s', (_, actor, consent, recordedConsent, who) => {
    given(...referred())
      .when(agreeExtension({ actor, consent }))
      .then(
        {
          type: 'ExtensionAgreed',
          data: {
            extraWorkingDays: 5,
            reason: 'Peripatetic staff off sick',
            consent: recordedConsent,
            by: who,
            at: EXTENDED_AT,
          },
        },
        {
          type: 'ClockExtended',
          data: {
            clock: 'resolution',
            timing: EXTENDED,
            extraWorkingDays: 5,
            by: who,
            at: EXTENDED_AT,
          },
        },
      );
  });

  it('refuses an extension without consent (service manager, consent: null)', () => {
    given(...referred())
      .when(agreeExtension({ consent: null }))
      .thenFails('EXTENSION_NEEDS_CONSENT', 'rule');
  });

  it('refuses consent that names nobody', () => {
    given(...referred())
      .when(agreeExtension({ consent: { ...EXTENSION_CONSENT, givenBy: '  ' } }))
      .thenFails('EXTENSION_NEEDS_CONSENT', 'rule');
  });

  it('refuses consent given before the complaint was lodged (a millisecond before)', () => {
    const refusal = given(...referred())
      .when(
        agreeExtension({
          consent: { ...EXTENSION_CONSENT, givenAt: '2025-04-15T08:59:59.999Z' },
        }),
      )
      .thenFails('CONSENT_BEFORE_LODGED', 'rule');
    expect(refusal.message).toContain('consent.givenAt');
    given(...referred())
      .when(agreeExtension({ consent: { ...EXTENSION_CONSENT, givenAt: LODGED_AT } }))
      .thenMatch({ type: 'ExtensionAgreed' }, { type: 'ClockExtended' });
  });

  it('refuses an extension past the cap of 10 working days in one go', () => {
    given(...referred())
      .when(agreeExtension({ extraWorkingDays: 11 }))
      .thenFails('EXTENSION_OVER_CAP', 'rule');
  });

  it('refuses an extension that takes the total past the cap, saying how many are left', () => {
    const history = andThen(referred(), agreeExtension({ extraWorkingDays: 6 }));
    const refusal = given(...history)
      .when(agreeExtension({ extraWorkingDays: 5 }))
      .thenFails('EXTENSION_OVER_CAP', 'rule');
    expect(refusal.message).toBe(
      'Extensions may add at most 10 working days in all, and 6 have been agreed already: enter 4 or fewer',
    );
    given(...history)
      .when(agreeExtension({ extraWorkingDays: 4 }))
      .thenMatch(
        { type: 'ExtensionAgreed' },
        { type: 'ClockExtended', data: { timing: { revision: 3, workingDays: 20 } } },
      );
  });

  it.each([0, -1, 1.5])('refuses %d extra working days', (extraWorkingDays) => {
    given(...referred())
      .when(agreeExtension({ extraWorkingDays }))
      .thenFails('INVALID_EXTENSION', 'rule');
  });

  it('needs a reason', () => {
    given(...referred())
      .when(agreeExtension({ reason: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('extends a paused clock: the days left grow, and the resumed deadline moves with them', () => {
    const history = andThen(informationRequested(), agreeExtension());
    given(...informationRequested())
      .when(agreeExtension())
      .thenMatch(
        { type: 'ExtensionAgreed' },
        {
          type: 'ClockExtended',
          data: { timing: { ...RESOLUTION_TIMING, revision: 3 }, extraWorkingDays: 5 },
        },
      );
    expect(resolutionClock(history)).toMatchObject({
      status: 'paused',
      remainingWorkingDays: 13,
      extendedBy: 5,
    });
    // The extension is the service's time, not the school's: the reply window is untouched.
    expect(schoolReplyClock(history)).toMatchObject({
      status: 'running',
      timing: SCHOOL_REPLY_TIMING,
    });
    // Resumed Mon 28 April with 13 days: 29, 30 April, 1, 2, 6–9, 12–16 May → due Fri 16 May.
    given(...history)
      .when(recordInformationReceived({ actor: HEAD }))
      .thenMatch(
        { type: 'InformationReceived' },
        { type: 'ClockStopped', data: { clock: 'school-reply', metDeadline: true } },
        {
          type: 'ClockResumed',
          data: {
            timing: {
              revision: 4,
              workingDays: 13,
              dueDate: '2025-05-16',
              deadline: '2025-05-16T23:00:00.000Z',
            },
          },
        },
      );
  });

  itForbids('%s may not agree an extension', referred(), (actor) => agreeExtension({ actor }), {
    "another service's manager": OTHER_MANAGER,
    "another school's staff": OTHER_HEAD,
    'Business Support': SUPPORT,
  });

  itConflicts(
    'is refused when the complaint is %s',
    {
      'in triage': lodged(),
      'with a proposed resolution': resolutionProposed(),
      escalated: escalated(),
    },
    agreeExtension(),
  );

  it('is refused on a closed complaint', () => {
    given(...withdrawn())
      .when(agreeExtension())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  // A dispute reopens the clock with ClockStarted; the cap still counts every extension agreed.
  it('the cap holds for the whole complaint, even after a dispute reopens it', () => {
    let history = andThen(referred(), agreeExtension({ extraWorkingDays: 10 }));
    history = andThen(history, proposeResolution());
    history = andThen(history, disputeResolution());
    expect(fold(history)).toMatchObject({ status: 'with-service' });
    given(...history)
      .when(agreeExtension({ at: '2025-05-02T11:00:00.000Z', extraWorkingDays: 5 }))
      .thenFails('EXTENSION_OVER_CAP', 'rule');
  });

  // As with the pause: extending after the deadline would make the late timer stale.
  it('an extension agreed after the deadline passed is refused, saying so: the complaint is already the Board’s, its timer run or not', () => {
    given(...referred())
      .when(agreeExtension({ actor: HEAD, at: '2025-05-07T07:00:00.000Z' }))
      .thenFails('DEADLINE_PASSED');
    const history = andThen(referred(), reachDeadline('resolution', '2025-05-07T07:05:00.000Z'));
    expect(
      history.some((event) => event.type === 'DeadlineMissed' && event.data.clock === 'resolution'),
    ).toBe(true);
    expect(history.some((event) => event.type === 'ComplaintEscalated')).toBe(true);
  });
});

describe('ProposeResolution', () => {
  it('stops the resolution clock in time and gives the school 5 working days (to Wed 7 May) to answer', () => {
    given(...referred())
      .when(proposeResolution())
      .then(...resolutionProposed().slice(referred().length));
  });

  // Once the deadline has passed the complaint is the Board's, even before the late timer says so:
  // a proposal then must not stop the clock and leave the timer stale.
  it('proposed on a Saturday evening, the school’s days count from when its mail goes: Tuesday 8am after the bank holiday', () => {
    // Sat 3 May 2025, 8pm BST; Mon 5 May is a bank holiday. The mail goes Tue 6 May at 8am, and
    // 5 working days from then (7, 8, 9, 12, 13 May) end on Tue 13 May, as the page tells the
    // manager and the mail tells the school; the clock is started now, counting from then.
    const at = '2025-05-03T19:00:00.000Z';
    given(...referred())
      .when(proposeResolution({ at }))
      .thenMatch(
        { type: 'ResolutionProposed', data: { at } },
        { type: 'ClockStopped', data: { clock: 'resolution' } },
        {
          type: 'ClockStarted',
          data: {
            clock: 'school-confirmation',
            timing: { anchor: '2025-05-06T07:00:00.000Z', dueDate: '2025-05-13' },
            at,
          },
        },
      );
  });

  it('for a school with no address, told by the service, the days count from the proposal', () => {
    const at = '2025-05-03T19:00:00.000Z';
    const noAddress = referred(
      REFERRED_AT,
      RESOLUTION_TIMING,
      lodged({ contact: { name: 'Jane Head', phone: '01772 123456' } }),
    );
    given(...noAddress)
      .when(proposeResolution({ at }))
      .thenMatch(
        { type: 'ResolutionProposed' },
        { type: 'ClockStopped' },
        {
          type: 'ClockStarted',
          // 6, 7, 8, 9, 12 May.
          data: { clock: 'school-confirmation', timing: { anchor: at, dueDate: '2025-05-12' } },
        },
      );
  });

  it('is refused once the resolution deadline has passed, though its timer has not yet fired', () => {
    const refusal = given(...referred())
      .when(proposeResolution({ at: '2025-05-07T06:00:00.000Z' }))
      .thenFails('DEADLINE_PASSED', 'conflict');
    expect(refusal.message).toMatch(/^Cannot propose a resolution: /);
    expect(refusal.message).toContain(
      `resolution deadline passed at ${RESOLUTION_TIMING.deadline}`,
    );
  });

  it('is refused at the very instant of the deadline, and accepted a millisecond before it', () => {
    given(...referred())
      .when(proposeResolution({ at: RESOLUTION_TIMING.deadline }))
      .thenFails('DEADLINE_PASSED', 'conflict');
    given(...referred())
      .when(proposeResolution({ at: '2025-05-06T22:59:59.999Z' }))
      .thenMatch(
        { type: 'ResolutionProposed' },
        { type: 'ClockStopped', data: { clock: 'resolution', revision: 1, metDeadline: true } },
        { type: 'ClockStarted', data: { clock: 'school-confirmation' } },
      );
  });

  it('the refused proposal leaves the late timer to escalate, as of the deadline', () => {
    given(...referred())
      .when(reachDeadline('resolution', '2025-05-07T07:00:00.000Z'))
      .thenMatch(
        {
          type: 'DeadlineMissed',
          data: { clock: 'resolution', by: SYSTEM_BY, at: RESOLUTION_TIMING.deadline },
        },
        { type: 'ClockStopped', data: { metDeadline: false, at: RESOLUTION_TIMING.deadline } },
        {
          type: 'ComplaintEscalated',
          data: { reason: 'resolution-deadline-missed', at: RESOLUTION_TIMING.deadline },
        },
        { type: 'ClockStarted', data: { clock: 'board-decision', at: RESOLUTION_TIMING.deadline } },
      );
  });

  it('after a dispute reopened the clock, a proposal after the original deadline is refused too', () => {
    const reopened = andThen(resolutionProposed(), disputeResolution());
    given(...reopened)
      .when(proposeResolution({ at: '2025-05-07T09:00:00.000Z' }))
      .thenFails('DEADLINE_PASSED', 'conflict');
  });

  it('a second proposal after a dispute starts a new revision of the confirmation clock', () => {
    const history = andThen(resolutionProposed(), disputeResolution());
    given(...history)
      .when(proposeResolution({ at: '2025-05-02T15:00:00.000Z' }))
      .thenMatch(
        { type: 'ResolutionProposed' },
        { type: 'ClockStopped', data: { clock: 'resolution', revision: 2, metDeadline: true } },
        { type: 'ClockStarted', data: { clock: 'school-confirmation', timing: { revision: 2 } } },
      );
  });

  itForbids(
    '%s may not propose a resolution',
    referred(),
    (actor) => proposeResolution({ actor }),
    {
      'school staff': HEAD,
      'Business Support': SUPPORT,
      "another service's manager": OTHER_MANAGER,
    },
  );

  it('needs the resolution', () => {
    given(...referred())
      .when(proposeResolution({ resolution: ' ' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  itConflicts(
    'is refused when the complaint is %s',
    {
      'awaiting the school': informationRequested(),
      'in triage': lodged(),
      'already proposed': resolutionProposed(),
      escalated: escalated(),
    },
    proposeResolution(),
  );

  it('is refused on a withdrawn complaint', () => {
    given(...withdrawn())
      .when(proposeResolution())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe('a service that asked on its last working day', () => {
  /** Lodged, referred and asked at these instants: the question on working day 10. */
  const askedOnDayTen = (lodgedAt: string, referredAt: string, askedAt: string) =>
    andThen(
      andThen(andThen([], lodgeCommand({ at: lodgedAt })), referComplaint({ at: referredAt })),
      requestInformation({ at: askedAt }),
    );
  const resumedTiming = (history: ComplaintEvent[]) =>
    history.filter((event) => event.type === 'ClockResumed').at(-1)!.data.timing;

  it('answered on a Saturday, still has a working day: due Monday, not that Saturday', () => {
    // Referred Monday 2 March 2026, due Monday 16 March; asked that morning.
    const asked = askedOnDayTen(
      '2026-02-27T10:00:00.000Z',
      '2026-03-02T10:00:00.000Z',
      '2026-03-16T09:00:00.000Z',
    );
    expect(resolutionClock(asked).remainingWorkingDays).toBe(0);
    const answered = andThen(
      asked,
      recordInformationReceived({ actor: HEAD, at: '2026-03-21T10:00:00.000Z' }),
    );
    expect(resumedTiming(answered)).toMatchObject({ dueDate: '2026-03-23' });
  });

  it('answered on a working day, has the rest of that day', () => {
    const asked = askedOnDayTen(
      '2026-02-27T10:00:00.000Z',
      '2026-03-02T10:00:00.000Z',
      '2026-03-16T09:00:00.000Z',
    );
    const answered = andThen(
      asked,
      recordInformationReceived({ actor: HEAD, at: '2026-03-19T10:00:00.000Z' }),
    );
    expect(resumedTiming(answered)).toMatchObject({ dueDate: '2026-03-19' });
  });

  it('not answered by a window that ends on a Friday, is due the Monday after, not the Saturday', () => {
    // Referred Friday 9 January 2026, due Friday 23 January; asked that morning.
    const asked = askedOnDayTen(
      '2026-01-08T10:00:00.000Z',
      '2026-01-09T10:00:00.000Z',
      '2026-01-23T09:00:00.000Z',
    );
    const window = schoolReplyClock(asked)!.timing;
    expect(window.dueDate).toBe('2026-02-06');
    const lapsed = andThen(asked, reachDeadline('school-reply', window.deadline));
    expect(resumedTiming(lapsed)).toMatchObject({ dueDate: '2026-02-09' });
  });

  it('answered on the window’s last Friday, written up after the lapse gave it the Monday, is due that Friday, as if recorded at once', () => {
    const asked = askedOnDayTen(
      '2026-01-08T10:00:00.000Z',
      '2026-01-09T10:00:00.000Z',
      '2026-01-23T09:00:00.000Z',
    );
    const window = schoolReplyClock(asked)!.timing;
    const rang = '2026-02-06T14:00:00.000Z';
    const atOnce = andThen(asked, recordInformationReceived({ at: rang }));
    expect(resumedTiming(atOnce)).toMatchObject({ dueDate: '2026-02-06' });
    const lapsed = andThen(asked, reachDeadline('school-reply', window.deadline));
    const writtenUp = andThen(
      lapsed,
      recordInformationReceived({ at: '2026-02-09T08:00:00.000Z', receivedAt: rang }),
    );
    expect(resumedTiming(writtenUp)).toMatchObject({ dueDate: '2026-02-06' });
    // Its time had run out by then: to the Board.
    expect(writtenUp.some((event) => event.type === 'ComplaintEscalated')).toBe(true);
  });
});

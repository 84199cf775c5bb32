import { type ClockTiming } from '../clock';
import { type CommandOf } from '../commands';
import { DomainError } from '../errors';
import { type ComplaintEvent } from '../events';
import { type ClockState, type OpenComplaint } from '../state';
import {
  BOARD_A,
  boardDecided,
  clockStarted,
  clockStopped,
  CONFIRMATION_TIMING,
  DEADLINE_WORKER,
  escalated,
  HEAD,
  HEAD_BY,
  LODGED_AT,
  lodged,
  MANAGER,
  MANAGER_BY,
  OTHER_HEAD,
  OTHER_MANAGER,
  PROPOSED_AT,
  REFERRED_AT,
  referred,
  RESOLUTION_TIMING,
  resolutionProposed,
  SUPPORT,
  withdrawn,
} from '../testing/fixtures';
import { andThen, fold, given } from '../testing/given-when-then';

const PAUSED_AT = '2025-04-23T13:00:00.000Z'; // Wednesday 23 April 2025
const RESUMED_AT = '2025-04-28T09:00:00.000Z'; // Monday 28 April 2025

/** The manager asked the school a question on Wed 23 April: 8 working days were left. */
const paused = (history: ComplaintEvent[] = referred()): ComplaintEvent[] => [
  ...history,
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
];

const resolutionClock = (history: ComplaintEvent[]): ClockState =>
  (fold(history) as OpenComplaint).clocks.resolution!;

describe('RecordContact', () => {
  const contact = (
    overrides: Partial<CommandOf<'RecordContact'>> = {},
  ): CommandOf<'RecordContact'> => ({
    type: 'RecordContact',
    actor: MANAGER,
    at: '2025-04-22T10:00:00.000Z',
    contactedAt: '2025-04-22T09:30:00.000Z',
    method: 'phone',
    note: '  Spoke to the head about the lessons  ',
    ...overrides,
  });

  it('records that the service contacted the school', () => {
    given(...referred())
      .when(contact())
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
    ['awaiting the school', paused()],
    ['with a proposed resolution', resolutionProposed()],
    ['escalated', escalated()],
  ])('is allowed while the complaint is %s', (_, history) => {
    given(...history)
      .when(contact({ at: '2025-05-08T10:00:00.000Z' }))
      .thenMatch({ type: 'SchoolContacted' });
  });

  it.each([
    ['still in triage', lodged(), 'INVALID_TRANSITION'],
    ['decided by the Board', boardDecided(), 'INVALID_TRANSITION'],
    ['closed', withdrawn(), 'COMPLAINT_CLOSED'],
  ])('is refused when the complaint is %s', (_, history, code) => {
    given(...history)
      .when(contact({ at: '2025-05-21T10:00:00.000Z' }))
      .thenFails(code, 'conflict');
  });

  it.each([
    ["another service's manager", OTHER_MANAGER],
    ['school staff', HEAD],
    ['Business Support', SUPPORT],
    ['a Board member', BOARD_A],
  ])('%s may not record contact', (_, actor) => {
    given(...referred())
      .when(contact({ actor }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it('needs a note', () => {
    given(...referred())
      .when(contact({ note: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('refuses a contact in the future', () => {
    given(...referred())
      .when(contact({ contactedAt: '2025-04-22T10:00:00.001Z' }))
      .thenFails('CONTACT_IN_FUTURE', 'rule');
  });

  it('refuses a contact before the complaint was lodged', () => {
    given(...referred())
      .when(contact({ contactedAt: '2025-04-15T08:59:59.999Z' }))
      .thenFails('CONTACT_BEFORE_LODGED', 'rule');
  });

  it('accepts a contact at the very moment of lodging', () => {
    given(...referred())
      .when(contact({ contactedAt: LODGED_AT }))
      .thenMatch({ type: 'SchoolContacted', data: { contactedAt: LODGED_AT } });
  });

  // NaN compares false both ways, so a date that is not a date must be caught before comparing.
  it('refuses a contactedAt that is not a date', () => {
    expect(() =>
      given(...referred())
        .when(contact({ contactedAt: 'last Tuesday' }))
        .events(),
    ).toThrow(DomainError);
  });
});

describe('RequestInformation', () => {
  const ask = (
    overrides: Partial<CommandOf<'RequestInformation'>> = {},
  ): CommandOf<'RequestInformation'> => ({
    type: 'RequestInformation',
    actor: MANAGER,
    at: PAUSED_AT,
    question: ' Which dates? ',
    ...overrides,
  });

  it('pauses the resolution clock keeping the working days left (Wed 23 April: 8 of 10)', () => {
    given(...referred())
      .when(ask())
      .then(...paused().slice(referred().length));
  });

  it('on the referral day itself all 10 working days are left', () => {
    given(...referred())
      .when(ask({ at: '2025-04-17T16:00:00.000Z' }))
      .thenMatch(
        { type: 'InformationRequested' },
        { type: 'ClockPaused', data: { revision: 2, remainingWorkingDays: 10 } },
      );
  });

  it('on the due date nothing is left', () => {
    given(...referred())
      .when(ask({ at: '2025-05-06T15:00:00.000Z' }))
      .thenMatch(
        { type: 'InformationRequested' },
        { type: 'ClockPaused', data: { remainingWorkingDays: 0 } },
      );
  });

  it.each([
    ['school staff', HEAD],
    ["another service's manager", OTHER_MANAGER],
    ['Business Support', SUPPORT],
  ])('%s may not ask', (_, actor) => {
    given(...referred())
      .when(ask({ actor }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it('needs a question', () => {
    given(...referred())
      .when(ask({ question: '\n' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it.each([
    ['already awaiting the school', paused()],
    ['in triage', lodged()],
    ['with a proposed resolution', resolutionProposed()],
    ['escalated', escalated()],
  ])('is refused when the complaint is %s', (_, history) => {
    given(...history)
      .when(ask())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('is refused on a closed complaint', () => {
    given(...withdrawn())
      .when(ask({ at: '2025-04-25T10:00:00.000Z' }))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  // A pause after the deadline (before its timer fires) would make the timer stale and hide the miss.
  it('a missed deadline stays missed: pausing after it passed (timer late) does not hide it', () => {
    const afterDeadline = '2025-05-07T07:00:00.000Z';
    let history = referred();
    try {
      history = andThen(history, ask({ at: afterDeadline }));
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError); // refusing the pause is a fine answer
      return;
    }
    history = andThen(history, {
      type: 'RecordInformationReceived',
      actor: HEAD,
      at: '2025-05-07T07:30:00.000Z',
      summary: 'Dates sent',
    });
    history = andThen(history, {
      type: 'ReachDeadline',
      actor: DEADLINE_WORKER,
      at: '2025-05-07T08:00:00.000Z',
      clock: 'resolution',
      revision: 1,
      timer: 'deadline',
    });
    history = andThen(history, {
      type: 'ProposeResolution',
      actor: MANAGER,
      at: '2025-05-07T09:00:00.000Z',
      resolution: 'Lessons rescheduled',
    });
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
  const received = (
    overrides: Partial<CommandOf<'RecordInformationReceived'>> = {},
  ): CommandOf<'RecordInformationReceived'> => ({
    type: 'RecordInformationReceived',
    actor: MANAGER,
    at: RESUMED_AT,
    summary: ' The head sent the dates ',
    ...overrides,
  });

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

  it('resumes the clock with the days that were left, moving the deadline by the paused time', () => {
    given(...paused())
      .when(received())
      .then(
        {
          type: 'InformationReceived',
          data: { summary: 'The head sent the dates', by: MANAGER_BY, at: RESUMED_AT },
        },
        {
          type: 'ClockResumed',
          data: { clock: 'resolution', timing: RESUMED, by: MANAGER_BY, at: RESUMED_AT },
        },
      );
  });

  it('the school may record its own answer', () => {
    given(...paused())
      .when(received({ actor: HEAD }))
      .thenMatch(
        { type: 'InformationReceived', data: { by: HEAD_BY } },
        { type: 'ClockResumed', data: { timing: RESUMED, by: HEAD_BY } },
      );
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
    const history = referred(referredAt, december, lodged({ at: '2025-12-12T10:00:00.000Z' }));
    expect(
      given(...lodged({ at: '2025-12-12T10:00:00.000Z' }))
        .when({
          type: 'ReferComplaint',
          actor: SUPPORT,
          at: referredAt,
          serviceId: null,
          note: null,
        })
        .events()[2],
    ).toMatchObject({ data: { timing: december } });

    const pausedAt = '2025-12-19T10:00:00.000Z';
    given(...history)
      .when({ type: 'RequestInformation', actor: MANAGER, at: pausedAt, question: 'Which pupils?' })
      .thenMatch(
        { type: 'InformationRequested' },
        { type: 'ClockPaused', data: { revision: 2, remainingWorkingDays: 6 } },
      );
    const withPause = andThen(history, {
      type: 'RequestInformation',
      actor: MANAGER,
      at: pausedAt,
      question: 'Which pupils?',
    });
    const resumedAt = '2026-01-05T10:00:00.000Z';
    given(...withPause)
      .when(received({ at: resumedAt }))
      .thenMatch(
        { type: 'InformationReceived' },
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

  it.each([
    ['Business Support', SUPPORT],
    ["another school's staff", OTHER_HEAD],
    ["another service's manager", OTHER_MANAGER],
  ])('%s may not record the answer', (_, actor) => {
    given(...paused())
      .when(received({ actor }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it('needs a summary', () => {
    given(...paused())
      .when(received({ summary: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('is refused when nothing was asked', () => {
    given(...referred())
      .when(received())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('is refused on a closed complaint', () => {
    const history = [
      ...paused(),
      ...given(...paused())
        .when({
          type: 'WithdrawComplaint',
          actor: HEAD,
          at: '2025-04-24T10:00:00.000Z',
          reason: null,
        })
        .events(),
    ];
    given(...history)
      .when(received())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe('AgreeExtension', () => {
  const AT = '2025-04-24T10:00:00.000Z';
  const CONSENT = {
    givenBy: 'Asha Head',
    givenAt: '2025-04-24T09:00:00.000Z',
    method: 'phone',
  } as const;
  const extend = (
    overrides: Partial<CommandOf<'AgreeExtension'>> = {},
  ): CommandOf<'AgreeExtension'> => ({
    type: 'AgreeExtension',
    actor: MANAGER,
    at: AT,
    extraWorkingDays: 5,
    reason: ' Peripatetic staff off sick ',
    consent: CONSENT,
    ...overrides,
  });

  /** 15 working days from Thu 17 April: … 6, 7, 8, 9, 12, 13 May → due Tue 13 May. */
  const EXTENDED: ClockTiming = {
    revision: 2,
    anchor: REFERRED_AT,
    workingDays: 15,
    dueDate: '2025-05-13',
    deadline: '2025-05-13T23:00:00.000Z',
    warningAt: '2025-05-09T23:00:00.000Z',
  };

  it('a service manager records an extension the school agreed to; the deadline moves 5 working days', () => {
    given(...referred())
      .when(extend())
      .then(
        {
          type: 'ExtensionAgreed',
          data: {
            extraWorkingDays: 5,
            reason: 'Peripatetic staff off sick',
            consent: CONSENT,
            by: MANAGER_BY,
            at: AT,
          },
        },
        {
          type: 'ClockExtended',
          data: {
            clock: 'resolution',
            timing: EXTENDED,
            extraWorkingDays: 5,
            by: MANAGER_BY,
            at: AT,
          },
        },
      );
  });

  it('school staff agreeing in the portal are the consent', () => {
    given(...referred())
      .when(extend({ actor: HEAD, consent: null }))
      .then(
        {
          type: 'ExtensionAgreed',
          data: {
            extraWorkingDays: 5,
            reason: 'Peripatetic staff off sick',
            consent: { givenBy: HEAD.name, givenAt: AT, method: 'portal' },
            by: HEAD_BY,
            at: AT,
          },
        },
        {
          type: 'ClockExtended',
          data: { clock: 'resolution', timing: EXTENDED, extraWorkingDays: 5, by: HEAD_BY, at: AT },
        },
      );
  });

  it('refuses an extension without consent (service manager, consent: null)', () => {
    given(...referred())
      .when(extend({ consent: null }))
      .thenFails('EXTENSION_NEEDS_CONSENT', 'rule');
  });

  it('refuses consent that names nobody', () => {
    given(...referred())
      .when(extend({ consent: { ...CONSENT, givenBy: '  ' } }))
      .thenFails('EXTENSION_NEEDS_CONSENT', 'rule');
  });

  it('refuses an extension past the cap of 10 working days in one go', () => {
    given(...referred())
      .when(extend({ extraWorkingDays: 11 }))
      .thenFails('EXTENSION_OVER_CAP', 'rule');
  });

  it('refuses an extension that takes the total past the cap', () => {
    const history = andThen(referred(), extend({ extraWorkingDays: 6 }));
    given(...history)
      .when(extend({ extraWorkingDays: 5 }))
      .thenFails('EXTENSION_OVER_CAP', 'rule');
    given(...history)
      .when(extend({ extraWorkingDays: 4 }))
      .thenMatch(
        { type: 'ExtensionAgreed' },
        { type: 'ClockExtended', data: { timing: { revision: 3, workingDays: 20 } } },
      );
  });

  it.each([0, -1, 1.5])('refuses %d extra working days', (extraWorkingDays) => {
    given(...referred())
      .when(extend({ extraWorkingDays }))
      .thenFails('INVALID_EXTENSION', 'rule');
  });

  it('needs a reason', () => {
    given(...referred())
      .when(extend({ reason: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('extends a paused clock: the days left grow, and the resumed deadline moves with them', () => {
    const history = andThen(paused(), extend());
    given(...paused())
      .when(extend())
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
    // Resumed Mon 28 April with 13 days: 29, 30 April, 1, 2, 6–9, 12–16 May → due Fri 16 May.
    given(...history)
      .when({ type: 'RecordInformationReceived', actor: HEAD, at: RESUMED_AT, summary: 'Dates' })
      .thenMatch(
        { type: 'InformationReceived' },
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

  it.each([
    ["another service's manager", OTHER_MANAGER],
    ["another school's staff", OTHER_HEAD],
    ['Business Support', SUPPORT],
  ])('%s may not agree an extension', (_, actor) => {
    given(...referred())
      .when(extend({ actor }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it.each([
    ['in triage', lodged()],
    ['with a proposed resolution', resolutionProposed()],
    ['escalated', escalated()],
  ])('is refused when the complaint is %s', (_, history) => {
    given(...history)
      .when(extend())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('is refused on a closed complaint', () => {
    given(...withdrawn())
      .when(extend())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  // A dispute reopens the clock with ClockStarted; the cap still counts every extension agreed.
  it('the cap holds for the whole complaint, even after a dispute reopens it', () => {
    let history = andThen(referred(), extend({ extraWorkingDays: 10 }));
    history = andThen(history, {
      type: 'ProposeResolution',
      actor: MANAGER,
      at: PROPOSED_AT,
      resolution: 'Lessons rescheduled',
    });
    history = andThen(history, {
      type: 'DisputeResolution',
      actor: HEAD,
      at: '2025-05-02T10:00:00.000Z',
      reason: 'Not what we agreed',
    });
    expect(fold(history)).toMatchObject({ status: 'with-service' });
    given(...history)
      .when(extend({ at: '2025-05-02T11:00:00.000Z', extraWorkingDays: 5 }))
      .thenFails('EXTENSION_OVER_CAP', 'rule');
  });

  // As with the pause: extending after the deadline would make the late timer stale.
  it('an extension agreed after the deadline passed is refused, so the late timer still escalates', () => {
    given(...referred())
      .when(extend({ actor: HEAD, at: '2025-05-07T07:00:00.000Z' }))
      .thenFails('DEADLINE_PASSED');
    const history = andThen(referred(), {
      type: 'ReachDeadline',
      actor: DEADLINE_WORKER,
      at: '2025-05-07T07:05:00.000Z',
      clock: 'resolution',
      revision: 1,
      timer: 'deadline',
    });
    expect(
      history.some((event) => event.type === 'DeadlineMissed' && event.data.clock === 'resolution'),
    ).toBe(true);
    expect(history.some((event) => event.type === 'ComplaintEscalated')).toBe(true);
  });
});

describe('ProposeResolution', () => {
  const propose = (
    overrides: Partial<CommandOf<'ProposeResolution'>> = {},
  ): CommandOf<'ProposeResolution'> => ({
    type: 'ProposeResolution',
    actor: MANAGER,
    at: PROPOSED_AT,
    resolution: '  Lessons rescheduled  ',
    ...overrides,
  });

  it('stops the resolution clock in time and gives the school 5 working days (to Wed 7 May) to answer', () => {
    given(...referred())
      .when(propose())
      .then(
        {
          type: 'ResolutionProposed',
          data: { resolution: 'Lessons rescheduled', by: MANAGER_BY, at: PROPOSED_AT },
        },
        clockStopped('resolution', 1, true, MANAGER_BY, PROPOSED_AT),
        clockStarted('school-confirmation', CONFIRMATION_TIMING, MANAGER_BY, PROPOSED_AT),
      );
  });

  it('records the resolution as late when the deadline passed before the timer fired', () => {
    const at = '2025-05-07T06:00:00.000Z';
    given(...referred())
      .when(propose({ at }))
      .thenMatch(
        { type: 'ResolutionProposed' },
        { type: 'ClockStopped', data: { clock: 'resolution', revision: 1, metDeadline: false } },
        { type: 'ClockStarted', data: { clock: 'school-confirmation' } },
      );
  });

  it('a second proposal after a dispute starts a new revision of the confirmation clock', () => {
    let history = resolutionProposed();
    history = andThen(history, {
      type: 'DisputeResolution',
      actor: HEAD,
      at: '2025-05-02T10:00:00.000Z',
      reason: 'Not enough',
    });
    given(...history)
      .when(propose({ at: '2025-05-02T15:00:00.000Z' }))
      .thenMatch(
        { type: 'ResolutionProposed' },
        { type: 'ClockStopped', data: { clock: 'resolution', revision: 2, metDeadline: true } },
        { type: 'ClockStarted', data: { clock: 'school-confirmation', timing: { revision: 2 } } },
      );
  });

  it.each([
    ['school staff', HEAD],
    ['Business Support', SUPPORT],
    ["another service's manager", OTHER_MANAGER],
  ])('%s may not propose a resolution', (_, actor) => {
    given(...referred())
      .when(propose({ actor }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it('needs the resolution', () => {
    given(...referred())
      .when(propose({ resolution: ' ' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it.each([
    ['awaiting the school', paused()],
    ['in triage', lodged()],
    ['already proposed', resolutionProposed()],
    ['escalated', escalated()],
  ])('is refused when the complaint is %s', (_, history) => {
    given(...history)
      .when(propose())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('is refused on a withdrawn complaint', () => {
    given(...withdrawn())
      .when(propose())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

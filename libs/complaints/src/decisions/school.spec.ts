import { type Actor } from '../actor';
import { type SchoolConsentGiven } from '../commands';
import { type OpenComplaint } from '../state';
import {
  ANSWERED_AT,
  BOARD_A,
  BOARD_TIMING,
  boardDecided,
  clockStarted,
  clockStopped,
  complaintClosed,
  deadlineMissed,
  REIMBURSEMENT_PROPOSAL_TIMING,
  confirmResolution,
  disputeResolution,
  escalated,
  HEAD_BY,
  informationRequested,
  LODGED_AT,
  lodged,
  MANAGER,
  OTHER_HEAD,
  reachDeadline,
  recordResolutionSent,
  referred,
  reimbursementApproved,
  reimbursementProposed,
  RESOLUTION_TIMING,
  resolutionProposed,
  PROPOSED_AT,
  SCHOOL_CONSENT,
  SUPPORT,
  SUPPORT_BY,
  SYSTEM_BY,
  withdrawal,
  withdrawComplaint,
  WITHDRAWN_AT,
  withdrawn,
} from '../testing/fixtures';
import { andThen, fold, given, itConflicts, itForbids } from '../testing/given-when-then';

describe('ConfirmResolution', () => {
  it('the school confirms: the confirmation clock stops and the complaint closes as resolved; the school is its own consent', () => {
    given(...resolutionProposed())
      .when(confirmResolution())
      .then(
        {
          type: 'ResolutionConfirmed',
          data: { deemed: false, consent: null, by: HEAD_BY, at: ANSWERED_AT },
        },
        clockStopped('school-confirmation', 1, true, HEAD_BY, ANSWERED_AT),
        complaintClosed('resolved', HEAD_BY, ANSWERED_AT),
      );
  });

  it("Business Support records a confirmation the school gave by phone, with the school's consent (who, when, how)", () => {
    given(...resolutionProposed())
      .when(
        confirmResolution({
          actor: SUPPORT,
          consent: { ...SCHOOL_CONSENT, givenBy: '  Asha Head  ' },
        }),
      )
      .then(
        {
          type: 'ResolutionConfirmed',
          data: { deemed: false, consent: SCHOOL_CONSENT, by: SUPPORT_BY, at: ANSWERED_AT },
        },
        clockStopped('school-confirmation', 1, true, SUPPORT_BY, ANSWERED_AT),
        complaintClosed('resolved', SUPPORT_BY, ANSWERED_AT),
      );
  });

  it('refuses a consent to the resolution dated before the resolution was proposed', () => {
    given(...resolutionProposed())
      .when(
        confirmResolution({
          actor: SUPPORT,
          consent: {
            ...SCHOOL_CONSENT,
            givenAt: new Date(Date.parse(PROPOSED_AT) - 60_000).toISOString(),
          },
        }),
      )
      .thenFails('CONSENT_BEFORE_PROPOSAL', 'rule');
    expect(
      given(...resolutionProposed())
        .when(
          confirmResolution({
            actor: SUPPORT,
            consent: { ...SCHOOL_CONSENT, givenAt: PROPOSED_AT },
          }),
        )
        .events()[0],
    ).toMatchObject({ type: 'ResolutionConfirmed' });
  });

  it('takes a consent given in the very minute the resolution was proposed, as forms give times to the minute', () => {
    const proposedHalfAMinuteIn = resolutionProposed().map((event) =>
      event.type === 'ResolutionProposed'
        ? { ...event, data: { ...event.data, at: '2025-04-29T14:00:30.000Z' } }
        : event,
    );
    expect(
      given(...proposedHalfAMinuteIn)
        .when(
          confirmResolution({
            actor: SUPPORT,
            consent: { ...SCHOOL_CONSENT, givenAt: '2025-04-29T14:00:00.000Z' },
          }),
        )
        .events()[0],
    ).toMatchObject({ type: 'ResolutionConfirmed' });
  });

  it('refuses a consent sent by the school confirming itself, rather than drop it: its staff acting are its consent', () => {
    given(...resolutionProposed())
      .when(confirmResolution({ consent: SCHOOL_CONSENT }))
      .thenFails('CONSENT_NOT_APPLICABLE', 'rule');
    given(...resolutionProposed())
      .when(withdrawComplaint({ consent: SCHOOL_CONSENT }))
      .thenFails('CONSENT_NOT_APPLICABLE', 'rule');
  });

  itForbids(
    '%s may not confirm for the school',
    resolutionProposed(),
    (actor) => confirmResolution({ actor }),
    {
      "another school's staff": OTHER_HEAD,
      'the service manager': MANAGER,
      'a Board member': BOARD_A,
    },
  );

  itConflicts(
    'is refused when nothing is proposed (complaint %s)',
    { 'with the service': referred(), 'in triage': lodged(), escalated: escalated() },
    confirmResolution(),
  );

  it('refuses to confirm a resolution on a withdrawn complaint', () => {
    given(...withdrawn(resolutionProposed()))
      .when(confirmResolution())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  it('refuses to confirm twice', () => {
    given(...andThen(resolutionProposed(), confirmResolution()))
      .when(confirmResolution({ at: '2025-05-02T11:00:00.000Z' }))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe('DisputeResolution', () => {
  it('before the resolution deadline it reopens the complaint with the same deadline (Tue 6 May)', () => {
    given(...resolutionProposed())
      .when(disputeResolution())
      .then(
        {
          type: 'ResolutionDisputed',
          data: { reason: 'The new dates do not suit', by: HEAD_BY, at: ANSWERED_AT },
        },
        clockStopped('school-confirmation', 1, true, HEAD_BY, ANSWERED_AT),
        { type: 'ComplaintReopened', data: { by: HEAD_BY, at: ANSWERED_AT } },
        clockStarted('resolution', { ...RESOLUTION_TIMING, revision: 2 }, HEAD_BY, ANSWERED_AT),
      );
  });

  it("is refused once the school's window has closed, even before its timer ran: what its end set off stands", () => {
    const closedAt = fold(resolutionProposed()) as OpenComplaint;
    const windowEnd = closedAt.clocks['school-confirmation']!.timing.deadline;
    given(...resolutionProposed())
      .when(disputeResolution({ at: windowEnd }))
      .thenFails('DEADLINE_PASSED', 'conflict');
  });

  it("refused once the school's window has closed and its silence was taken as acceptance, even before its timer ran, saying so", () => {
    const sent = andThen(resolutionProposed(), recordResolutionSent());
    const windowEnd = (fold(sent) as OpenComplaint).clocks['school-confirmation']!.timing.deadline;
    const refusal = given(...sent)
      .when(disputeResolution({ at: windowEnd }))
      .thenFails('DEADLINE_PASSED', 'conflict');
    expect(refusal.message).toBe(
      `Cannot dispute the resolution: the school confirmation deadline passed at ${windowEnd}, and the complaint has moved on`,
    );
  });

  it('refused as on the stage the school sees when it would be refused there anyway, deadline or none', () => {
    // With the service, nothing to dispute; after the resolution deadline, still nothing.
    given(...referred())
      .when(disputeResolution({ at: '2025-05-07T06:00:00.000Z' }))
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('after the resolution deadline it escalates to the Board, whose 20 days run to Thu 5 June', () => {
    const at = '2025-05-07T10:00:00.000Z';
    given(...resolutionProposed())
      .when(disputeResolution({ at }))
      .then(
        {
          type: 'ResolutionDisputed',
          data: { reason: 'The new dates do not suit', by: HEAD_BY, at },
        },
        clockStopped('school-confirmation', 1, true, HEAD_BY, at),
        {
          type: 'ComplaintEscalated',
          data: { reason: 'resolution-disputed-after-deadline', by: HEAD_BY, at },
        },
        clockStarted(
          'board-decision',
          {
            revision: 1,
            anchor: at,
            workingDays: 20,
            dueDate: '2025-06-05',
            deadline: '2025-06-05T23:00:00.000Z',
            // Warning with 2 working days left: end of Tue 3 June.
            warningAt: '2025-06-03T23:00:00.000Z',
          },
          HEAD_BY,
          at,
        ),
      );
  });

  it('at the very instant of the deadline it escalates', () => {
    given(...resolutionProposed())
      .when(disputeResolution({ at: RESOLUTION_TIMING.deadline }))
      .thenMatch(
        { type: 'ResolutionDisputed' },
        { type: 'ClockStopped' },
        { type: 'ComplaintEscalated' },
        { type: 'ClockStarted', data: { clock: 'board-decision' } },
      );
  });

  it('a millisecond before the deadline it reopens', () => {
    given(...resolutionProposed())
      .when(disputeResolution({ at: '2025-05-06T22:59:59.999Z' }))
      .thenMatch(
        { type: 'ResolutionDisputed' },
        { type: 'ClockStopped' },
        { type: 'ComplaintReopened' },
        { type: 'ClockStarted', data: { clock: 'resolution', timing: { revision: 2 } } },
      );
  });

  it('the reopened clock escalates at the original deadline', () => {
    const history = andThen(resolutionProposed(), disputeResolution());
    expect(fold(history)).toMatchObject({ status: 'with-service' });
    given(...history)
      .when(reachDeadline('resolution', '2025-05-07T00:00:00.000Z', 2))
      .thenMatch(
        { type: 'DeadlineMissed', data: { clock: 'resolution', revision: 2 } },
        { type: 'ClockStopped', data: { clock: 'resolution', metDeadline: false } },
        {
          type: 'ComplaintEscalated',
          data: { reason: 'resolution-deadline-missed', by: SYSTEM_BY },
        },
        { type: 'ClockStarted', data: { clock: 'board-decision' } },
      );
  });

  it('Business Support records a dispute made by phone', () => {
    given(...resolutionProposed())
      .when(disputeResolution({ actor: SUPPORT }))
      .thenMatch({ type: 'ResolutionDisputed', data: { by: SUPPORT_BY } }, {}, {}, {});
  });

  it('needs a reason', () => {
    given(...resolutionProposed())
      .when(disputeResolution({ reason: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  itForbids(
    '%s may not dispute for the school',
    resolutionProposed(),
    (actor) => disputeResolution({ actor }),
    { "another school's staff": OTHER_HEAD, 'the service manager': MANAGER },
  );

  itConflicts(
    'is refused when nothing is proposed (complaint %s)',
    { 'with the service': referred(), escalated: escalated() },
    disputeResolution(),
  );

  it('is refused on a withdrawn complaint', () => {
    given(...withdrawn(resolutionProposed()))
      .when(disputeResolution())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe('WithdrawComplaint', () => {
  it('the school withdraws while the service works: the resolution clock stops, the complaint closes', () => {
    given(...referred())
      .when(withdrawComplaint())
      .then(...withdrawn().slice(referred().length));
  });

  it('withdrawn in triage: the triage clock stops; the reason is kept, trimmed', () => {
    const at = '2025-04-16T10:00:00.000Z';
    given(...lodged())
      .when(withdrawComplaint({ at, reason: '  Raised by mistake ' }))
      .then(...withdrawal('triage', at, 'Raised by mistake'));
  });

  it.each([null, '', '   '])('refuses a withdrawal without a reason (%p)', (reason) => {
    const refusal = given(...referred())
      .when(withdrawComplaint({ reason }))
      .thenFails('FIELD_REQUIRED', 'rule');
    expect(refusal.message).toContain('reason');
  });

  it("withdrawn while awaiting the school: the paused resolution clock and the school's reply clock stop", () => {
    // Asked on Fri 2 May with 2 days left; the school's window runs to Mon 19 May. Withdrawn on
    // Fri 16 May, after the resolution clock's first deadline: paused, it still met it.
    const at = '2025-05-16T10:00:00.000Z';
    given(
      ...informationRequested(referred(), ANSWERED_AT, 2, {
        revision: 1,
        anchor: ANSWERED_AT,
        workingDays: 10,
        dueDate: '2025-05-19',
        deadline: '2025-05-19T23:00:00.000Z',
        warningAt: '2025-05-15T23:00:00.000Z',
      }),
    )
      .when(withdrawComplaint({ at }))
      .then(
        {
          type: 'ComplaintWithdrawn',
          data: { reason: 'Sorted out informally', consent: null, by: HEAD_BY, at },
        },
        clockStopped('resolution', 2, true, HEAD_BY, at),
        clockStopped('school-reply', 1, true, HEAD_BY, at),
        complaintClosed('withdrawn', HEAD_BY, at),
      );
  });

  it('withdrawn with a resolution proposed: the confirmation clock stops', () => {
    given(...resolutionProposed())
      .when(withdrawComplaint({ at: ANSWERED_AT }))
      .then(...withdrawal('school-confirmation', ANSWERED_AT));
  });

  it('withdrawn before the Board: the Board clock stops', () => {
    given(...escalated())
      .when(withdrawComplaint({ at: '2025-05-08T10:00:00.000Z' }))
      .then(...withdrawal('board-decision', '2025-05-08T10:00:00.000Z'));
  });

  it('withdrawn after the Board upheld it: the reimbursement proposal clock stops', () => {
    given(...boardDecided())
      .when(withdrawComplaint({ at: '2025-05-21T10:00:00.000Z' }))
      .then(...withdrawal('reimbursement-proposal', '2025-05-21T10:00:00.000Z'));
  });

  it('withdrawn with a reimbursement awaiting approval: the approval clock stops', () => {
    given(...reimbursementProposed())
      .when(withdrawComplaint({ at: '2025-05-22T10:00:00.000Z' }))
      .then(...withdrawal('reimbursement-approval', '2025-05-22T10:00:00.000Z'));
  });

  it('withdrawn after the resolution deadline, before its timer ran: escalated first, as the timer would have, then withdrawn', () => {
    const at = '2025-05-07T06:00:00.000Z';
    given(...referred())
      .when(withdrawComplaint({ at }))
      .then(
        deadlineMissed('resolution', RESOLUTION_TIMING),
        clockStopped('resolution', 1, false, SYSTEM_BY, RESOLUTION_TIMING.deadline),
        {
          type: 'ComplaintEscalated',
          data: {
            reason: 'resolution-deadline-missed',
            by: SYSTEM_BY,
            at: RESOLUTION_TIMING.deadline,
          },
        },
        clockStarted('board-decision', BOARD_TIMING, SYSTEM_BY, RESOLUTION_TIMING.deadline),
        {
          type: 'ComplaintWithdrawn',
          data: { reason: 'Sorted out informally', consent: null, by: HEAD_BY, at },
        },
        clockStopped('board-decision', 1, true, HEAD_BY, at),
        complaintClosed('withdrawn', HEAD_BY, at),
      );
  });

  it('withdrawn late: a clock whose deadline has passed stops as missed', () => {
    given(...boardDecided())
      .when(withdrawComplaint({ at: '2025-06-02T10:00:00.000Z' }))
      .thenMatch(
        deadlineMissed('reimbursement-proposal', REIMBURSEMENT_PROPOSAL_TIMING),
        { type: 'ComplaintWithdrawn' },
        {
          type: 'ClockStopped',
          data: { clock: 'reimbursement-proposal', revision: 1, metDeadline: false },
        },
        { type: 'ComplaintClosed', data: { outcome: 'withdrawn' } },
      );
  });

  it('is refused once the Board has approved a payment: the council owes it', () => {
    given(...reimbursementApproved())
      .when(withdrawComplaint({ at: '2025-05-26T10:00:00.000Z' }))
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it("Business Support withdraws on the school's behalf, recording the school's consent", () => {
    const consent: SchoolConsentGiven = {
      givenBy: 'Asha Head',
      givenAt: '2025-04-24T09:15:00.000Z',
      method: 'email',
    };
    given(...referred())
      .when(withdrawComplaint({ actor: SUPPORT, consent }))
      .then(
        {
          type: 'ComplaintWithdrawn',
          data: { reason: 'Sorted out informally', consent, by: SUPPORT_BY, at: WITHDRAWN_AT },
        },
        clockStopped('resolution', 1, true, SUPPORT_BY, WITHDRAWN_AT),
        complaintClosed('withdrawn', SUPPORT_BY, WITHDRAWN_AT),
      );
  });

  it('records no consent when the school withdraws itself, and refuses one sent', () => {
    given(...referred())
      .when(withdrawComplaint())
      .thenMatch(
        { type: 'ComplaintWithdrawn', data: { consent: null, by: HEAD_BY } },
        { type: 'ClockStopped' },
        { type: 'ComplaintClosed', data: { outcome: 'withdrawn' } },
      );
    given(...referred())
      .when(withdrawComplaint({ consent: { ...SCHOOL_CONSENT, givenAt: LODGED_AT } }))
      .thenFails('CONSENT_NOT_APPLICABLE', 'rule');
  });

  itForbids(
    '%s may not withdraw the complaint',
    referred(),
    (actor) => withdrawComplaint({ actor }),
    {
      "another school's staff": OTHER_HEAD,
      'the service manager': MANAGER,
      'a Board member': BOARD_A,
    },
  );

  it('refuses to withdraw twice', () => {
    given(...withdrawn())
      .when(withdrawComplaint({ at: '2025-04-25T10:00:00.000Z' }))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  it('refuses to withdraw a complaint that does not exist', () => {
    given().when(withdrawComplaint()).thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });
});

// Business Support acts for the school only with its consent, as a service manager does for an
// extension: who agreed, when (not after the officer records it) and how.
type ForTheSchool = { actor: Actor; consent: SchoolConsentGiven | null };
describe.each([
  [
    'confirming the resolution',
    (acting: ForTheSchool) => confirmResolution(acting),
    // What the school agreed to is the resolution, which came after the complaint.
    'CONSENT_BEFORE_PROPOSAL',
  ],
  [
    'withdrawing the complaint',
    (acting: ForTheSchool) => withdrawComplaint({ at: ANSWERED_AT, ...acting }),
    'CONSENT_BEFORE_LODGED',
  ],
] as const)("Business Support %s for the school: the school's consent", (_, command, tooEarly) => {
  const history = resolutionProposed();
  const forSchool = (consent: SchoolConsentGiven | null) => command({ actor: SUPPORT, consent });

  it.each([
    ['no consent', null],
    ['no one named as agreeing', { ...SCHOOL_CONSENT, givenBy: '  ' }],
  ])('is refused with %s', (__, consent) => {
    const refusal = given(...history)
      .when(forSchool(consent))
      .thenFails('CONSENT_REQUIRED', 'rule');
    expect(refusal.message).toContain('who agreed, when and how');
  });

  it.each([
    [
      'after the officer records it (a minute later)',
      '2025-05-02T10:01:00.000Z',
      'CONSENT_IN_FUTURE',
    ],
    ['not a date-time', 'this morning', 'INVALID_DATE'],
  ])('is refused when consent was given %s', (__, givenAt, code) => {
    const refusal = given(...history)
      .when(forSchool({ ...SCHOOL_CONSENT, givenAt }))
      .thenFails(code, 'rule');
    expect(refusal.message).toContain('consent.givenAt');
  });

  it('is refused when consent was given before what it agrees to', () => {
    const refusal = given(...history)
      .when(forSchool({ ...SCHOOL_CONSENT, givenAt: '2020-01-01T00:00:00Z' }))
      .thenFails(tooEarly, 'rule');
    expect(refusal.message).toContain('consent.givenAt');
  });

  it('is accepted with consent given the very instant it is recorded', () => {
    const consent: SchoolConsentGiven = {
      ...SCHOOL_CONSENT,
      givenAt: ANSWERED_AT,
      method: 'meeting',
    };
    const [recorded] = given(...history)
      .when(forSchool(consent))
      .events();
    expect(recorded.data).toMatchObject({ consent, by: SUPPORT_BY });
  });
});

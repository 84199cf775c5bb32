import { type ActedBy, type Actor } from '../actor';
import { type CommandOf, type ComplaintCommand } from '../commands';
import { type ComplaintEvent } from '../events';
import { DEFAULT_POLICY } from '../policy/default-policy';
import {
  ADMIN,
  approvalGiven,
  APPROVED_AT,
  BASIS,
  BASIS_IN_EVENTS,
  BOARD_A,
  BOARD_A_BY,
  BOARD_B,
  BOARD_B_BY,
  BOARD_C,
  BOARD_C_BY,
  BOARD_MANAGER,
  BOARD_TIMING,
  deadlineMissed,
  boardDecided,
  clockStarted,
  clockStopped,
  commandBuilder,
  complaintClosed,
  conflictDeclared,
  declareConflictOfInterest,
  DECIDED_AT,
  escalated,
  FINANCE,
  FINANCE_BY,
  HEAD,
  lodged,
  MANAGER,
  OTHER_SCHOOL_URN,
  OTHER_SERVICE,
  PAID_AT,
  PROPOSAL_AT,
  PROPOSAL_ID,
  recordBoardDecision,
  recordReimbursementPaid,
  REFERRED_AT,
  referred,
  reimbursementApproved,
  reimbursementProposed,
  REIMBURSEMENT_APPROVAL_TIMING,
  REIMBURSEMENT_PAYMENT_TIMING,
  REIMBURSEMENT_PROPOSAL_TIMING,
  RESOLUTION_TIMING,
  SERVICE,
  SUPPORT,
  withdrawComplaint,
  withdrawn,
} from '../testing/fixtures';
import { schoolReads } from '../school-reading';
import { type OpenComplaint } from '../state';
import { waiverRefusal } from './board';
import { andThen, context, fold, given, itConflicts, itForbids } from '../testing/given-when-then';
import { decide } from '../decide';

const DECLINED_AT = '2025-05-22T10:00:00.000Z';
const decline = commandBuilder('DeclineReimbursement', {
  actor: BOARD_B,
  at: DECLINED_AT,
  proposalId: PROPOSAL_ID,
  reason: ' Too generous ',
});

describe('RecordBoardDecision', () => {
  it('upheld with a failure level: the Board clock stops in time, and the Board has 5 working days (to Wed 28 May) to propose a reimbursement', () => {
    given(...escalated())
      .when(recordBoardDecision())
      .then(
        {
          type: 'BoardDecisionRecorded',
          data: {
            outcome: 'upheld',
            failureLevel: 'significant',
            rationale: 'Lessons were not delivered',
            // The default quorum of 1: the member who decides is the Board that decided.
            members: [BOARD_A.id],
            by: BOARD_A_BY,
            at: DECIDED_AT,
          },
        },
        clockStopped('board-decision', 1, true, BOARD_A_BY, DECIDED_AT),
        clockStarted(
          'reimbursement-proposal',
          REIMBURSEMENT_PROPOSAL_TIMING,
          BOARD_A_BY,
          DECIDED_AT,
        ),
      );
    expect(boardDecided().slice(escalated().length)).toEqual(
      given(...escalated())
        .when(recordBoardDecision())
        .events(),
    );
  });

  it('partly upheld with a failure level', () => {
    given(...escalated())
      .when(recordBoardDecision({ outcome: 'partly-upheld', failureLevel: 'minor' }))
      .then(...boardDecided('partly-upheld', 'minor').slice(escalated().length));
  });

  it('decided after the Board deadline: the Board clock stops as missed; the proposal clock runs from the decision', () => {
    const at = '2025-06-10T10:00:00.000Z';
    given(...escalated())
      .when(recordBoardDecision({ at }))
      .thenMatch(
        deadlineMissed('board-decision', BOARD_TIMING),
        { type: 'BoardDecisionRecorded' },
        {
          type: 'ClockStopped',
          data: { clock: 'board-decision', revision: 1, metDeadline: false },
        },
        {
          type: 'ClockStarted',
          data: {
            clock: 'reimbursement-proposal',
            timing: { revision: 1, anchor: at, workingDays: 5, dueDate: '2025-06-17' },
          },
        },
      );
  });

  it('not upheld: the complaint closes, with no failure level', () => {
    given(...escalated())
      .when(recordBoardDecision({ outcome: 'not-upheld', failureLevel: null }))
      .then(
        {
          type: 'BoardDecisionRecorded',
          data: {
            outcome: 'not-upheld',
            failureLevel: null,
            rationale: 'Lessons were not delivered',
            members: [BOARD_A.id],
            by: BOARD_A_BY,
            at: DECIDED_AT,
          },
        },
        clockStopped('board-decision', 1, true, BOARD_A_BY, DECIDED_AT),
        complaintClosed('not-upheld', BOARD_A_BY, DECIDED_AT),
      );
  });

  it.each(['upheld', 'partly-upheld'] as const)('refuses %s without a failure level', (outcome) => {
    given(...escalated())
      .when(recordBoardDecision({ outcome, failureLevel: null }))
      .thenFails('FAILURE_LEVEL_REQUIRED', 'rule');
  });

  it('refuses a failure level for a complaint it does not uphold: the two contradict each other, and closing cannot be undone', () => {
    given(...escalated())
      .when(recordBoardDecision({ outcome: 'not-upheld', failureLevel: 'minor' }))
      .thenFails('FAILURE_LEVEL_NOT_APPLICABLE', 'rule');
  });

  it('needs a rationale', () => {
    given(...escalated())
      .when(recordBoardDecision({ rationale: ' ' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  itForbids(
    '%s may not record a Board decision',
    escalated(),
    (actor) => recordBoardDecision({ actor }),
    {
      'a service manager': MANAGER,
      'Business Support': SUPPORT,
      finance: FINANCE,
    },
  );

  itConflicts(
    'is refused when the complaint is %s',
    { 'already decided': boardDecided() },
    recordBoardDecision(),
  );

  // Before its deadline: after it, the complaint is the Board's, timer or no timer.
  itConflicts(
    'is refused when the complaint is %s, its deadline to come',
    { 'with the service': referred() },
    recordBoardDecision({ at: '2025-04-25T10:00:00.000Z' }),
  );

  it('is refused on a closed complaint', () => {
    given(...withdrawn(escalated()))
      .when(recordBoardDecision())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe('RecordBoardDecision under a decision quorum', () => {
  /** Escalated under a policy whose decision needs `decisionQuorum` distinct members. */
  const escalatedUnder = (decisionQuorum: number): ComplaintEvent[] =>
    escalated(
      referred(
        REFERRED_AT,
        RESOLUTION_TIMING,
        lodged({ policy: { ...DEFAULT_POLICY, decisionQuorum } }),
      ),
    );
  /** Monday 19 May 2025, 11:00 BST: Board member A puts the decision; B supports it the next day. */
  const PUT_AT = '2025-05-19T10:00:00.000Z';
  const upheld = { outcome: 'upheld', failureLevel: 'significant' } as const;
  const decisionProposed = (
    who: ActedBy,
    decision: Pick<CommandOf<'RecordBoardDecision'>, 'outcome' | 'failureLevel'> = upheld,
    at = PUT_AT,
  ): ComplaintEvent => ({
    type: 'BoardDecisionProposed',
    data: { ...decision, rationale: 'Lessons were not delivered', by: who, at },
  });
  const supported = (who: ActedBy, at = DECIDED_AT): ComplaintEvent => ({
    type: 'BoardDecisionSupported',
    data: { rationale: 'Agreed', by: who, at },
  });
  const put = (actor: Actor, overrides: Partial<CommandOf<'RecordBoardDecision'>> = {}) =>
    recordBoardDecision({ actor, at: DECIDED_AT, rationale: 'Agreed', ...overrides });

  it('a quorum of 1 (the default): one member decides at once, and is named as the Board that did', () => {
    given(...escalatedUnder(1))
      .when(recordBoardDecision())
      .then(...boardDecided().slice(escalated().length));
  });

  it('a quorum of 2: the first member only proposes the decision; the Board clock runs on', () => {
    given(...escalatedUnder(2))
      .when(recordBoardDecision({ at: PUT_AT }))
      .then(decisionProposed(BOARD_A_BY));
    expect(fold([...escalatedUnder(2), decisionProposed(BOARD_A_BY)])).toMatchObject({
      status: 'escalated',
      board: null,
      pendingDecision: {
        ...upheld,
        rationale: 'Lessons were not delivered',
        proposedBy: BOARD_A.id,
        supporters: [],
      },
      clocks: { 'board-decision': { status: 'running', timing: BOARD_TIMING } },
    });
  });

  it("a quorum of 2: a second member supporting the same outcome and level records it, with the proposer's rationale and both members, proposer first", () => {
    given(...escalatedUnder(2), decisionProposed(BOARD_A_BY))
      .when(put(BOARD_B))
      .then(
        supported(BOARD_B_BY),
        {
          type: 'BoardDecisionRecorded',
          data: {
            ...upheld,
            rationale: 'Lessons were not delivered',
            members: [BOARD_A.id, BOARD_B.id],
            by: BOARD_B_BY,
            at: DECIDED_AT,
          },
        },
        clockStopped('board-decision', 1, true, BOARD_B_BY, DECIDED_AT),
        clockStarted(
          'reimbursement-proposal',
          REIMBURSEMENT_PROPOSAL_TIMING,
          BOARD_B_BY,
          DECIDED_AT,
        ),
      );
  });

  it('a quorum of 2: a decision not to uphold, once supported, closes the complaint', () => {
    const notUpheld = { outcome: 'not-upheld', failureLevel: null } as const;
    given(...escalatedUnder(2), decisionProposed(BOARD_A_BY, notUpheld))
      .when(put(BOARD_C, notUpheld))
      .then(
        supported(BOARD_C_BY),
        {
          type: 'BoardDecisionRecorded',
          data: {
            ...notUpheld,
            rationale: 'Lessons were not delivered',
            members: [BOARD_A.id, BOARD_C.id],
            by: BOARD_C_BY,
            at: DECIDED_AT,
          },
        },
        clockStopped('board-decision', 1, true, BOARD_C_BY, DECIDED_AT),
        complaintClosed('not-upheld', BOARD_C_BY, DECIDED_AT),
      );
  });

  it('a quorum of 3: a second member only supports; the third records it, naming all three in order', () => {
    const history = [...escalatedUnder(3), decisionProposed(BOARD_A_BY)];
    given(...history)
      .when(put(BOARD_B, { at: PUT_AT }))
      .then(supported(BOARD_B_BY, PUT_AT));
    expect(fold([...history, supported(BOARD_B_BY, PUT_AT)])).toMatchObject({
      status: 'escalated',
      pendingDecision: { proposedBy: BOARD_A.id, supporters: [BOARD_B.id] },
    });
    given(...history, supported(BOARD_B_BY, PUT_AT))
      .when(put(BOARD_C))
      .thenMatch(
        { type: 'BoardDecisionSupported', data: { by: BOARD_C_BY } },
        {
          type: 'BoardDecisionRecorded',
          data: { members: [BOARD_A.id, BOARD_B.id, BOARD_C.id], by: BOARD_C_BY },
        },
        { type: 'ClockStopped', data: { clock: 'board-decision' } },
        { type: 'ClockStarted', data: { clock: 'reimbursement-proposal' } },
      );
  });

  it.each([
    ['another outcome', { outcome: 'partly-upheld', failureLevel: 'significant' }],
    ['another failure level', { outcome: 'upheld', failureLevel: 'serious' }],
    ['not upholding it', { outcome: 'not-upheld', failureLevel: null }],
  ] as const)(
    'a member putting %s replaces the decision awaiting support with their own',
    (_, decision) => {
      const history = [...escalatedUnder(2), decisionProposed(BOARD_A_BY)];
      given(...history)
        .when(put(BOARD_B, { ...decision, rationale: 'Lessons were not delivered' }))
        .then(decisionProposed(BOARD_B_BY, decision, DECIDED_AT));
      // The first proposer may then support it; the recorded decision names B first.
      given(...history, decisionProposed(BOARD_B_BY, decision, DECIDED_AT))
        .when(put(BOARD_A, { ...decision, at: '2025-05-21T10:00:00.000Z' }))
        .thenMatch(
          { type: 'BoardDecisionSupported', data: { by: BOARD_A_BY } },
          {
            type: 'BoardDecisionRecorded',
            data: { ...decision, members: [BOARD_B.id, BOARD_A.id], by: BOARD_A_BY },
          },
          {},
          {},
        );
    },
  );

  it('a replaced decision loses its supporters: they must support the new one', () => {
    const history = [
      ...escalatedUnder(3),
      decisionProposed(BOARD_A_BY),
      supported(BOARD_B_BY, PUT_AT),
      decisionProposed(BOARD_C_BY, { outcome: 'upheld', failureLevel: 'minor' }, DECIDED_AT),
    ];
    expect(fold(history)).toMatchObject({
      pendingDecision: { failureLevel: 'minor', proposedBy: BOARD_C.id, supporters: [] },
    });
    given(...history)
      .when(put(BOARD_B, { failureLevel: 'minor', at: '2025-05-21T10:00:00.000Z' }))
      .then(supported(BOARD_B_BY, '2025-05-21T10:00:00.000Z'));
  });

  it('the proposer may put a different decision in place of their own', () => {
    given(...escalatedUnder(2), decisionProposed(BOARD_A_BY))
      .when(put(BOARD_A, { failureLevel: 'minor', rationale: 'Lessons were not delivered' }))
      .then(decisionProposed(BOARD_A_BY, { outcome: 'upheld', failureLevel: 'minor' }, DECIDED_AT));
  });

  it('refuses the proposer supporting their own decision again', () => {
    const refusal = given(...escalatedUnder(2), decisionProposed(BOARD_A_BY))
      .when(put(BOARD_A))
      .thenFails('ALREADY_SUPPORTED', 'conflict');
    expect(refusal.message).toContain(BOARD_A.name);
  });

  it('refuses a supporter supporting twice', () => {
    given(...escalatedUnder(3), decisionProposed(BOARD_A_BY), supported(BOARD_B_BY, PUT_AT))
      .when(put(BOARD_B))
      .thenFails('ALREADY_SUPPORTED', 'conflict');
  });

  it("keeps a supporter's own reasons with their support; the decision keeps the proposer's", () => {
    given(...escalatedUnder(2), decisionProposed(BOARD_A_BY))
      .when(put(BOARD_B, { rationale: 'The school waited three months for advice' }))
      .thenMatch(
        {
          type: 'BoardDecisionSupported',
          data: { rationale: 'The school waited three months for advice', by: BOARD_B_BY },
        },
        { type: 'BoardDecisionRecorded', data: { rationale: 'Lessons were not delivered' } },
        { type: 'ClockStopped' },
        { type: 'ClockStarted' },
      );
  });

  it('a supporter gives a rationale too, and a failure level when upholding', () => {
    const history = [...escalatedUnder(2), decisionProposed(BOARD_A_BY)];
    given(...history)
      .when(put(BOARD_B, { rationale: '  ' }))
      .thenFails('FIELD_REQUIRED', 'rule');
    given(...history)
      .when(put(BOARD_B, { failureLevel: null }))
      .thenFails('FAILURE_LEVEL_REQUIRED', 'rule');
  });

  it.each([
    ['who manages the service complained about', BOARD_MANAGER, [] as ComplaintEvent[]],
    ['who declared a conflict', BOARD_B, [conflictDeclared(BOARD_B_BY)]],
  ])('refuses the support of a member %s', (_, member, declared) => {
    given(...escalatedUnder(2), ...declared, decisionProposed(BOARD_A_BY))
      .when(put(member))
      .thenFails('CONFLICT_OF_INTEREST', 'forbidden');
  });

  itForbids(
    '%s may not support a Board decision',
    [...escalatedUnder(2), decisionProposed(BOARD_A_BY)],
    (actor) => put(actor),
    { 'Business Support': SUPPORT, 'a service manager': MANAGER, 'school staff': HEAD },
  );
});

describe('CloseWithoutReimbursement', () => {
  const AT = '2025-05-21T10:00:00.000Z';
  const close = commandBuilder('CloseWithoutReimbursement', {
    actor: BOARD_B,
    at: AT,
    reason: 'An apology and extra lessons are enough',
  });

  it('closes an upheld complaint without reimbursement: the proposal clock stops in time', () => {
    given(...boardDecided())
      .when(close())
      .then(
        {
          type: 'ReimbursementWaived',
          data: {
            reason: 'An apology and extra lessons are enough',
            members: [BOARD_B.id],
            by: BOARD_B_BY,
            at: AT,
          },
        },
        clockStopped('reimbursement-proposal', 1, true, BOARD_B_BY, AT),
        complaintClosed('upheld-without-reimbursement', BOARD_B_BY, AT),
      );
  });

  it('closes after a reimbursement proposal was declined: the restarted proposal clock stops', () => {
    const declined = andThen(reimbursementProposed(), decline({ at: AT }));
    const at = '2025-05-22T10:00:00.000Z';
    given(...declined)
      .when(close({ at }))
      .then(
        {
          type: 'ReimbursementWaived',
          data: {
            reason: 'An apology and extra lessons are enough',
            members: [BOARD_B.id],
            by: BOARD_B_BY,
            at,
          },
        },
        clockStopped('reimbursement-proposal', 2, true, BOARD_B_BY, at),
        complaintClosed('upheld-without-reimbursement', BOARD_B_BY, at),
      );
  });

  it('closed after the proposal deadline: the proposal clock stops as missed', () => {
    given(...boardDecided())
      .when(close({ at: REIMBURSEMENT_PROPOSAL_TIMING.deadline }))
      .thenMatch(
        deadlineMissed('reimbursement-proposal', REIMBURSEMENT_PROPOSAL_TIMING),
        { type: 'ReimbursementWaived' },
        { type: 'ClockStopped', data: { clock: 'reimbursement-proposal', metDeadline: false } },
        { type: 'ComplaintClosed' },
      );
  });

  it('needs a reason', () => {
    given(...boardDecided())
      .when(close({ reason: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('keeps the reason in the stream', () => {
    const events = given(...boardDecided())
      .when(close())
      .events();
    expect(JSON.stringify(events)).toContain('An apology and extra lessons are enough');
  });

  itForbids('%s may not close it', boardDecided(), (actor) => close({ actor }), {
    finance: FINANCE,
    'a service manager': MANAGER,
  });

  itConflicts(
    'is refused when the complaint is %s',
    {
      'escalated (not yet decided)': escalated(),
      'with a reimbursement proposed': reimbursementProposed(),
      'with a reimbursement approved': reimbursementApproved(),
    },
    close(),
  );

  it('is refused on a closed complaint', () => {
    given(...andThen(boardDecided(), close()))
      .when(close({ at: '2025-05-22T10:00:00.000Z' }))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe('CloseWithoutReimbursement under a decision quorum', () => {
  /** Decided (upheld) under a policy whose decisions need `decisionQuorum` distinct members. */
  const decidedUnder = (decisionQuorum: number): ComplaintEvent[] =>
    boardDecided(
      'upheld',
      'significant',
      escalated(
        referred(
          REFERRED_AT,
          RESOLUTION_TIMING,
          lodged({ policy: { ...DEFAULT_POLICY, decisionQuorum } }),
        ),
      ),
    );
  const PUT_AT = '2025-05-20T10:00:00.000Z';
  const AT = '2025-05-21T10:00:00.000Z';
  const close = commandBuilder('CloseWithoutReimbursement', {
    actor: BOARD_A,
    at: PUT_AT,
    reason: 'An apology is enough',
  });
  const waiverProposed: ComplaintEvent = {
    type: 'ReimbursementWaiverProposed',
    data: { reason: 'An apology is enough', by: BOARD_A_BY, at: PUT_AT },
  };

  it('a quorum of 2: the first member only proposes closing it; the proposal clock runs on and it stays open', () => {
    given(...decidedUnder(2))
      .when(close())
      .then(waiverProposed);
    expect(fold([...decidedUnder(2), waiverProposed])).toMatchObject({
      status: 'board-decided',
      closure: null,
      pendingWaiver: { reason: 'An apology is enough', proposedBy: BOARD_A.id, supporters: [] },
      clocks: { 'reimbursement-proposal': { status: 'running' } },
    });
  });

  it("a quorum of 2: a second member's support closes it, with the proposer's reasons, both members, and the supporter's own reasons kept", () => {
    given(...decidedUnder(2), waiverProposed)
      .when(close({ actor: BOARD_B, at: AT, reason: 'The school has had its lessons' }))
      .then(
        {
          type: 'ReimbursementWaiverSupported',
          data: { reason: 'The school has had its lessons', by: BOARD_B_BY, at: AT },
        },
        {
          type: 'ReimbursementWaived',
          data: {
            reason: 'An apology is enough',
            members: [BOARD_A.id, BOARD_B.id],
            by: BOARD_B_BY,
            at: AT,
          },
        },
        clockStopped('reimbursement-proposal', 1, true, BOARD_B_BY, AT),
        complaintClosed('upheld-without-reimbursement', BOARD_B_BY, AT),
      );
  });

  it('a quorum of 3: the second member only supports; the third closes it, naming all three in order', () => {
    const supported = andThen(
      [...decidedUnder(3), waiverProposed],
      close({ actor: BOARD_B, at: AT, reason: 'Agreed' }),
    );
    expect(supported.slice(-1)).toEqual([
      {
        type: 'ReimbursementWaiverSupported',
        data: { reason: 'Agreed', by: BOARD_B_BY, at: AT },
      },
    ]);
    given(...supported)
      .when(close({ actor: BOARD_C, at: AT, reason: 'Agreed too' }))
      .thenMatch(
        { type: 'ReimbursementWaiverSupported', data: { by: BOARD_C_BY } },
        { type: 'ReimbursementWaived', data: { members: [BOARD_A.id, BOARD_B.id, BOARD_C.id] } },
        { type: 'ClockStopped', data: { clock: 'reimbursement-proposal' } },
        { type: 'ComplaintClosed', data: { outcome: 'upheld-without-reimbursement' } },
      );
  });

  it('refuses the proposer supporting their own proposal to close it', () => {
    given(...decidedUnder(2), waiverProposed)
      .when(close({ at: AT }))
      .thenFails('ALREADY_SUPPORTS_CLOSING', 'conflict');
    expect(
      waiverRefusal(fold([...decidedUnder(2), waiverProposed]) as OpenComplaint, BOARD_A),
    ).toMatchObject({ code: 'ALREADY_SUPPORTS_CLOSING' });
    expect(
      waiverRefusal(fold([...decidedUnder(2), waiverProposed]) as OpenComplaint, BOARD_B),
    ).toBeNull();
  });

  it('a reimbursement proposed meanwhile replaces it, saying so: after that proposal is declined, closing starts again from one member', () => {
    const proposeInstead = commandBuilder('ProposeReimbursement', {
      actor: BOARD_B,
      at: '2025-05-20T11:00:00.000Z',
      proposalId: PROPOSAL_ID,
      amountPence: 120_000,
      basis: BASIS,
      overrideReason: null,
    })();
    given(...decidedUnder(2), waiverProposed)
      .when(proposeInstead)
      .thenMatch(
        {
          type: 'ReimbursementWaiverSetAside',
          data: { proposedBy: BOARD_A.id, reason: 'reimbursement-proposed', by: BOARD_B_BY },
        },
        { type: 'ReimbursementProposed' },
        { type: 'ClockStopped' },
        { type: 'ClockStarted', data: { clock: 'reimbursement-approval' } },
      );
    const declined = andThen(
      andThen([...decidedUnder(2), waiverProposed], proposeInstead),
      decline({ actor: BOARD_C, at: '2025-05-20T12:00:00.000Z' }),
    );
    expect(fold(declined)).toMatchObject({ status: 'board-decided', pendingWaiver: null });
    given(...declined)
      .when(close({ actor: BOARD_B, at: AT }))
      .thenMatch({ type: 'ReimbursementWaiverProposed', data: { by: BOARD_B_BY } });
  });

  it('a proposer who stands aside takes the proposal with them; a supporter who does no longer counts', () => {
    const stoodAside = (member: Actor, history: ComplaintEvent[]) =>
      andThen(
        history,
        declareConflictOfInterest({ actor: member, at: '2025-05-20T11:00:00.000Z' }),
      );
    expect(fold(stoodAside(BOARD_A, [...decidedUnder(2), waiverProposed]))).toMatchObject({
      pendingWaiver: null,
    });
    const supportedUnder3 = andThen(
      [...decidedUnder(3), waiverProposed],
      close({ actor: BOARD_B, at: PUT_AT, reason: 'Agreed' }),
    );
    expect(fold(stoodAside(BOARD_B, supportedUnder3))).toMatchObject({
      pendingWaiver: { proposedBy: BOARD_A.id, supporters: [] },
    });
  });

  it('nothing awaits support once the complaint is closed: by the quorum, or withdrawn meanwhile', () => {
    const supported = andThen(
      [...decidedUnder(2), waiverProposed],
      close({ actor: BOARD_B, at: AT, reason: 'Agreed' }),
    );
    expect(fold(supported)).toMatchObject({ status: 'closed', pendingWaiver: null });
    const withdrawn = andThen([...decidedUnder(2), waiverProposed], withdrawComplaint({ at: AT }));
    expect(fold(withdrawn)).toMatchObject({ status: 'closed', pendingWaiver: null });
  });

  it('is not shown to the school: the Board is still deciding', () => {
    expect(schoolReads(waiverProposed)).toBe(false);
    expect(
      schoolReads({
        type: 'ReimbursementWaiverSupported',
        data: { reason: 'Agreed', by: BOARD_B_BY, at: AT },
      }),
    ).toBe(false);
  });
});

describe('ProposeReimbursement', () => {
  const propose = commandBuilder('ProposeReimbursement', {
    actor: BOARD_A,
    at: PROPOSAL_AT,
    proposalId: PROPOSAL_ID,
    amountPence: 120_000,
    basis: BASIS,
    overrideReason: null,
  });

  it("proposes the schedule's suggestion (significant: 25% of £4,800 = £1,200): the proposal clock stops in time and approval is due within 10 working days (Thu 5 June)", () => {
    given(...boardDecided())
      .when(propose())
      .then(
        {
          type: 'ReimbursementProposed',
          data: {
            proposalId: PROPOSAL_ID,
            amountPence: 120_000,
            suggestedPence: 120_000,
            schedulePercent: 25,
            basis: BASIS_IN_EVENTS,
            overrideReason: null,
            by: BOARD_A_BY,
            at: PROPOSAL_AT,
          },
        },
        clockStopped('reimbursement-proposal', 1, true, BOARD_A_BY, PROPOSAL_AT),
        clockStarted(
          'reimbursement-approval',
          REIMBURSEMENT_APPROVAL_TIMING,
          BOARD_A_BY,
          PROPOSAL_AT,
        ),
      );
    expect(reimbursementProposed().slice(boardDecided().length)).toEqual(
      given(...boardDecided())
        .when(propose())
        .events(),
    );
  });

  const proposalClocks = [
    { type: 'ClockStopped', data: { clock: 'reimbursement-proposal', metDeadline: true } },
    { type: 'ClockStarted', data: { clock: 'reimbursement-approval' } },
  ];

  it.each([
    ['minor', 10, 48_000],
    ['significant', 25, 120_000],
    ['serious', 50, 240_000],
    ['complete', 100, 480_000],
  ] as const)('a %s failure suggests %d%%', (level, percent, pence) => {
    given(...boardDecided('partly-upheld', level))
      .when(propose({ amountPence: pence }))
      .thenMatch(
        {
          type: 'ReimbursementProposed',
          data: { amountPence: pence, suggestedPence: pence, schedulePercent: percent },
        },
        ...proposalClocks,
      );
  });

  it('rounds the suggestion down to the penny', () => {
    given(...boardDecided('upheld', 'minor'))
      .when(propose({ amountPence: 12_345, basis: { ...BASIS, feesPaidPence: 123_459 } }))
      .thenMatch(
        { type: 'ReimbursementProposed', data: { suggestedPence: 12_345 } },
        ...proposalClocks,
      );
  });

  it('proposes a different sum with a reason for overriding the schedule', () => {
    given(...boardDecided())
      .when(propose({ amountPence: 100_000, overrideReason: '  Partial delivery  ' }))
      .then(
        {
          type: 'ReimbursementProposed',
          data: {
            proposalId: PROPOSAL_ID,
            amountPence: 100_000,
            suggestedPence: 120_000,
            schedulePercent: 25,
            basis: BASIS_IN_EVENTS,
            overrideReason: 'Partial delivery',
            by: BOARD_A_BY,
            at: PROPOSAL_AT,
          },
        },
        clockStopped('reimbursement-proposal', 1, true, BOARD_A_BY, PROPOSAL_AT),
        clockStarted(
          'reimbursement-approval',
          REIMBURSEMENT_APPROVAL_TIMING,
          BOARD_A_BY,
          PROPOSAL_AT,
        ),
      );
  });

  it.each([null, '', '   '])(
    "refuses an amount other than the schedule's suggestion without overrideReason (%p)",
    (overrideReason) => {
      given(...boardDecided())
        .when(propose({ amountPence: 100_000, overrideReason }))
        .thenFails('OVERRIDE_REASON_REQUIRED', 'rule');
    },
  );

  it('refuses a reimbursement above the fees left after earlier reimbursements', () => {
    // £4,000 of the £4,800 already committed on other complaints: £800 is left.
    given(...boardDecided())
      .when(propose({ basis: { ...BASIS, reimbursedPence: 400_000 } }))
      .thenFails('REIMBURSEMENT_EXCEEDS_FEES', 'rule');
  });

  it('accepts exactly what is left (with a reason, as it differs from the schedule)', () => {
    given(...boardDecided())
      .when(
        propose({
          amountPence: 80_000,
          basis: { ...BASIS, reimbursedPence: 400_000 },
          overrideReason: 'All that is left',
        }),
      )
      .thenMatch(
        { type: 'ReimbursementProposed', data: { amountPence: 80_000 } },
        ...proposalClocks,
      );
  });

  it('refuses more than the fees paid, even with a reason', () => {
    given(...boardDecided())
      .when(propose({ amountPence: 480_001, overrideReason: 'Damages' }))
      .thenFails('REIMBURSEMENT_EXCEEDS_FEES', 'rule');
  });

  it.each([0, -100, 12.5, Number.NaN])('refuses an amount of %p pence', (amountPence) => {
    given(...boardDecided())
      .when(propose({ amountPence, overrideReason: 'Because' }))
      .thenFails('INVALID_AMOUNT', 'rule');
  });

  it.each([
    ["another school's contract", { schoolUrn: OTHER_SCHOOL_URN }],
    ["another service's contract", { serviceId: OTHER_SERVICE }],
  ])('refuses a basis that is %s', (_, wrong) => {
    given(...boardDecided())
      .when(propose({ basis: { ...BASIS, ...wrong } }))
      .thenFails('BASIS_MISMATCH', 'rule');
  });

  // The complaint names the contract it concerns; another contract's fees are not the basis.
  it('refuses the fees of a contract other than the one the complaint concerns', () => {
    given(...boardDecided())
      .when(propose({ basis: { ...BASIS, id: 'SLA-2024-0007', feesPaidPence: 9_000_000 } }))
      .thenFails('BASIS_MISMATCH', 'rule');
  });

  itForbids('%s may not propose a reimbursement', boardDecided(), (actor) => propose({ actor }), {
    finance: FINANCE,
    'a service manager': MANAGER,
    'school staff': HEAD,
  });

  itConflicts(
    'is refused when the complaint is %s',
    {
      'escalated (not yet decided)': escalated(),
      'with a proposal awaiting approval': reimbursementProposed(),
    },
    propose(),
  );

  it('is refused once the complaint is closed (not upheld)', () => {
    const notUpheld = andThen(
      escalated(),
      recordBoardDecision({ outcome: 'not-upheld', failureLevel: null }),
    );
    given(...notUpheld)
      .when(propose())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  it('a new proposal may follow a declined one: the restarted proposal clock stops and approval starts again (revision 2)', () => {
    const declined = andThen(reimbursementProposed(), decline());
    const at = '2025-05-23T10:00:00.000Z';
    given(...declined)
      .when(
        propose({
          proposalId: 'p-2',
          amountPence: 60_000,
          overrideReason: 'Half the suggestion',
          at,
        }),
      )
      .thenMatch(
        { type: 'ReimbursementProposed', data: { proposalId: 'p-2' } },
        {
          type: 'ClockStopped',
          data: { clock: 'reimbursement-proposal', revision: 2, metDeadline: true },
        },
        {
          type: 'ClockStarted',
          data: {
            clock: 'reimbursement-approval',
            timing: { revision: 2, anchor: at, workingDays: 10 },
          },
        },
      );
  });

  it('proposed after the proposal deadline: the proposal clock stops as missed', () => {
    given(...boardDecided())
      .when(propose({ at: '2025-05-29T10:00:00.000Z' }))
      .thenMatch(
        deadlineMissed('reimbursement-proposal', REIMBURSEMENT_PROPOSAL_TIMING),
        { type: 'ReimbursementProposed' },
        { type: 'ClockStopped', data: { clock: 'reimbursement-proposal', metDeadline: false } },
        { type: 'ClockStarted', data: { clock: 'reimbursement-approval' } },
      );
  });
});

describe('ApproveReimbursement', () => {
  const approve = (
    actor = BOARD_B,
    at = '2025-05-22T10:00:00.000Z',
    proposalId = PROPOSAL_ID,
  ): CommandOf<'ApproveReimbursement'> => ({ type: 'ApproveReimbursement', actor, at, proposalId });

  it('the first approval is recorded; the default quorum of 2 is not yet met', () => {
    given(...reimbursementProposed())
      .when(approve())
      .then(approvalGiven(BOARD_B_BY));
  });

  it('the second distinct approval other than the proposer approves the reimbursement: the approval clock stops in time and finance has 20 working days (to Mon 23 June) to pay', () => {
    given(...reimbursementProposed(), approvalGiven(BOARD_B_BY))
      .when(approve(BOARD_C, APPROVED_AT))
      .then(
        approvalGiven(BOARD_C_BY, APPROVED_AT),
        {
          type: 'ReimbursementApproved',
          data: {
            proposalId: PROPOSAL_ID,
            amountPence: 120_000,
            basis: BASIS_IN_EVENTS,
            approvers: [BOARD_B.id, BOARD_C.id],
            by: BOARD_C_BY,
            at: APPROVED_AT,
          },
        },
        clockStopped('reimbursement-approval', 1, true, BOARD_C_BY, APPROVED_AT),
        clockStarted(
          'reimbursement-payment',
          REIMBURSEMENT_PAYMENT_TIMING,
          BOARD_C_BY,
          APPROVED_AT,
        ),
      );
    expect(reimbursementApproved().slice(reimbursementProposed().length + 1)).toEqual(
      given(...reimbursementProposed(), approvalGiven(BOARD_B_BY))
        .when(approve(BOARD_C, APPROVED_AT))
        .events(),
    );
  });

  it('an approval short of the quorum leaves the approval clock running', () => {
    const history = [...reimbursementProposed(), approvalGiven(BOARD_B_BY)];
    expect(fold(history)).toMatchObject({
      status: 'reimbursement-proposed',
      clocks: {
        'reimbursement-approval': { status: 'running', timing: REIMBURSEMENT_APPROVAL_TIMING },
      },
    });
  });

  it('refuses a second approval by the same Board member', () => {
    given(...reimbursementProposed(), approvalGiven(BOARD_B_BY))
      .when(approve(BOARD_B, '2025-05-23T10:00:00.000Z'))
      .thenFails('ALREADY_APPROVED', 'conflict');
  });

  it('refuses the proposer approving their own proposal', () => {
    given(...reimbursementProposed())
      .when(approve(BOARD_A))
      .thenFails('PROPOSER_CANNOT_APPROVE', 'conflict');
  });

  it('the proposer cannot complete the quorum either', () => {
    given(...reimbursementProposed(), approvalGiven(BOARD_B_BY))
      .when(approve(BOARD_A))
      .thenFails('PROPOSER_CANNOT_APPROVE', 'conflict');
  });

  it('refuses an approval of another proposal', () => {
    given(...reimbursementProposed())
      .when(approve(BOARD_B, '2025-05-22T10:00:00.000Z', 'p-other'))
      .thenFails('UNKNOWN_PROPOSAL', 'conflict');
  });

  itForbids('%s may not approve', reimbursementProposed(), approve, {
    finance: FINANCE,
    'an admin': ADMIN,
    'a service manager': MANAGER,
  });

  itConflicts(
    'is refused when the complaint is %s',
    {
      'decided but with nothing proposed': boardDecided(),
      'already approved': reimbursementApproved(),
    },
    approve(),
  );

  it('is refused on a closed complaint', () => {
    given(...withdrawn(reimbursementProposed()))
      .when(approve())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  describe('with another quorum in the policy the complaint was lodged under', () => {
    const underQuorum = (approvalQuorum: number): ComplaintEvent[] =>
      reimbursementProposed(
        boardDecided(
          'upheld',
          'significant',
          escalated(
            referred(
              REFERRED_AT,
              RESOLUTION_TIMING,
              lodged({ policy: { ...DEFAULT_POLICY, approvalQuorum } }),
            ),
          ),
        ),
      );

    it('a quorum of 1: the first approval approves', () => {
      given(...underQuorum(1))
        .when(approve())
        .thenMatch(
          { type: 'ReimbursementApprovalGiven' },
          { type: 'ReimbursementApproved', data: { approvers: [BOARD_B.id] } },
          { type: 'ClockStopped', data: { clock: 'reimbursement-approval', metDeadline: true } },
          { type: 'ClockStarted', data: { clock: 'reimbursement-payment' } },
        );
    });

    it('a quorum of 3: two approvals are not enough', () => {
      given(...underQuorum(3), approvalGiven(BOARD_B_BY))
        .when(approve(BOARD_C))
        .then(approvalGiven(BOARD_C_BY));
    });
  });
});

describe('DeclineReimbursement', () => {
  /**
   * The proposal clock again: 5 working days from Thu 22 May: 23, 27, 28, 29, 30 May (26th is a
   * bank holiday) → due Fri 30 May. Warning with 2 days left: end of day 3, Wed 28 May.
   */
  const PROPOSAL_AGAIN = {
    revision: 2,
    anchor: DECLINED_AT,
    workingDays: 5,
    dueDate: '2025-05-30',
    deadline: '2025-05-30T23:00:00.000Z',
    warningAt: '2025-05-28T23:00:00.000Z',
  };

  it('declines the proposal: the approval clock stops and the Board has 5 working days again (to Fri 30 May) to propose', () => {
    const events = given(...reimbursementProposed())
      .when(decline())
      .then(
        {
          type: 'ReimbursementDeclined',
          data: {
            proposalId: PROPOSAL_ID,
            reason: 'Too generous',
            by: BOARD_B_BY,
            at: DECLINED_AT,
          },
        },
        clockStopped('reimbursement-approval', 1, true, BOARD_B_BY, DECLINED_AT),
        clockStarted('reimbursement-proposal', PROPOSAL_AGAIN, BOARD_B_BY, DECLINED_AT),
      );
    expect(fold([...reimbursementProposed(), ...events])).toMatchObject({
      status: 'board-decided',
      proposal: { proposalId: PROPOSAL_ID, status: 'declined' },
      clocks: {
        'reimbursement-proposal': { status: 'running', timing: PROPOSAL_AGAIN },
        'reimbursement-approval': { status: 'stopped', metDeadline: true },
      },
    });
  });

  it('declines after a first approval', () => {
    given(...reimbursementProposed(), approvalGiven(BOARD_B_BY))
      .when(decline({ actor: BOARD_C }))
      .thenMatch(
        { type: 'ReimbursementDeclined', data: { by: BOARD_C_BY } },
        { type: 'ClockStopped', data: { clock: 'reimbursement-approval', by: BOARD_C_BY } },
        {
          type: 'ClockStarted',
          data: { clock: 'reimbursement-proposal', timing: PROPOSAL_AGAIN, by: BOARD_C_BY },
        },
      );
  });

  it('needs a reason', () => {
    given(...reimbursementProposed())
      .when(decline({ reason: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('refuses to decline another proposal', () => {
    given(...reimbursementProposed())
      .when(decline({ proposalId: 'p-other' }))
      .thenFails('UNKNOWN_PROPOSAL', 'conflict');
  });

  // Board member A proposed; declining is for the other members to weigh, not the proposer alone.
  it('refuses the proposer declining their own proposal, which another member may decline', () => {
    const refusal = given(...reimbursementProposed())
      .when(decline({ actor: BOARD_A }))
      .thenFails('PROPOSER_CANNOT_DECLINE', 'conflict');
    expect(refusal.message).toContain('another member may');
    given(...reimbursementProposed())
      .when(decline({ actor: BOARD_C }))
      .thenMatch(
        { type: 'ReimbursementDeclined', data: { by: BOARD_C_BY } },
        { type: 'ClockStopped', data: { clock: 'reimbursement-approval' } },
        { type: 'ClockStarted', data: { clock: 'reimbursement-proposal' } },
      );
  });

  it('refuses the proposer declining even after another member approved', () => {
    given(...reimbursementProposed(), approvalGiven(BOARD_B_BY))
      .when(decline({ actor: BOARD_A }))
      .thenFails('PROPOSER_CANNOT_DECLINE', 'conflict');
  });

  itForbids('%s may not decline', reimbursementProposed(), (actor) => decline({ actor }), {
    finance: FINANCE,
    'Business Support': SUPPORT,
  });

  itConflicts(
    'is refused when the complaint is %s',
    {
      'decided but with nothing proposed': boardDecided(),
      'already approved': reimbursementApproved(),
    },
    decline(),
  );

  it('is refused on a closed complaint', () => {
    given(...withdrawn(reimbursementProposed()))
      .when(decline())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe('RecordReimbursementPaid', () => {
  it('finance records the payment of the approved sum: the payment clock stops in time and the complaint closes', () => {
    given(...reimbursementApproved())
      .when(recordReimbursementPaid())
      .then(
        {
          type: 'ReimbursementPaid',
          data: {
            proposalId: PROPOSAL_ID,
            amountPence: 120_000,
            method: 'credit-note',
            paymentReference: 'CN-2025-0099',
            paidOn: '2025-06-02',
            by: FINANCE_BY,
            at: PAID_AT,
          },
        },
        clockStopped('reimbursement-payment', 1, true, FINANCE_BY, PAID_AT),
        complaintClosed('upheld-and-reimbursed', FINANCE_BY, PAID_AT),
      );
  });

  it('a payment recorded after the payment deadline (Mon 23 June) stops the clock as missed', () => {
    given(...reimbursementApproved())
      .when(recordReimbursementPaid({ at: '2025-06-24T10:00:00.000Z', paidOn: '2025-06-24' }))
      .thenMatch(
        deadlineMissed('reimbursement-payment', REIMBURSEMENT_PAYMENT_TIMING),
        { type: 'ReimbursementPaid', data: { paidOn: '2025-06-24' } },
        {
          type: 'ClockStopped',
          data: { clock: 'reimbursement-payment', revision: 1, metDeadline: false },
        },
        { type: 'ComplaintClosed', data: { outcome: 'upheld-and-reimbursed' } },
      );
  });

  it('a payment made by the deadline but recorded after it met the deadline: the missed deadline stays recorded, as finance had not said', () => {
    given(...reimbursementApproved())
      .when(recordReimbursementPaid({ at: '2025-06-24T10:00:00.000Z', paidOn: '2025-06-20' }))
      .thenMatch(
        deadlineMissed('reimbursement-payment', REIMBURSEMENT_PAYMENT_TIMING),
        { type: 'ReimbursementPaid', data: { paidOn: '2025-06-20' } },
        {
          type: 'ClockStopped',
          data: { clock: 'reimbursement-payment', revision: 1, metDeadline: true },
        },
        { type: 'ComplaintClosed', data: { outcome: 'upheld-and-reimbursed' } },
      );
  });

  it('refuses a reference a payment on another complaint was recorded under, unless finance confirms this payment has it too', () => {
    const paidUnder = (paidUnderReference: string[], command: ComplaintCommand) =>
      decide(command, fold(reimbursementApproved()), { ...context, paidUnderReference });
    let refused: unknown;
    try {
      paidUnder(['SG-2025-000007'], recordReimbursementPaid());
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({
      code: 'PAYMENT_REFERENCE_USED',
      kind: 'rule',
      facts: { alsoOn: 'SG-2025-000007' },
    });
    expect((refused as Error).message).toMatch(
      /^paymentReference "CN-2025-0099" is already recorded/,
    );
    expect(
      paidUnder(['SG-2025-000007'], recordReimbursementPaid({ sameReferenceConfirmed: true })),
    ).toEqual(decide(recordReimbursementPaid(), fold(reimbursementApproved()), context));
    // Its own payment, the same command again (a retry), is no other complaint's.
    const own = fold(reimbursementApproved());
    expect(() =>
      paidUnder([own.exists ? own.reference : ''], recordReimbursementPaid()),
    ).not.toThrow();
  });

  it('needs the payment reference', () => {
    given(...reimbursementApproved())
      .when(recordReimbursementPaid({ paymentReference: '  ' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('refuses a payment against another proposal, as the one awaiting payment', () => {
    const refused = given(...reimbursementApproved())
      .when(recordReimbursementPaid({ proposalId: 'p-other' }))
      .thenFails('UNKNOWN_PROPOSAL', 'conflict');
    expect(refused.message).toBe('Proposal p-other is not the one awaiting payment');
  });

  itForbids(
    '%s may not record a payment',
    reimbursementApproved(),
    (actor) => recordReimbursementPaid({ actor }),
    {
      'a Board member': BOARD_A,
      'an admin': ADMIN,
      'Business Support': SUPPORT,
    },
  );

  describe('is recorded by someone who did not authorise it and has no conflict', () => {
    const alsoFinance = (member: Actor): Actor => ({
      ...member,
      roles: [...member.roles, { role: 'finance' }],
    });

    it.each([
      ['proposed', BOARD_A],
      ['approved', BOARD_B],
    ])('refuses the member who %s it, though they work in finance too', (what, member) => {
      const refused = given(...reimbursementApproved())
        .when(recordReimbursementPaid({ actor: alsoFinance(member) }))
        .thenFails('PAYER_AUTHORISED_IT', 'forbidden');
      expect(refused.message).toContain(`they ${what} the reimbursement`);
    });

    it('refuses a member who stood aside from the complaint, though they work in finance too', () => {
      const standsAside: Actor = { id: 'u-board-d', name: 'Dee Board', roles: BOARD_B.roles };
      given(
        ...reimbursementApproved(),
        conflictDeclared({ id: standsAside.id, role: 'board-member' }),
      )
        .when(recordReimbursementPaid({ actor: alsoFinance(standsAside) }))
        .thenFails('CONFLICT_OF_INTEREST', 'forbidden');
    });

    it('takes it from finance who logged the complaint: logging it is no interest in the money', () => {
      const loggedByFinance = reimbursementApproved().map((event) =>
        event.type === 'ComplaintLodged'
          ? { ...event, data: { ...event.data, by: FINANCE_BY } }
          : event,
      );
      given(...loggedByFinance)
        .when(recordReimbursementPaid())
        .thenMatch(
          { type: 'ReimbursementPaid', data: { by: FINANCE_BY } },
          { type: 'ClockStopped', data: { clock: 'reimbursement-payment' } },
          { type: 'ComplaintClosed', data: { outcome: 'upheld-and-reimbursed' } },
        );
    });

    it('takes it from another member who works in finance too, as from finance', () => {
      const other: Actor = { id: 'u-board-d', name: 'Dee Board', roles: BOARD_B.roles };
      given(...reimbursementApproved())
        .when(recordReimbursementPaid({ actor: alsoFinance(other) }))
        .thenMatch(
          { type: 'ReimbursementPaid', data: { by: { id: other.id, role: 'finance' } } },
          { type: 'ClockStopped', data: { clock: 'reimbursement-payment' } },
          { type: 'ComplaintClosed', data: { outcome: 'upheld-and-reimbursed' } },
        );
    });
  });

  it('refuses a payment before approval, when finance has no part in the complaint yet', () => {
    given(...reimbursementProposed(), approvalGiven(BOARD_B_BY))
      .when(recordReimbursementPaid())
      .thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });

  it('refuses to record the payment twice', () => {
    given(...andThen(reimbursementApproved(), recordReimbursementPaid()))
      .when(recordReimbursementPaid({ at: '2025-06-03T10:00:00.000Z' }))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  describe('the date it was paid on', () => {
    const paidClocks = [
      { type: 'ClockStopped', data: { clock: 'reimbursement-payment' } },
      { type: 'ComplaintClosed', data: { outcome: 'upheld-and-reimbursed' } },
    ];

    it.each(['2026-02-31', '2025-02-29', '2025-04-31', '2025-13-01', '2025-6-2', 'yesterday', ''])(
      'refuses %j, which is not a day that exists written YYYY-MM-DD',
      (date) => {
        const refusal = given(...reimbursementApproved())
          .when(recordReimbursementPaid({ paidOn: date }))
          .thenFails('INVALID_DATE', 'rule');
        expect(refusal.message).toContain('paidOn');
      },
    );

    it('accepts 29 February in a leap year', () => {
      given(...reimbursementApproved())
        .when(recordReimbursementPaid({ at: '2028-03-01T10:00:00.000Z', paidOn: '2028-02-29' }))
        .thenMatch(
          deadlineMissed('reimbursement-payment', REIMBURSEMENT_PAYMENT_TIMING),
          { type: 'ReimbursementPaid', data: { paidOn: '2028-02-29' } },
          ...paidClocks,
        );
    });

    it('accepts an earlier day than the one it is recorded on', () => {
      given(...reimbursementApproved())
        .when(recordReimbursementPaid({ paidOn: '2025-05-30' }))
        .thenMatch({ type: 'ReimbursementPaid', data: { paidOn: '2025-05-30' } }, ...paidClocks);
    });

    it('refuses a day after the one it is recorded on: a payment is recorded once made', () => {
      given(...reimbursementApproved())
        .when(recordReimbursementPaid({ paidOn: '2025-06-03' }))
        .thenFails('PAYMENT_IN_FUTURE', 'rule');
    });

    it('counts today in London: at 00:30 on 3 June (BST) it is already 3 June, though UTC says 2 June', () => {
      given(...reimbursementApproved())
        .when(recordReimbursementPaid({ at: '2025-06-02T23:30:00.000Z', paidOn: '2025-06-03' }))
        .thenMatch({ type: 'ReimbursementPaid', data: { paidOn: '2025-06-03' } }, ...paidClocks);
      given(...reimbursementApproved())
        .when(recordReimbursementPaid({ at: '2025-06-02T22:30:00.000Z', paidOn: '2025-06-03' }))
        .thenFails('PAYMENT_IN_FUTURE', 'rule');
    });

    it('refuses a day before the Board approved the reimbursement, and accepts the day it did', () => {
      given(...reimbursementApproved())
        .when(recordReimbursementPaid({ paidOn: '2025-05-22' }))
        .thenFails('PAYMENT_BEFORE_APPROVAL', 'rule');
      given(...reimbursementApproved())
        .when(recordReimbursementPaid({ paidOn: '2025-04-15' }))
        .thenFails('PAYMENT_BEFORE_APPROVAL', 'rule');
      given(...reimbursementApproved())
        .when(recordReimbursementPaid({ paidOn: '2025-05-23' }))
        .thenMatch({ type: 'ReimbursementPaid', data: { paidOn: '2025-05-23' } }, ...paidClocks);
    });

    it('takes the approval day in London too: approved at 00:30 on 23 May (BST), not on the 22nd', () => {
      const approvedJustAfterMidnight = reimbursementApproved().map((event) =>
        event.type === 'ReimbursementApproved'
          ? { ...event, data: { ...event.data, at: '2025-05-22T23:30:00.000Z' } }
          : event,
      );
      given(...approvedJustAfterMidnight)
        .when(recordReimbursementPaid({ paidOn: '2025-05-22' }))
        .thenFails('PAYMENT_BEFORE_APPROVAL', 'rule');
      given(...approvedJustAfterMidnight)
        .when(recordReimbursementPaid({ paidOn: '2025-05-23' }))
        .thenMatch({ type: 'ReimbursementPaid', data: { paidOn: '2025-05-23' } }, ...paidClocks);
    });
  });
});

describe('a quorum counts the members who may still judge the complaint', () => {
  /** The directory now: B has since left the Board; C has come to manage the service; D is as was. */
  const BOARD_D: Actor = {
    id: 'u-board-d',
    name: 'Dee Board',
    roles: [{ role: 'board-member', chair: false }],
  };
  const BOARD_E: Actor = { ...BOARD_D, id: 'u-board-e', name: 'Eve Board' };
  const now = new Map<string, Actor | null>([
    [BOARD_B.id, { ...BOARD_B, roles: [{ role: 'business-support' }] }],
    [
      BOARD_C.id,
      {
        ...BOARD_C,
        roles: [...BOARD_C.roles, { role: 'service-manager', serviceIds: [SERVICE] }],
      },
    ],
    [BOARD_D.id, BOARD_D],
    ['u-gone', null],
  ]);
  const decideNow = (history: readonly ComplaintEvent[], command: ComplaintCommand) =>
    decide(command, fold(history), { ...context, memberNow: (id) => now.get(id) ?? null });
  const by = (actor: Actor): ActedBy => ({ id: actor.id, role: 'board-member' });
  const AT = '2025-05-22T10:00:00.000Z';
  /** Escalated under a policy whose decisions, and closings, need two members. */
  const escalatedUnderQuorum2 = () =>
    escalated(
      referred(
        REFERRED_AT,
        RESOLUTION_TIMING,
        lodged({ policy: { ...DEFAULT_POLICY, decisionQuorum: 2 } }),
      ),
    );

  describe('approving a reimbursement (quorum 2)', () => {
    const approve = (actor: Actor): ComplaintCommand => ({
      type: 'ApproveReimbursement',
      actor,
      at: AT,
      proposalId: PROPOSAL_ID,
    });

    it.each([
      ['has since left the Board', BOARD_B],
      ['has since come to manage the service complained about', BOARD_C],
    ])('an approval by a member who %s does not make up the quorum', (_, earlier) => {
      const events = decideNow(
        [...reimbursementProposed(), approvalGiven(by(earlier))],
        approve(BOARD_D),
      );
      expect(events).toEqual([approvalGiven(by(BOARD_D), AT)]);
    });

    it('nor one by a member no longer in the directory', () => {
      const events = decideNow(
        [...reimbursementProposed(), approvalGiven({ id: 'u-gone', role: 'board-member' })],
        approve(BOARD_D),
      );
      expect(events).toEqual([approvalGiven(by(BOARD_D), AT)]);
    });

    it('once approved, names those that made the quorum, and an approval that did not count still bars its giver from recording the payment', () => {
      const history = [...reimbursementProposed(), approvalGiven(by(BOARD_B))];
      const approved = [
        ...history,
        ...decideNow(history, approve(BOARD_D)),
        ...decideNow([...history, approvalGiven(by(BOARD_D), AT)], approve(BOARD_E)),
      ];
      const state = fold(approved);
      expect(state.exists && state.proposal).toMatchObject({
        status: 'approved',
        approvals: [BOARD_B.id, BOARD_D.id, BOARD_E.id],
        approvedBy: [BOARD_D.id, BOARD_E.id],
      });
      // B has left the Board for finance: who approved a payment does not record it.
      const nowInFinance: Actor = { ...BOARD_B, roles: [{ role: 'finance' }] };
      let refusal: unknown;
      try {
        decideNow(approved, {
          type: 'RecordReimbursementPaid',
          actor: nowInFinance,
          at: '2025-05-23T10:00:00.000Z',
          proposalId: PROPOSAL_ID,
          method: 'bank-payment',
          paymentReference: 'BACS-1',
          paidOn: '2025-05-23',
        });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toMatchObject({ code: 'PAYER_AUTHORISED_IT' });
    });

    it('an approval by a member still on the Board, with no conflict, does: approved by the two', () => {
      const events = decideNow(
        [...reimbursementProposed(), approvalGiven(by(BOARD_D))],
        approve(BOARD_E),
      );
      expect(events[1]).toMatchObject({
        type: 'ReimbursementApproved',
        data: { approvers: [BOARD_D.id, BOARD_E.id] },
      });
    });
  });

  it('a Board decision (quorum 2) proposed by a member since gone from the Board is not settled by one supporter', () => {
    const history = escalatedUnderQuorum2();
    const proposed: ComplaintEvent = {
      type: 'BoardDecisionProposed',
      data: {
        outcome: 'upheld',
        failureLevel: 'significant',
        rationale: 'Lessons were not delivered',
        by: by(BOARD_B),
        at: '2025-05-19T10:00:00.000Z',
      },
    };
    const events = decideNow(
      [...history, proposed],
      recordBoardDecision({
        actor: BOARD_D,
        at: DECIDED_AT,
        rationale: 'Agreed',
        outcome: 'upheld',
        failureLevel: 'significant',
      }),
    );
    expect(events.map((event) => event.type)).toEqual(['BoardDecisionSupported']);
  });

  it('closing without a reimbursement (quorum 2) put by a member now managing the service is not settled by one supporter', () => {
    const history = boardDecided('upheld', 'significant', escalatedUnderQuorum2());
    const put: ComplaintEvent = {
      type: 'ReimbursementWaiverProposed',
      data: { reason: 'An apology is enough', by: by(BOARD_C), at: '2025-05-20T10:00:00.000Z' },
    };
    const events = decideNow([...history, put], {
      type: 'CloseWithoutReimbursement',
      actor: BOARD_D,
      at: '2025-05-21T10:00:00.000Z',
      reason: 'Agreed',
    });
    expect(events.map((event) => event.type)).toEqual(['ReimbursementWaiverSupported']);
  });
});

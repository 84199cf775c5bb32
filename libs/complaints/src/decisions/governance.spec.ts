import { type Actor } from '../actor';
import { type ComplaintCommand } from '../commands';
import { type ComplaintEvent } from '../events';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { type OpenComplaint } from '../state';
import {
  ADMIN,
  ASSIGNED_AT,
  assignCaseOfficer,
  BASIS,
  BOARD_A,
  BOARD_AT_SCHOOL,
  BOARD_B,
  BOARD_B_BY,
  BOARD_C,
  BOARD_MANAGER,
  BOARD_SUPPORT,
  boardDecided,
  CASE_OFFICER,
  commandBuilder,
  conflictDeclared,
  DECIDED_AT,
  DECLARED_AT,
  declareConflictOfInterest,
  escalated,
  FINANCE,
  HEAD,
  informationRequested,
  lodged,
  MANAGER,
  MANAGER_BY,
  OTHER_MANAGER,
  OTHER_SERVICE,
  PROPOSAL_AT,
  PROPOSAL_ID,
  recordBoardDecision,
  recordContact,
  referComplaint,
  REFERRED_AT,
  referred,
  reimbursementApproved,
  reimbursementProposed,
  RESOLUTION_TIMING,
  resolutionProposed,
  rerouteComplaint,
  SERVICE,
  SUPPORT,
  withdrawn,
} from '../testing/fixtures';
import { andThen, fold, given, itConflicts, itForbids } from '../testing/given-when-then';

const open = (history: readonly ComplaintEvent[]) => fold(history) as OpenComplaint;

// ---- Conflicts of interest ----------------------------------------------------------------------

/** Friday 23 May 2025, 11:00 BST: a Board member acts on the proposal awaiting approval. */
const ACTED_AT = '2025-05-23T10:00:00.000Z';

/** The Board's actions on a complaint, each in the state it is taken in, by `actor`. */
const BOARD_ACTIONS = {
  'record the Board decision': {
    stage: 'escalated',
    command: (actor: Actor): ComplaintCommand => recordBoardDecision({ actor }),
  },
  'close it without reimbursement': {
    stage: 'board-decided',
    command: (actor: Actor): ComplaintCommand => ({
      type: 'CloseWithoutReimbursement',
      actor,
      at: PROPOSAL_AT,
      reason: 'An apology is enough',
    }),
  },
  'propose a reimbursement': {
    stage: 'board-decided',
    command: (actor: Actor): ComplaintCommand => ({
      type: 'ProposeReimbursement',
      actor,
      at: PROPOSAL_AT,
      proposalId: PROPOSAL_ID,
      amountPence: 120_000,
      basis: BASIS,
      overrideReason: null,
    }),
  },
  'approve the reimbursement': {
    stage: 'reimbursement-proposed',
    command: (actor: Actor): ComplaintCommand => ({
      type: 'ApproveReimbursement',
      actor,
      at: ACTED_AT,
      proposalId: PROPOSAL_ID,
    }),
  },
  'decline the reimbursement': {
    stage: 'reimbursement-proposed',
    command: (actor: Actor): ComplaintCommand => ({
      type: 'DeclineReimbursement',
      actor,
      at: ACTED_AT,
      proposalId: PROPOSAL_ID,
      reason: 'Too generous',
    }),
  },
} as const;
type Stage = (typeof BOARD_ACTIONS)[keyof typeof BOARD_ACTIONS]['stage'];

/** The complaint's history up to each stage of the Board's work, after `escalation`. */
const stagesAfter = (escalation: ComplaintEvent[]): Record<Stage, ComplaintEvent[]> => ({
  escalated: escalation,
  'board-decided': boardDecided('upheld', 'significant', escalation),
  'reimbursement-proposed': reimbursementProposed(
    boardDecided('upheld', 'significant', escalation),
  ),
});

/**
 * Each reason a Board member may not judge a complaint: the member, the history that gives them
 * the conflict (decided and proposed on by Board member A, who has none), and how the refusal
 * names it.
 */
const CONFLICTS = {
  'manages the service complained about': {
    member: BOARD_MANAGER,
    escalation: escalated(),
    named: 'work for the service complained about',
  },
  'works at the school complaining': {
    member: BOARD_AT_SCHOOL,
    escalation: escalated(),
    named: 'work at the school complaining',
  },
  'lodged the complaint (told of it on a visit)': {
    member: BOARD_C,
    escalation: escalated(
      referred(
        REFERRED_AT,
        RESOLUTION_TIMING,
        lodged({ actor: BOARD_C, channel: 'visiting-officer' }),
      ),
    ),
    named: 'lodged the complaint',
  },
  'handled the complaint (referred it as Business Support)': {
    member: BOARD_SUPPORT,
    escalation: escalated(andThen(lodged(), referComplaint({ actor: BOARD_SUPPORT }))),
    named: 'handled the complaint',
  },
  'declared a conflict of interest': {
    member: BOARD_B,
    escalation: [...escalated(), conflictDeclared(BOARD_B_BY)],
    named: 'declared a conflict of interest',
  },
} satisfies Record<string, { member: Actor; escalation: ComplaintEvent[]; named: string }>;

const everyConflictAndAction = Object.entries(CONFLICTS).flatMap(([reason, conflict]) =>
  Object.entries(BOARD_ACTIONS).map(([action, { stage, command }]) => ({
    reason,
    action,
    stage,
    history: stagesAfter(conflict.escalation)[stage],
    command,
    ...conflict,
  })),
);

describe('a Board member with a conflict of interest', () => {
  it.each(everyConflictAndAction)(
    'who $reason may not $action; the refusal names them and the reason',
    ({ member, history, command, named }) => {
      const refusal = given(...history)
        .when(command(member))
        .thenFails('CONFLICT_OF_INTEREST', 'forbidden');
      expect(refusal.message).toContain(member.name);
      expect(refusal.message).toContain(`they ${named}`);
    },
  );

  it.each(everyConflictAndAction)(
    'who $reason is told of the conflict first when trying to $action at another stage, not of the stage',
    ({ member, escalation, stage, command }) => {
      const elsewhere: Stage = stage === 'escalated' ? 'reimbursement-proposed' : 'escalated';
      given(...stagesAfter(escalation)[elsewhere])
        .when(command(member))
        .thenFails('CONFLICT_OF_INTEREST', 'forbidden');
    },
  );

  // Board member A proposed the reimbursement, so B (or C, when B is the one conflicted) acts.
  it.each(everyConflictAndAction)(
    'when another member $reason, a member with no conflict may $action',
    ({ member, history, command }) => {
      const clean = member.id === BOARD_B.id ? BOARD_C : BOARD_B;
      const [first] = given(...history)
        .when(command(clean))
        .events();
      expect(first.data.by).toEqual({ id: clean.id, role: 'board-member' });
    },
  );

  it("is recorded as having handled it for acting for the service, and stays conflicted after it is rerouted away from the member's service", () => {
    const actedThenRerouted = andThen(
      andThen(referred(), recordContact({ actor: BOARD_MANAGER })),
      rerouteComplaint(),
    );
    expect(open(actedThenRerouted).handledBy).toContain(BOARD_MANAGER.id);
    const refusal = given(...escalated(actedThenRerouted))
      .when(recordBoardDecision({ actor: BOARD_MANAGER }))
      .thenFails('CONFLICT_OF_INTEREST', 'forbidden');
    expect(refusal.message).toContain('handled the complaint');
  });

  it('a manager of a service the complaint was rerouted away from, who never acted on it, may decide it', () => {
    const rerouted = andThen(referred(), rerouteComplaint());
    given(...escalated(rerouted))
      .when(recordBoardDecision({ actor: BOARD_MANAGER }))
      .thenMatch(
        { type: 'BoardDecisionRecorded', data: { members: [BOARD_MANAGER.id] } },
        { type: 'ClockStopped' },
        { type: 'ClockStarted' },
      );
  });

  it('a member who manages another service may decide it', () => {
    const governorsBoardMember: Actor = {
      id: 'u-board-governors',
      name: 'Gil Governorsboard',
      roles: [
        { role: 'board-member', chair: false },
        { role: 'service-manager', serviceIds: [OTHER_SERVICE] },
      ],
    };
    given(...escalated())
      .when(recordBoardDecision({ actor: governorsBoardMember }))
      .thenMatch({ type: 'BoardDecisionRecorded' }, {}, {});
  });

  it("another member's declaration binds only them", () => {
    given(...escalated(), conflictDeclared(BOARD_B_BY))
      .when(recordBoardDecision({ actor: BOARD_C }))
      .thenMatch(
        { type: 'BoardDecisionRecorded', data: { members: [BOARD_C.id] } },
        { type: 'ClockStopped' },
        { type: 'ClockStarted' },
      );
  });
});

describe('who has handled a complaint', () => {
  it('is everyone who acted on it as Business Support or for the service, each once', () => {
    const history = andThen(
      andThen(andThen(referred(), assignCaseOfficer()), recordContact()),
      recordContact({ at: '2025-04-23T10:00:00.000Z' }),
    );
    expect(open(history).handledBy).toEqual([SUPPORT.id, MANAGER.id]);
  });

  it('is not a Board member who also works in Business Support writing a note or a message', () => {
    const noted = andThen(escalated(referred()), {
      type: 'AddInternalNote',
      actor: BOARD_SUPPORT,
      at: DECIDED_AT,
      noteId: 'n-1',
      text: 'Asked the school for the invoices',
    });
    expect(open(noted).handledBy).not.toContain(BOARD_SUPPORT.id);
  });

  it('is not the school, the deadline worker or the Board acting as the Board', () => {
    const history = boardDecided('upheld', 'significant', escalated(referred()));
    expect(open(history).handledBy).toEqual([SUPPORT.id]);
  });
});

// ---- Declaring a conflict -----------------------------------------------------------------------

describe('a member who stands aside after taking part', () => {
  it('no longer supports the decision awaiting support; the proposer standing aside withdraws it', () => {
    const quorumThree = escalated(
      referred(
        REFERRED_AT,
        RESOLUTION_TIMING,
        lodged({ policy: { ...DEFAULT_POLICY, decisionQuorum: 3 } }),
      ),
    );
    const proposed = andThen(quorumThree, recordBoardDecision({ actor: BOARD_A }));
    const supported = andThen(proposed, recordBoardDecision({ actor: BOARD_B }));
    expect(open(supported).pendingDecision).toMatchObject({ supporters: [BOARD_B.id] });
    const supporterLeft = andThen(supported, declareConflictOfInterest({ actor: BOARD_B }));
    expect(open(supporterLeft).pendingDecision).toMatchObject({
      proposedBy: BOARD_A.id,
      supporters: [],
    });
    const proposerLeft = andThen(supported, declareConflictOfInterest({ actor: BOARD_A }));
    expect(open(proposerLeft).pendingDecision).toBeNull();
  });

  it('takes their own reimbursement proposal with them: it lapses, and the Board proposes again', () => {
    const history = reimbursementProposed();
    const events = given(...history)
      .when(declareConflictOfInterest({ actor: BOARD_A, at: ACTED_AT }))
      .events();
    expect(events.map((event) => event.type)).toEqual([
      'ConflictOfInterestDeclared',
      'ReimbursementProposalLapsed',
      'ClockStopped',
      'ClockStarted',
    ]);
    expect(events[1].data).toMatchObject({
      proposalId: PROPOSAL_ID,
      reason: 'proposer-stood-aside',
    });
    const after = open([...history, ...events]);
    expect(after.status).toBe('board-decided');
    expect(after.proposal).toMatchObject({ status: 'lapsed' });
    expect(after.clocks['reimbursement-proposal']).toMatchObject({ status: 'running' });
    given(...history, ...events)
      .when({ type: 'ApproveReimbursement', actor: BOARD_B, at: ACTED_AT, proposalId: PROPOSAL_ID })
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('no longer counts among the approvals of a proposal not yet approved', () => {
    const approvedOnce = andThen(reimbursementProposed(), {
      type: 'ApproveReimbursement',
      actor: BOARD_B,
      at: PROPOSAL_AT,
      proposalId: PROPOSAL_ID,
    });
    expect(open(approvedOnce).proposal?.approvals).toEqual([BOARD_B.id]);
    const left = andThen(approvedOnce, declareConflictOfInterest({ actor: BOARD_B }));
    expect(open(left).proposal?.approvals).toEqual([]);
  });
});

describe('DeclareConflictOfInterest', () => {
  it('a Board member stands aside from a complaint awaiting the Board; the reason is kept, trimmed', () => {
    given(...escalated())
      .when(declareConflictOfInterest())
      .then(conflictDeclared(BOARD_B_BY, DECLARED_AT));
    expect(open([...escalated(), conflictDeclared()]).recused).toEqual([BOARD_B.id]);
  });

  it.each([
    ['decided by the Board', boardDecided(), PROPOSAL_AT],
    ['with a reimbursement proposed', reimbursementProposed(), ACTED_AT],
    ['with a reimbursement approved', reimbursementApproved(), '2025-05-26T10:00:00.000Z'],
  ])('a member stands aside from a complaint %s', (_, history, at) => {
    given(...history)
      .when(declareConflictOfInterest({ at }))
      .thenMatch({ type: 'ConflictOfInterestDeclared', data: { by: BOARD_B_BY, at } });
  });

  it('a member with another conflict may declare one too', () => {
    given(...escalated())
      .when(declareConflictOfInterest({ actor: BOARD_MANAGER }))
      .thenMatch({
        type: 'ConflictOfInterestDeclared',
        data: { by: { id: BOARD_MANAGER.id, role: 'board-member' } },
      });
  });

  it('each member declares for themselves: several may stand aside', () => {
    const history = [...escalated(), conflictDeclared(BOARD_B_BY)];
    given(...history)
      .when(declareConflictOfInterest({ actor: BOARD_C }))
      .thenMatch({ type: 'ConflictOfInterestDeclared' });
    expect(open(andThen(history, declareConflictOfInterest({ actor: BOARD_C }))).recused).toEqual([
      BOARD_B.id,
      BOARD_C.id,
    ]);
  });

  it('refuses a second declaration by the same member', () => {
    const refusal = given(...escalated(), conflictDeclared(BOARD_B_BY))
      .when(declareConflictOfInterest({ at: '2025-05-09T10:00:00.000Z' }))
      .thenFails('ALREADY_DECLARED', 'conflict');
    expect(refusal.message).toContain(BOARD_B.name);
  });

  it.each(['', '   '])('needs a reason (%p)', (reason) => {
    given(...escalated())
      .when(declareConflictOfInterest({ reason }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  itForbids(
    '%s, not being a Board member, may not declare a conflict',
    escalated(),
    (actor) => declareConflictOfInterest({ actor }),
    {
      'Business Support': SUPPORT,
      'a service manager': MANAGER,
      'school staff': HEAD,
      finance: FINANCE,
      'an admin': ADMIN,
    },
  );

  itConflicts(
    'is refused before the complaint reaches the Board (%s)',
    {
      'in triage': lodged(),
      'with the service': referred(),
      'awaiting the school': informationRequested(),
      'with a resolution proposed': resolutionProposed(),
    },
    // Before the service's deadline: after it, the complaint is the Board's, timer or no timer.
    declareConflictOfInterest({ at: '2025-04-30T10:00:00.000Z' }),
  );

  it('is refused on a closed complaint', () => {
    given(...withdrawn(escalated()))
      .when(declareConflictOfInterest({ at: '2025-05-09T10:00:00.000Z' }))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

// ---- Case officers -------------------------------------------------------------------------------

describe('AssignCaseOfficer', () => {
  const OTHER_OFFICER = { id: 'u-strings-lead', name: 'Rob Stringslead' };
  const assigned = (history: ComplaintEvent[] = referred()) =>
    andThen(history, assignCaseOfficer());
  const reassign = commandBuilder('AssignCaseOfficer', {
    actor: MANAGER,
    at: '2025-04-23T08:00:00.000Z',
    officerId: OTHER_OFFICER.id,
    officerName: OTHER_OFFICER.name,
  });

  it("the service's manager gives the complaint to a named case officer; the name is kept, trimmed", () => {
    given(...referred())
      .when(assignCaseOfficer())
      .then({
        type: 'CaseOfficerAssigned',
        data: {
          officerId: CASE_OFFICER.id,
          officerName: CASE_OFFICER.name,
          by: MANAGER_BY,
          at: ASSIGNED_AT,
        },
      });
    expect(open(assigned()).caseOfficer).toEqual(CASE_OFFICER);
  });

  it.each([
    ['awaiting the school', informationRequested(), '2025-04-24T08:00:00.000Z'],
    ['with a resolution proposed', resolutionProposed(), '2025-04-30T08:00:00.000Z'],
  ])('assigns it %s', (_, history, at) => {
    given(...history)
      .when(assignCaseOfficer({ at }))
      .thenMatch({ type: 'CaseOfficerAssigned', data: { officerId: CASE_OFFICER.id, at } });
  });

  it('reassigns it to another officer', () => {
    given(...assigned())
      .when(reassign())
      .then({
        type: 'CaseOfficerAssigned',
        data: {
          officerId: OTHER_OFFICER.id,
          officerName: OTHER_OFFICER.name,
          by: MANAGER_BY,
          at: '2025-04-23T08:00:00.000Z',
        },
      });
    expect(open(andThen(assigned(), reassign())).caseOfficer).toEqual(OTHER_OFFICER);
  });

  it('refuses to assign it again to the officer who has it', () => {
    const refusal = given(...assigned())
      .when(assignCaseOfficer({ at: '2025-04-23T08:00:00.000Z' }))
      .thenFails('ALREADY_ASSIGNED', 'conflict');
    expect(refusal.message).toContain(CASE_OFFICER.name);
  });

  itForbids(
    '%s may not assign the complaint',
    referred(),
    (actor) => assignCaseOfficer({ actor }),
    {
      "another service's manager": OTHER_MANAGER,
      'Business Support': SUPPORT,
      'school staff': HEAD,
      'a Board member': BOARD_A,
      finance: FINANCE,
      'an admin': ADMIN,
    },
  );

  itConflicts(
    'is refused when the complaint is %s',
    {
      'in triage': lodged(),
      'with the Board': escalated(),
      'decided by the Board': boardDecided(),
    },
    assignCaseOfficer(),
  );

  it('is refused on a closed complaint', () => {
    given(...withdrawn())
      .when(assignCaseOfficer({ at: '2025-04-25T08:00:00.000Z' }))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  describe('a reroute', () => {
    const rerouted = andThen(assigned(), rerouteComplaint());

    it('takes the complaint from its case officer', () => {
      expect(open(rerouted)).toMatchObject({ serviceId: OTHER_SERVICE, caseOfficer: null });
    });

    it("lets the new service's manager assign one of theirs, and no longer the old service's", () => {
      const WORKING_ON_IT = '2025-04-30T10:00:00.000Z';
      const governorsOfficer = { officerId: 'u-clerk', officerName: 'Cleo Clerk' };
      given(...rerouted)
        .when(assignCaseOfficer({ actor: OTHER_MANAGER, at: WORKING_ON_IT, ...governorsOfficer }))
        .thenMatch({
          type: 'CaseOfficerAssigned',
          data: { ...governorsOfficer, by: { id: OTHER_MANAGER.id, role: 'service-manager' } },
        });
      given(...rerouted)
        .when(assignCaseOfficer({ at: WORKING_ON_IT, ...governorsOfficer }))
        .thenFails('COMPLAINT_NOT_FOUND', 'not-found');
    });

    it('leaves a complaint with its case officer while it stays with the same service', () => {
      expect(open(andThen(assigned(), recordContact())).caseOfficer).toEqual(CASE_OFFICER);
      expect(open(assigned()).serviceId).toBe(SERVICE);
    });
  });
});

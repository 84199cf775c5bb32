import { type ComplaintCommand, type FeeAgreement } from '../commands';
import { type ClosureOutcome, type ComplaintEvent } from '../events';
import { percentOf } from '../money';
import {
  ALREADY_A_DUPLICATE,
  ALREADY_RESOLVED,
  LAST_YEARS,
  LATER,
  LATER_REFERRED,
  BASIS,
  BOARD_A,
  clockStarted,
  clockStopped,
  COMPLAINT_ID,
  deadlineMissed,
  EARLIER,
  escalated,
  HEAD,
  informationRequested,
  lodged,
  MANAGER,
  OTHER_MANAGER,
  OTHER_SERVICE,
  PROPOSAL_AT,
  PROPOSAL_ID,
  reachDeadline,
  recordBoardDecision,
  recordContact,
  OTHER_SCHOOLS,
  REFERENCE,
  REFERRED_AT,
  referComplaint,
  referred,
  rerouteComplaint,
  RESOLUTION_TIMING,
  resolutionProposed,
  SCHOOL_URN,
  SERVICE,
  SUPPORT,
  SUPPORT_BY,
  SYSTEM_BY,
  TRIAGE_TIMING,
  withdrawn,
} from '../testing/fixtures';
import { decide } from '../decide';
import { andThen, context, fold, given, itConflicts, itForbids } from '../testing/given-when-then';

const AT = '2025-04-16T10:00:00.000Z';

describe('ReferComplaint', () => {
  it.each([
    [
      'refers to the named service: triage stops in time and the 10-day clock starts (due Tue 6 May 2025)',
      REFERRED_AT,
      true,
    ],
    [
      'a referral after the triage deadline records triage as late; on Good Friday the service is still due Tue 6 May',
      '2025-04-18T09:00:00.000Z',
      false,
    ],
  ])('%s', (_, at, metDeadline) => {
    given(...lodged())
      .when(referComplaint({ at }))
      .then(
        // Its timer had not yet run: the miss is recorded with the referral, as of the deadline.
        ...(metDeadline ? [] : [deadlineMissed('triage', TRIAGE_TIMING)]),
        {
          type: 'ComplaintReferred',
          data: { serviceId: SERVICE, note: 'Please call the head', by: SUPPORT_BY, at },
        },
        clockStopped('triage', 1, metDeadline, SUPPORT_BY, at),
        clockStarted('resolution', { ...RESOLUTION_TIMING, anchor: at }, SUPPORT_BY, at),
      );
  });

  it.each([
    ['refers to another service when Business Support names one', SERVICE, OTHER_SERVICE],
    [
      'a complaint lodged without a service is referred to the one Business Support names',
      null,
      SERVICE,
    ],
  ])('%s', (_, lodgedWith, serviceId) => {
    given(...lodged({ serviceId: lodgedWith }))
      .when(referComplaint({ serviceId }))
      .thenMatch(
        { type: 'ComplaintReferred', data: { serviceId } },
        { type: 'ClockStopped' },
        { type: 'ClockStarted' },
      );
  });

  it('refuses to refer to a service other than the one the school’s named contract is with, saying how to go on', () => {
    const notSure = fold(lodged({ serviceId: null }));
    const withDirectory = {
      ...context,
      serviceOfAgreement: (_kind: string, id: string) => (id === BASIS.id ? SERVICE : null),
    };
    expect(() =>
      decide(referComplaint({ serviceId: OTHER_SERVICE }), notSure, withDirectory),
    ).toThrow(
      expect.objectContaining({
        code: 'AGREEMENT_OF_ANOTHER_SERVICE',
        message: expect.stringContaining(`reroute it to ${OTHER_SERVICE} first`) as string,
      }) as Error,
    );
    expect(decide(referComplaint({ serviceId: SERVICE }), notSure, withDirectory)[0]).toMatchObject(
      { type: 'ComplaintReferred', data: { serviceId: SERVICE } },
    );
  });

  it('refuses to refer when no service is named anywhere', () => {
    given(...lodged({ serviceId: null }))
      .when(referComplaint())
      .thenFails('SERVICE_REQUIRED', 'rule');
  });

  it('a referral after a recorded triage miss still stops the triage clock as late', () => {
    const at = '2025-04-22T09:00:00.000Z';
    const missed: ComplaintEvent = {
      type: 'DeadlineMissed',
      data: {
        clock: 'triage',
        revision: 1,
        deadline: TRIAGE_TIMING.deadline,
        by: SYSTEM_BY,
        at: TRIAGE_TIMING.deadline,
      },
    };
    given(...lodged(), missed)
      .when(referComplaint({ at }))
      .thenMatch(
        { type: 'ComplaintReferred' },
        { type: 'ClockStopped', data: { clock: 'triage', metDeadline: false } },
        { type: 'ClockStarted', data: { clock: 'resolution' } },
      );
  });

  itForbids('%s may not refer', lodged(), (actor) => referComplaint({ actor }), {
    'school staff': HEAD,
    'a service manager': MANAGER,
  });

  it('refuses to refer a complaint twice', () => {
    given(...referred())
      .when(referComplaint())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('refuses to refer a closed complaint', () => {
    given(...withdrawn(lodged()))
      .when(referComplaint())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  it('refuses to refer a complaint that does not exist', () => {
    given().when(referComplaint()).thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });
});

describe('AskToReroute and KeepWithService', () => {
  const MANAGER_BY = { id: MANAGER.id, role: 'service-manager' } as const;
  const ASKED_AT = '2025-04-24T10:00:00.000Z';
  const ask = (actor = MANAGER, reason = 'It is about governor training') =>
    ({ type: 'AskToReroute', actor, at: ASKED_AT, reason }) as const;
  const keep = (actor = SUPPORT, reason = 'The adviser is yours') =>
    ({ type: 'KeepWithService', actor, at: '2025-04-24T11:00:00.000Z', reason }) as const;
  const asked = () => andThen(referred(), ask());

  it('the service holding it asks Business Support to move it, saying why; its clock runs on', () => {
    given(...referred())
      .when(ask())
      .then({
        type: 'RerouteAsked',
        data: { reason: 'It is about governor training', by: MANAGER_BY, at: ASKED_AT },
      });
    const state = fold(asked());
    expect(state.exists && state.rerouteAsked).toEqual({
      by: MANAGER.id,
      reason: 'It is about governor training',
      at: ASKED_AT,
    });
    expect(state.exists && state.clocks.resolution?.status).toBe('running');
  });

  it('asks once: asked already, it is refused until answered', () => {
    given(...asked())
      .when(ask())
      .thenFails('REROUTE_ALREADY_ASKED', 'conflict');
  });

  it('is answered by moving it, or by keeping it with the service with why; either ends the request', () => {
    const moved = fold(andThen(asked(), rerouteComplaint({ at: '2025-04-24T12:00:00.000Z' })));
    expect(moved.exists && moved.rerouteAsked).toBeNull();
    given(...asked())
      .when(keep())
      .then({
        type: 'RerouteDeclined',
        data: { reason: 'The adviser is yours', by: SUPPORT_BY, at: '2025-04-24T11:00:00.000Z' },
      });
    const kept = fold(andThen(asked(), keep()));
    expect(kept.exists && kept.rerouteAsked).toBeNull();
    given(...referred())
      .when(keep())
      .thenFails('REROUTE_NOT_ASKED', 'conflict');
  });

  it('ends with the service’s hands: a request standing when it escalates is no longer asked', () => {
    const state = fold(andThen(asked(), reachDeadline('resolution', RESOLUTION_TIMING.deadline)));
    expect(state.exists && state.status).toBe('escalated');
    expect(state.exists && state.rerouteAsked).toBeNull();
  });

  itConflicts('is not asked at %s', { triage: lodged(), 'the Board': escalated() }, ask());

  itForbids('%s may not ask for it to be moved', referred(), (actor) => ask(actor), {
    'another service’s manager': OTHER_MANAGER,
    'the school': HEAD,
    'a Board member': BOARD_A,
  });

  itForbids('%s may not keep it with the service', asked(), (actor) => keep(actor), {
    'the service’s manager': MANAGER,
    'the school': HEAD,
  });

  it('needs a reason', () => {
    given(...referred())
      .when(ask(MANAGER, '  '))
      .thenFails('FIELD_REQUIRED', 'rule');
  });
});

describe('RerouteComplaint', () => {
  const reroute = (actor = SUPPORT, toServiceId = OTHER_SERVICE, reason = 'Governance issue') =>
    ({
      type: 'RerouteComplaint',
      actor,
      at: AT,
      toServiceId,
      reason,
      relatedContractId: null,
      relatedBookingId: null,
    }) as const;

  it.each([
    ['moves a lodged complaint to another service', lodged(), AT],
    [
      'moves a referred complaint without touching its clock',
      referred(),
      '2025-04-24T10:00:00.000Z',
    ],
  ])('%s', (_, history, at) => {
    given(...history)
      .when({ ...reroute(), at })
      .then({
        type: 'ComplaintRerouted',
        data: {
          fromServiceId: SERVICE,
          toServiceId: OTHER_SERVICE,
          reason: 'Governance issue',
          related: { contractId: null, bookingId: null },
          by: SUPPORT_BY,
          at,
        },
      });
  });

  it('makes the complaint concern what the reroute names for the new service, or nothing', () => {
    const rerouted = andThen(lodged({ relatedContractId: 'C-HR' }), {
      ...reroute(),
      relatedContractId: 'C-MUSIC',
    });
    expect(fold(rerouted)).toMatchObject({ relatedContractId: 'C-MUSIC', relatedBookingId: null });
    expect(fold(andThen(lodged({ relatedContractId: 'C-HR' }), reroute()))).toMatchObject({
      relatedContractId: null,
    });
  });

  it.each([
    ["a contract of the new service's", 'SLA-GOV-0007', null],
    ["a booking of the new service's", null, 'BK-GOV-0311'],
    ['nothing (the Board will choose one of the school’s)', null, null],
  ])('records what the complaint now concerns: %s', (_, contractId, bookingId) => {
    const at = '2025-04-24T10:00:00.000Z';
    const events = given(...referred())
      .when({ ...reroute(), at, relatedContractId: contractId, relatedBookingId: bookingId })
      .then({
        type: 'ComplaintRerouted',
        data: {
          fromServiceId: SERVICE,
          toServiceId: OTHER_SERVICE,
          reason: 'Governance issue',
          related: { contractId, bookingId },
          by: SUPPORT_BY,
          at,
        },
      });
    // The music SLA the complaint was lodged about is no longer what it concerns.
    expect(fold([...referred(), ...events])).toMatchObject({
      serviceId: OTHER_SERVICE,
      relatedContractId: contractId,
      relatedBookingId: bookingId,
    });
  });

  describe('what the Board may reimburse afterwards', () => {
    const GOVERNORS_SLA = {
      kind: 'contract',
      id: 'SLA-GOV-0007',
      feesPaidPence: 200_000,
      schoolUrn: SCHOOL_URN,
      serviceId: OTHER_SERVICE,
      reimbursedPence: 0,
    } as const;
    const upheldAfterReroute = (relatedContractId: string | null) => {
      let history = andThen(referred(), {
        ...reroute(),
        at: '2025-04-22T10:00:00.000Z',
        relatedContractId,
      });
      history = andThen(history, reachDeadline('resolution', RESOLUTION_TIMING.deadline));
      return andThen(history, recordBoardDecision());
    };
    const propose = (basis: FeeAgreement) =>
      ({
        type: 'ProposeReimbursement',
        actor: BOARD_A,
        at: PROPOSAL_AT,
        proposalId: PROPOSAL_ID,
        amountPence: percentOf(basis.feesPaidPence, 25),
        basis,
        overrideReason: null,
      }) as const;

    it('the contract the reroute named, and not the old service’s', () => {
      const history = upheldAfterReroute(GOVERNORS_SLA.id);
      given(...history)
        .when(propose(GOVERNORS_SLA))
        .thenMatch(
          { type: 'ReimbursementProposed', data: { basis: { id: GOVERNORS_SLA.id } } },
          { type: 'ClockStopped' },
          { type: 'ClockStarted' },
        );
      given(...history)
        .when(propose(BASIS))
        .thenFails('BASIS_MISMATCH', 'rule');
      given(...history)
        .when(propose({ ...GOVERNORS_SLA, id: 'SLA-GOV-0008' }))
        .thenFails('BASIS_MISMATCH', 'rule');
    });

    it("when the reroute named nothing, any of the school's agreements with the new service", () => {
      const history = upheldAfterReroute(null);
      given(...history)
        .when(propose({ ...GOVERNORS_SLA, id: 'SLA-GOV-0008' }))
        .thenMatch(
          { type: 'ReimbursementProposed', data: { basis: { id: 'SLA-GOV-0008' } } },
          { type: 'ClockStopped' },
          { type: 'ClockStarted' },
        );
    });
  });

  describe('a complaint rerouted before reroutes named a contract (it still names the old one)', () => {
    const upheldAfterOldReroute = () => {
      let history = andThen(referred(), { ...reroute(), at: '2025-04-22T10:00:00.000Z' });
      // As a version 1 event reads today: the contract the complaint named was kept.
      history = history.map((event) =>
        event.type === 'ComplaintRerouted'
          ? { ...event, data: { ...event.data, related: null } }
          : event,
      );
      history = andThen(history, reachDeadline('resolution', RESOLUTION_TIMING.deadline));
      return andThen(history, recordBoardDecision());
    };
    const GOVERNORS_SLA = { ...BASIS, id: 'SLA-GOV-0007', serviceId: OTHER_SERVICE } as const;
    const proposeGovernorsSla = {
      type: 'ProposeReimbursement',
      actor: BOARD_A,
      at: PROPOSAL_AT,
      proposalId: PROPOSAL_ID,
      amountPence: percentOf(GOVERNORS_SLA.feesPaidPence, 25),
      basis: GOVERNORS_SLA,
      overrideReason: null,
    } as const;

    it('lets the Board choose one of the new service’s agreements, once the directory shows the old one is another service’s', () => {
      const history = upheldAfterOldReroute();
      const state = fold(history);
      expect(state).toMatchObject({ relatedContractId: BASIS.id, serviceId: OTHER_SERVICE });
      const withDirectory = {
        ...context,
        serviceOfAgreement: (_kind: string, id: string) => (id === BASIS.id ? SERVICE : null),
      };
      expect(decide(proposeGovernorsSla, state, withDirectory)[0]).toMatchObject({
        type: 'ReimbursementProposed',
        data: { basis: { id: GOVERNORS_SLA.id } },
      });
      // Without the directory's word, the contract the complaint names still binds.
      expect(() => decide(proposeGovernorsSla, state, context)).toThrow(
        expect.objectContaining({ code: 'BASIS_MISMATCH' }) as Error,
      );
    });
  });

  it('moves a complaint that is awaiting the school without touching its clocks', () => {
    const at = '2025-04-24T10:00:00.000Z';
    const events = given(...informationRequested())
      .when({ ...reroute(), at })
      .then({
        type: 'ComplaintRerouted',
        data: {
          fromServiceId: SERVICE,
          toServiceId: OTHER_SERVICE,
          reason: 'Governance issue',
          related: { contractId: null, bookingId: null },
          by: SUPPORT_BY,
          at,
        },
      });
    expect(fold([...informationRequested(), ...events])).toMatchObject({
      status: 'awaiting-school',
      clocks: { resolution: { status: 'paused' }, 'school-reply': { status: 'running' } },
    });
  });

  it('hands the complaint to the new service: its manager may act, the old one may not', () => {
    const history = andThen(referred(), reroute());
    given(...history)
      .when(recordContact({ actor: MANAGER }))
      .thenFails('COMPLAINT_NOT_FOUND');
    given(...history)
      .when(recordContact({ actor: OTHER_MANAGER }))
      .thenMatch({ type: 'SchoolContacted' });
  });

  it('refuses to move a complaint to the service it is already with', () => {
    given(...lodged())
      .when(reroute(SUPPORT, SERVICE))
      .thenFails('SAME_SERVICE', 'rule');
  });

  it('refuses a reroute without a reason', () => {
    given(...lodged())
      .when(reroute(SUPPORT, OTHER_SERVICE, ' '))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  itForbids('%s may not reroute', lodged(), reroute, {
    'a service manager': MANAGER,
    'school staff': HEAD,
  });

  itConflicts(
    'refuses to reroute once %s',
    {
      'a resolution is proposed': resolutionProposed(),
      'the complaint is with the Board': escalated(),
    },
    reroute(),
  );

  it('refuses to reroute a closed complaint', () => {
    given(...withdrawn())
      .when(reroute())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe.each([
  [
    'ReclassifyAsServiceRequest',
    'ComplaintReclassified',
    'reclassified-as-service-request',
    { reason: 'A request for more lessons' },
  ],
  ['RejectAsOutOfScope', 'ComplaintRejected', 'rejected-out-of-scope', { reason: 'Not traded' }],
  [
    'MarkAsDuplicate',
    'ComplaintMarkedDuplicate',
    'duplicate',
    { duplicateOf: 'SG-2025-000041', reason: 'Same lessons' },
  ],
] as const)('%s', (type, fact, outcome: ClosureOutcome, fields) => {
  const command = (overrides: Record<string, unknown> = {}) =>
    ({ type, actor: SUPPORT, at: AT, ...fields, ...overrides }) as ComplaintCommand;

  it(`closes a lodged complaint as ${outcome}, stopping the triage clock in time`, () => {
    given(...lodged())
      .when(command())
      .then(
        { type: fact, data: { ...fields, by: SUPPORT_BY, at: AT } } as ComplaintEvent,
        clockStopped('triage', 1, true, SUPPORT_BY, AT),
        { type: 'ComplaintClosed', data: { outcome, by: SUPPORT_BY, at: AT } },
      );
  });

  it('records a triage that overran its deadline', () => {
    const at = '2025-04-22T10:00:00.000Z';
    given(...lodged())
      .when(command({ at }))
      .thenMatch(
        deadlineMissed('triage', TRIAGE_TIMING),
        { type: fact },
        { type: 'ClockStopped', data: { clock: 'triage', metDeadline: false } },
        { type: 'ComplaintClosed', data: { outcome } },
      );
  });

  itForbids('%s may not do it', lodged(), (actor) => command({ actor }), {
    'school staff': HEAD,
    'a service manager': MANAGER,
  });

  it('is only for triage: refused once the complaint is with the service', () => {
    given(...referred())
      .when(command())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('is refused on a closed complaint', () => {
    given(...withdrawn(lodged()))
      .when(command())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  it('is refused for a complaint that does not exist', () => {
    given().when(command()).thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });

  if (type !== 'MarkAsDuplicate') {
    it('needs a reason', () => {
      given(...lodged())
        .when(command({ reason: '  ' }))
        .thenFails('FIELD_REQUIRED', 'rule');
    });
  }
});

describe('MarkAsDuplicate, specifically', () => {
  const duplicate = (duplicateOf: string, reason: string | null = null) =>
    ({ type: 'MarkAsDuplicate', actor: SUPPORT, at: AT, duplicateOf, reason }) as const;

  it('needs no reason', () => {
    given(...lodged())
      .when(duplicate('SG-2025-000041'))
      .thenMatch(
        {
          type: 'ComplaintMarkedDuplicate',
          data: { duplicateOf: 'SG-2025-000041', reason: null },
        },
        { type: 'ClockStopped' },
        { type: 'ComplaintClosed', data: { outcome: 'duplicate' } },
      );
  });

  it('needs the complaint it duplicates', () => {
    given(...lodged())
      .when(duplicate(' '))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it.each([COMPLAINT_ID, REFERENCE])('refuses a complaint as a duplicate of itself (%s)', (id) => {
    given(...lodged())
      .when(duplicate(id))
      .thenFails('DUPLICATE_OF_ITSELF', 'rule');
  });

  it('records the reference of the complaint it repeats, however it was named', () => {
    given(...lodged())
      .when(duplicate(EARLIER.complaintId))
      .thenMatch(
        { type: 'ComplaintMarkedDuplicate', data: { duplicateOf: EARLIER.reference } },
        { type: 'ClockStopped' },
        { type: 'ComplaintClosed' },
      );
  });

  it('refuses a complaint the store does not hold, and stays open', () => {
    const refusal = given(...lodged())
      .when(duplicate('nonsense'))
      .thenFails('DUPLICATE_OF_UNKNOWN', 'rule');
    expect(refusal.message).toContain('nonsense');
  });

  it('refuses another school’s complaint: the school would be pointed at one it cannot see', () => {
    given(...lodged())
      .when(duplicate(OTHER_SCHOOLS.reference))
      .thenFails('DUPLICATE_OF_ANOTHER_SCHOOL', 'rule');
  });

  it('refuses one itself closed as a duplicate, so two complaints cannot each close as the other’s', () => {
    const refusal = given(...lodged())
      .when(duplicate(ALREADY_A_DUPLICATE.reference))
      .thenFails('DUPLICATE_OF_DUPLICATE', 'rule');
    expect(refusal.message).toContain('name the complaint it repeats');
  });

  it('refuses one already closed, however it closed: nothing would carry the school’s complaint on', () => {
    const refusal = given(...lodged())
      .when(duplicate(ALREADY_RESOLVED.reference))
      .thenFails('DUPLICATE_OF_CLOSED', 'rule');
    expect(refusal.message).toContain(
      'SG-2025-000047 is closed, so it cannot carry this complaint on',
    );
  });

  it('refuses one lodged after it: the first lodged stands, so two officers closing each as the other’s at once cannot both pass', () => {
    const refusal = given(...lodged())
      .when(duplicate(LATER.reference))
      .thenFails('DUPLICATE_OF_LATER', 'rule');
    expect(refusal.message).toBe(
      'SG-2025-000044 was lodged after SG-2025-000042 and is waiting for triage too: close SG-2025-000044 as the duplicate of this one instead',
    );
    // One already with its service can never be closed as a duplicate: this one may repeat it.
    given(...lodged())
      .when(duplicate(LATER_REFERRED.reference))
      .thenMatch(
        { type: 'ComplaintMarkedDuplicate', data: { duplicateOf: LATER_REFERRED.reference } },
        { type: 'ClockStopped' },
        { type: 'ComplaintClosed' },
      );
    // A complaint of the year before is earlier, whatever its number.
    given(...lodged())
      .when(duplicate(LAST_YEARS.reference))
      .thenMatch(
        { type: 'ComplaintMarkedDuplicate', data: { duplicateOf: LAST_YEARS.reference } },
        { type: 'ClockStopped' },
        { type: 'ComplaintClosed' },
      );
  });

  it('tells a caller who may not triage nothing of the complaint named', () => {
    given(...lodged())
      .when({ ...duplicate('nonsense'), actor: HEAD })
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });
});

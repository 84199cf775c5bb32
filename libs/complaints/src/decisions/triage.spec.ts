import { type ComplaintCommand } from '../commands';
import { type ClosureOutcome, type ComplaintEvent } from '../events';
import {
  clockStarted,
  clockStopped,
  COMPLAINT_ID,
  escalated,
  HEAD,
  informationRequested,
  lodged,
  MANAGER,
  OTHER_MANAGER,
  OTHER_SERVICE,
  recordContact,
  REFERENCE,
  REFERRED_AT,
  referComplaint,
  referred,
  RESOLUTION_TIMING,
  resolutionProposed,
  SERVICE,
  SUPPORT,
  SUPPORT_BY,
  SYSTEM_BY,
  TRIAGE_TIMING,
  withdrawn,
} from '../testing/fixtures';
import { andThen, given, itConflicts, itForbids } from '../testing/given-when-then';

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
        at: '2025-04-18T00:00:00.000Z',
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

describe('RerouteComplaint', () => {
  const reroute = (actor = SUPPORT, toServiceId = OTHER_SERVICE, reason = 'Governance issue') =>
    ({ type: 'RerouteComplaint', actor, at: AT, toServiceId, reason }) as const;

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
          by: SUPPORT_BY,
          at,
        },
      });
  });

  it('moves a complaint that is awaiting the school', () => {
    given(...informationRequested(referred(), AT))
      .when(reroute())
      .thenMatch({ type: 'ComplaintRerouted', data: { toServiceId: OTHER_SERVICE } });
  });

  it('hands the complaint to the new service: its manager may act, the old one may not', () => {
    const history = andThen(referred(), reroute());
    given(...history)
      .when(recordContact({ actor: MANAGER }))
      .thenFails('NOT_AUTHORISED');
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
});

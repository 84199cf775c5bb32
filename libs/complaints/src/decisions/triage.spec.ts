import { type CommandOf, type ComplaintCommand } from '../commands';
import { type ClosureOutcome, type ComplaintEvent } from '../events';
import {
  clockStarted,
  clockStopped,
  COMPLAINT_ID,
  escalated,
  HEAD,
  lodged,
  MANAGER,
  OTHER_MANAGER,
  OTHER_SERVICE,
  REFERENCE,
  REFERRED_AT,
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
import { given } from '../testing/given-when-then';

const refer = (
  overrides: Partial<CommandOf<'ReferComplaint'>> = {},
): CommandOf<'ReferComplaint'> => ({
  type: 'ReferComplaint',
  actor: SUPPORT,
  at: REFERRED_AT,
  serviceId: null,
  note: 'Please call the head',
  ...overrides,
});

const AT = '2025-04-16T10:00:00.000Z';

describe('ReferComplaint', () => {
  it('refers to the named service: triage stops in time and the 10-day clock starts (due Tue 6 May 2025)', () => {
    given(...lodged())
      .when(refer())
      .then(
        {
          type: 'ComplaintReferred',
          data: {
            serviceId: SERVICE,
            note: 'Please call the head',
            by: SUPPORT_BY,
            at: REFERRED_AT,
          },
        },
        clockStopped('triage', 1, true, SUPPORT_BY, REFERRED_AT),
        clockStarted('resolution', RESOLUTION_TIMING, SUPPORT_BY, REFERRED_AT),
      );
  });

  it('refers to another service when Business Support names one', () => {
    given(...lodged())
      .when(refer({ serviceId: OTHER_SERVICE }))
      .thenMatch(
        { type: 'ComplaintReferred', data: { serviceId: OTHER_SERVICE } },
        { type: 'ClockStopped' },
        { type: 'ClockStarted' },
      );
  });

  it('a complaint lodged without a service is referred to the one Business Support names', () => {
    given(...lodged({ serviceId: null }))
      .when(refer({ serviceId: SERVICE }))
      .thenMatch(
        { type: 'ComplaintReferred', data: { serviceId: SERVICE } },
        { type: 'ClockStopped' },
        { type: 'ClockStarted' },
      );
  });

  it('refuses to refer when no service is named anywhere', () => {
    given(...lodged({ serviceId: null }))
      .when(refer())
      .thenFails('SERVICE_REQUIRED', 'rule');
  });

  it('a referral after the triage deadline records triage as late; on Good Friday the service is still due Tue 6 May', () => {
    const at = '2025-04-18T09:00:00.000Z';
    given(...lodged())
      .when(refer({ at }))
      .then(
        {
          type: 'ComplaintReferred',
          data: { serviceId: SERVICE, note: 'Please call the head', by: SUPPORT_BY, at },
        },
        clockStopped('triage', 1, false, SUPPORT_BY, at),
        clockStarted('resolution', { ...RESOLUTION_TIMING, anchor: at }, SUPPORT_BY, at),
      );
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
      .when(refer({ at }))
      .thenMatch(
        { type: 'ComplaintReferred' },
        { type: 'ClockStopped', data: { clock: 'triage', metDeadline: false } },
        { type: 'ClockStarted', data: { clock: 'resolution' } },
      );
  });

  it.each([
    ['school staff', HEAD],
    ['a service manager', MANAGER],
  ])('%s may not refer', (_, actor) => {
    given(...lodged())
      .when(refer({ actor }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it('refuses to refer a complaint twice', () => {
    given(...referred())
      .when(refer())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('refuses to refer a closed complaint', () => {
    given(...withdrawn(lodged()))
      .when(refer())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  it('refuses to refer a complaint that does not exist', () => {
    given().when(refer()).thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });
});

describe('RerouteComplaint', () => {
  const reroute = (actor = SUPPORT, toServiceId = OTHER_SERVICE, reason = 'Governance issue') =>
    ({ type: 'RerouteComplaint', actor, at: AT, toServiceId, reason }) as const;

  it('moves a lodged complaint to another service', () => {
    given(...lodged())
      .when(reroute())
      .then({
        type: 'ComplaintRerouted',
        data: {
          fromServiceId: SERVICE,
          toServiceId: OTHER_SERVICE,
          reason: 'Governance issue',
          by: SUPPORT_BY,
          at: AT,
        },
      });
  });

  it('moves a referred complaint without touching its clock', () => {
    const at = '2025-04-24T10:00:00.000Z';
    given(...referred())
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
    given(
      ...referred(),
      {
        type: 'InformationRequested',
        data: { question: 'Which dates?', by: { id: MANAGER.id, role: 'service-manager' }, at: AT },
      },
      {
        type: 'ClockPaused',
        data: {
          clock: 'resolution',
          revision: 2,
          remainingWorkingDays: 8,
          by: { id: MANAGER.id, role: 'service-manager' },
          at: AT,
        },
      },
    )
      .when(reroute())
      .thenMatch({ type: 'ComplaintRerouted', data: { toServiceId: OTHER_SERVICE } });
  });

  it('hands the complaint to the new service: its manager may act, the old one may not', () => {
    const history = [
      ...referred(),
      ...given(...referred())
        .when(reroute())
        .events(),
    ];
    const contact = (actor: typeof MANAGER) =>
      ({
        type: 'RecordContact',
        actor,
        at: '2025-04-24T10:00:00.000Z',
        contactedAt: '2025-04-24T09:00:00.000Z',
        method: 'phone',
        note: 'Called the head',
      }) as const;
    given(...history)
      .when(contact(MANAGER))
      .thenFails('NOT_AUTHORISED');
    given(...history)
      .when(contact(OTHER_MANAGER))
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

  it.each([
    ['a service manager', MANAGER],
    ['school staff', HEAD],
  ])('%s may not reroute', (_, actor) => {
    given(...lodged())
      .when(reroute(actor))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it.each([
    ['a resolution is proposed', resolutionProposed()],
    ['the complaint is with the Board', escalated()],
  ])('refuses to reroute once %s', (_, history) => {
    given(...history)
      .when(reroute())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

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

  it.each([
    ['school staff', HEAD],
    ['a service manager', MANAGER],
  ])('%s may not do it', (_, actor) => {
    given(...lodged())
      .when(command({ actor }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
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

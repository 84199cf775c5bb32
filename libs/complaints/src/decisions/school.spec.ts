import { type CommandOf } from '../commands';
import { type ComplaintEvent } from '../events';
import {
  BOARD_A,
  clockStarted,
  clockStopped,
  CONFIRMATION_TIMING,
  DEADLINE_WORKER,
  escalated,
  HEAD,
  HEAD_BY,
  lodged,
  MANAGER,
  MANAGER_BY,
  OTHER_HEAD,
  referred,
  RESOLUTION_TIMING,
  resolutionProposed,
  SUPPORT,
  SUPPORT_BY,
  SYSTEM_BY,
  withdrawn,
} from '../testing/fixtures';
import { andThen, fold, given } from '../testing/given-when-then';

const AT = '2025-05-02T10:00:00.000Z'; // Friday 2 May 2025: before the resolution deadline

describe('ConfirmResolution', () => {
  const confirm = (actor = HEAD, at = AT): CommandOf<'ConfirmResolution'> => ({
    type: 'ConfirmResolution',
    actor,
    at,
  });

  it('the school confirms: the confirmation clock stops and the complaint closes as resolved', () => {
    given(...resolutionProposed())
      .when(confirm())
      .then(
        { type: 'ResolutionConfirmed', data: { deemed: false, by: HEAD_BY, at: AT } },
        clockStopped('school-confirmation', 1, true, HEAD_BY, AT),
        { type: 'ComplaintClosed', data: { outcome: 'resolved', by: HEAD_BY, at: AT } },
      );
  });

  it('Business Support records a confirmation given by phone', () => {
    given(...resolutionProposed())
      .when(confirm(SUPPORT))
      .then(
        { type: 'ResolutionConfirmed', data: { deemed: false, by: SUPPORT_BY, at: AT } },
        clockStopped('school-confirmation', 1, true, SUPPORT_BY, AT),
        { type: 'ComplaintClosed', data: { outcome: 'resolved', by: SUPPORT_BY, at: AT } },
      );
  });

  it.each([
    ["another school's staff", OTHER_HEAD],
    ['the service manager', MANAGER],
    ['a Board member', BOARD_A],
  ])('%s may not confirm for the school', (_, actor) => {
    given(...resolutionProposed())
      .when(confirm(actor))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it.each([
    ['with the service', referred()],
    ['in triage', lodged()],
    ['escalated', escalated()],
  ])('is refused when nothing is proposed (complaint %s)', (_, history) => {
    given(...history)
      .when(confirm())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('refuses to confirm a resolution on a withdrawn complaint', () => {
    given(...withdrawn(resolutionProposed()))
      .when(confirm())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  it('refuses to confirm twice', () => {
    given(...andThen(resolutionProposed(), confirm()))
      .when(confirm(HEAD, '2025-05-02T11:00:00.000Z'))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe('DisputeResolution', () => {
  const dispute = (
    overrides: Partial<CommandOf<'DisputeResolution'>> = {},
  ): CommandOf<'DisputeResolution'> => ({
    type: 'DisputeResolution',
    actor: HEAD,
    at: AT,
    reason: '  The new dates do not suit  ',
    ...overrides,
  });

  it('before the resolution deadline it reopens the complaint with the same deadline (Tue 6 May)', () => {
    given(...resolutionProposed())
      .when(dispute())
      .then(
        {
          type: 'ResolutionDisputed',
          data: { reason: 'The new dates do not suit', by: HEAD_BY, at: AT },
        },
        clockStopped('school-confirmation', 1, true, HEAD_BY, AT),
        { type: 'ComplaintReopened', data: { by: HEAD_BY, at: AT } },
        clockStarted('resolution', { ...RESOLUTION_TIMING, revision: 2 }, HEAD_BY, AT),
      );
  });

  it('after the resolution deadline it escalates to the Board, whose 20 days run to Thu 5 June', () => {
    const at = '2025-05-07T10:00:00.000Z';
    given(...resolutionProposed())
      .when(dispute({ at }))
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
            warningAt: null,
          },
          HEAD_BY,
          at,
        ),
      );
  });

  it('at the very instant of the deadline it escalates', () => {
    given(...resolutionProposed())
      .when(dispute({ at: RESOLUTION_TIMING.deadline }))
      .thenMatch(
        { type: 'ResolutionDisputed' },
        { type: 'ClockStopped' },
        { type: 'ComplaintEscalated' },
        { type: 'ClockStarted', data: { clock: 'board-decision' } },
      );
  });

  it('a millisecond before the deadline it reopens', () => {
    given(...resolutionProposed())
      .when(dispute({ at: '2025-05-06T22:59:59.999Z' }))
      .thenMatch(
        { type: 'ResolutionDisputed' },
        { type: 'ClockStopped' },
        { type: 'ComplaintReopened' },
        { type: 'ClockStarted', data: { clock: 'resolution', timing: { revision: 2 } } },
      );
  });

  it('the reopened clock escalates at the original deadline', () => {
    const history = andThen(resolutionProposed(), dispute());
    expect(fold(history)).toMatchObject({ status: 'with-service' });
    given(...history)
      .when({
        type: 'ReachDeadline',
        actor: DEADLINE_WORKER,
        at: '2025-05-07T00:00:00.000Z',
        clock: 'resolution',
        revision: 2,
        timer: 'deadline',
      })
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
      .when(dispute({ actor: SUPPORT }))
      .thenMatch({ type: 'ResolutionDisputed', data: { by: SUPPORT_BY } }, {}, {}, {});
  });

  it('needs a reason', () => {
    given(...resolutionProposed())
      .when(dispute({ reason: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it.each([
    ["another school's staff", OTHER_HEAD],
    ['the service manager', MANAGER],
  ])('%s may not dispute for the school', (_, actor) => {
    given(...resolutionProposed())
      .when(dispute({ actor }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it.each([
    ['with the service', referred()],
    ['escalated', escalated()],
  ])('is refused when nothing is proposed (complaint %s)', (_, history) => {
    given(...history)
      .when(dispute())
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it('is refused on a withdrawn complaint', () => {
    given(...withdrawn(resolutionProposed()))
      .when(dispute())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });
});

describe('WithdrawComplaint', () => {
  const W_AT = '2025-04-24T10:00:00.000Z';
  const withdraw = (
    overrides: Partial<CommandOf<'WithdrawComplaint'>> = {},
  ): CommandOf<'WithdrawComplaint'> => ({
    type: 'WithdrawComplaint',
    actor: HEAD,
    at: W_AT,
    reason: 'Sorted out informally',
    ...overrides,
  });

  it('the school withdraws while the service works: the resolution clock stops, the complaint closes', () => {
    given(...referred())
      .when(withdraw())
      .then(...withdrawn().slice(referred().length));
  });

  it('withdrawn in triage: the triage clock stops', () => {
    const at = '2025-04-16T10:00:00.000Z';
    given(...lodged())
      .when(withdraw({ at, reason: null }))
      .then(
        { type: 'ComplaintWithdrawn', data: { reason: null, by: HEAD_BY, at } },
        clockStopped('triage', 1, true, HEAD_BY, at),
        { type: 'ComplaintClosed', data: { outcome: 'withdrawn', by: HEAD_BY, at } },
      );
  });

  it('withdrawn while awaiting the school: the paused clock stops', () => {
    const history: ComplaintEvent[] = [
      ...referred(),
      { type: 'InformationRequested', data: { question: 'Dates?', by: MANAGER_BY, at: AT } },
      {
        type: 'ClockPaused',
        data: { clock: 'resolution', revision: 2, remainingWorkingDays: 2, by: MANAGER_BY, at: AT },
      },
    ];
    given(...history)
      .when(withdraw({ at: '2025-05-20T10:00:00.000Z' }))
      .thenMatch(
        { type: 'ComplaintWithdrawn' },
        { type: 'ClockStopped', data: { clock: 'resolution', revision: 2, metDeadline: true } },
        { type: 'ComplaintClosed', data: { outcome: 'withdrawn' } },
      );
  });

  it('withdrawn with a resolution proposed: the confirmation clock stops', () => {
    given(...resolutionProposed())
      .when(withdraw({ at: AT }))
      .then(
        {
          type: 'ComplaintWithdrawn',
          data: { reason: 'Sorted out informally', by: HEAD_BY, at: AT },
        },
        clockStopped('school-confirmation', CONFIRMATION_TIMING.revision, true, HEAD_BY, AT),
        { type: 'ComplaintClosed', data: { outcome: 'withdrawn', by: HEAD_BY, at: AT } },
      );
  });

  it('withdrawn before the Board: the Board clock stops', () => {
    const at = '2025-05-08T10:00:00.000Z';
    given(...escalated())
      .when(withdraw({ at }))
      .thenMatch(
        { type: 'ComplaintWithdrawn' },
        { type: 'ClockStopped', data: { clock: 'board-decision', metDeadline: true } },
        { type: 'ComplaintClosed', data: { outcome: 'withdrawn' } },
      );
  });

  it('Business Support withdraws on the school’s behalf', () => {
    given(...referred())
      .when(withdraw({ actor: SUPPORT }))
      .thenMatch(
        { type: 'ComplaintWithdrawn', data: { by: SUPPORT_BY } },
        { type: 'ClockStopped' },
        { type: 'ComplaintClosed', data: { outcome: 'withdrawn', by: SUPPORT_BY } },
      );
  });

  it.each([
    ["another school's staff", OTHER_HEAD],
    ['the service manager', MANAGER],
    ['a Board member', BOARD_A],
  ])('%s may not withdraw the complaint', (_, actor) => {
    given(...referred())
      .when(withdraw({ actor }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
  });

  it('refuses to withdraw twice', () => {
    given(...withdrawn())
      .when(withdraw({ at: '2025-04-25T10:00:00.000Z' }))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  it('refuses to withdraw a complaint that does not exist', () => {
    given().when(withdraw()).thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });
});

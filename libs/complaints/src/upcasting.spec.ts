import { schemaVersionOf } from './events';
import { DEFAULT_POLICY } from './policy/default-policy';
import {
  BASIS,
  lodged,
  OTHER_SERVICE,
  referComplaint,
  referred,
  requestInformation,
  SCHOOL_REPLY_TIMING,
  SERVICE,
  SUPPORT_BY,
} from './testing/fixtures';
import { andThen, fold } from './testing/given-when-then';
import {
  complaintEventFrom,
  UnreadableEventError,
  upcastComplaintEvent,
  type UpcasterChain,
} from './upcasting';

// A made-up history: v1 named the field `why`, v2 renamed it `reason`, v3 added `note`.
const chain: UpcasterChain = {
  ComplaintRejected: {
    1: (data) => {
      const { why, ...rest } = data as { why: string };
      return { ...rest, reason: why };
    },
    2: (data) => ({ ...(data as object), note: null }),
  },
};

describe('upcastComplaintEvent', () => {
  it('brings old data up one version at a time to the current schema', () => {
    expect(
      upcastComplaintEvent(
        { type: 'ComplaintRejected', data: { why: 'Not a traded service' }, schemaVersion: 1 },
        chain,
        3,
      ),
    ).toEqual({
      type: 'ComplaintRejected',
      data: { reason: 'Not a traded service', note: null },
    });
  });

  it('leaves current data alone', () => {
    const data = { reason: 'x', note: 'y' };
    expect(
      upcastComplaintEvent({ type: 'ComplaintRejected', data, schemaVersion: 3 }, chain, 3).data,
    ).toBe(data);
  });

  it('refuses data from a newer release, and a version with no way up', () => {
    expect(() =>
      upcastComplaintEvent({ type: 'ComplaintRejected', data: {}, schemaVersion: 4 }, chain, 3),
    ).toThrow(UnreadableEventError);
    expect(() =>
      upcastComplaintEvent({ type: 'ComplaintWithdrawn', data: {}, schemaVersion: 1 }, chain, 2),
    ).toThrow('Cannot read ComplaintWithdrawn at schema version 1: no upcaster from it');
  });
});

describe('the complaint events stored before every waiting state had a clock', () => {
  /** A policy as lodged under schema version 1: no reply window, no reimbursement targets. */
  const V1_POLICY = {
    triageTargetWorkingDays: 2,
    resolutionTargetWorkingDays: 15,
    warningWorkingDaysBefore: 2,
    extensionCapWorkingDays: 10,
    schoolConfirmationWorkingDays: 5,
    boardDecisionTargetWorkingDays: 20,
    reimbursementSchedule: { minor: 10, significant: 25, serious: 50, complete: 100 },
    approvalQuorum: 2,
  };
  const storedLodging = (schemaVersion: number, policy: object) => {
    const [lodging] = lodged();
    return { type: 'ComplaintLodged', data: { ...lodging.data, policy }, schemaVersion };
  };

  it('reads a v1 ComplaintLodged with the new targets at the defaults, keeping every target it had', () => {
    const lodging = upcastComplaintEvent(storedLodging(1, V1_POLICY));
    expect(lodging.type).toBe('ComplaintLodged');
    expect(lodging.type === 'ComplaintLodged' && lodging.data.policy).toEqual({
      ...V1_POLICY,
      schoolReplyWorkingDays: 10,
      reimbursementProposalTargetWorkingDays: 5,
      reimbursementApprovalTargetWorkingDays: 10,
      reimbursementPaymentTargetWorkingDays: 20,
    });
    expect(lodging.data).toEqual({ ...lodged()[0].data, policy: expect.any(Object) });
  });

  it('the upcast policy is one the complaint can wait under: the school gets the default 10 days', () => {
    const history = [upcastComplaintEvent(storedLodging(1, V1_POLICY)), ...lodged().slice(1)];
    const asked = andThen(
      andThen(history, referComplaint()),
      requestInformation({ at: '2025-04-23T13:00:00.000Z' }),
    );
    // Its own 15-day resolution target still holds: 15 days from Thu 17 April, due Tue 13 May;
    // paused Wed 23 April, 13 of them were left.
    expect(fold(asked)).toMatchObject({
      status: 'awaiting-school',
      clocks: {
        resolution: {
          status: 'paused',
          remainingWorkingDays: 13,
          timing: { dueDate: '2025-05-13' },
        },
        'school-reply': { status: 'running', timing: SCHOOL_REPLY_TIMING },
      },
    });
  });

  it('leaves a v2 ComplaintLodged alone, whatever its targets', () => {
    const policy = { ...DEFAULT_POLICY, schoolReplyWorkingDays: 4 };
    const stored = storedLodging(2, policy);
    expect(upcastComplaintEvent(stored).data).toBe(stored.data);
  });

  it('reads a v1 ComplaintRerouted as keeping what the complaint concerned (related: null)', () => {
    const data = {
      fromServiceId: SERVICE,
      toServiceId: OTHER_SERVICE,
      reason: 'Governance issue',
      by: SUPPORT_BY,
      at: '2025-04-24T10:00:00.000Z',
    };
    const rerouted = upcastComplaintEvent({ type: 'ComplaintRerouted', data, schemaVersion: 1 });
    expect(rerouted).toEqual({ type: 'ComplaintRerouted', data: { ...data, related: null } });
    expect(fold([...referred(), rerouted])).toMatchObject({
      serviceId: OTHER_SERVICE,
      relatedContractId: BASIS.id,
      relatedBookingId: null,
    });
  });

  it('reads the other events at version 1, as they always were', () => {
    const [, clockStarted] = lodged();
    expect(schemaVersionOf('ClockStarted')).toBe(1);
    expect(upcastComplaintEvent({ ...clockStarted, schemaVersion: 1 })).toEqual(clockStarted);
    expect(() => upcastComplaintEvent({ ...clockStarted, schemaVersion: 2 })).toThrow(
      UnreadableEventError,
    );
  });

  it('knows ComplaintLodged and ComplaintRerouted are at version 2, and refuses anything newer', () => {
    expect(schemaVersionOf('ComplaintLodged')).toBe(2);
    expect(schemaVersionOf('ComplaintRerouted')).toBe(2);
    expect(() => upcastComplaintEvent(storedLodging(3, DEFAULT_POLICY))).toThrow(
      UnreadableEventError,
    );
  });

  it('reads an event as stored, with its schema version in the metadata', () => {
    const { type, data } = storedLodging(1, V1_POLICY);
    expect(complaintEventFrom({ type, data, metadata: { schemaVersion: 1 } })).toEqual(
      upcastComplaintEvent(storedLodging(1, V1_POLICY)),
    );
  });
});

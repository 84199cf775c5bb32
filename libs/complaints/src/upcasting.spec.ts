import { type EventOf, schemaVersionOf } from './events';
import { DEFAULT_POLICY } from './policy/default-policy';
import {
  ANSWERED_AT,
  BASIS,
  BOARD_B,
  BOARD_B_BY,
  boardDecided,
  DECIDED_AT,
  escalated,
  HEAD,
  HEAD_BY,
  lodged,
  OTHER_SERVICE,
  referComplaint,
  referred,
  requestInformation,
  SCHOOL_REPLY_TIMING,
  SERVICE,
  SUPPORT,
  SUPPORT_BY,
  SYSTEM_BY,
  WITHDRAWN_AT,
  withdrawn,
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
  /**
   * A lodging as stored at `schemaVersion`: version 1 kept no officer's name, and before version 4
   * no lodging said what would put it right.
   */
  const storedLodging = (schemaVersion: number, policy: object, actor = HEAD) => {
    const [lodging] = lodged({ actor, channel: 'email' });
    const {
      loggedByOfficer,
      desiredOutcome,
      emailMessageId,
      filesNotKept,
      receivedAt,
      matchedBy,
      ...v1
    } = lodging.data as EventOf<'ComplaintLodged'>['data'];
    const data = {
      ...v1,
      ...(schemaVersion > 1 && { loggedByOfficer }),
      ...(schemaVersion > 3 && { desiredOutcome }),
      ...(schemaVersion > 4 && { emailMessageId }),
      ...(schemaVersion > 5 && { filesNotKept }),
      ...(schemaVersion > 6 && { receivedAt }),
      ...(schemaVersion > 7 && { matchedBy }),
    };
    return { type: 'ComplaintLodged', data: { ...data, policy }, schemaVersion };
  };

  it('reads a v1 ComplaintLodged with the new targets at the defaults, keeping every target it had, and one member deciding for the Board', () => {
    const lodging = upcastComplaintEvent(storedLodging(1, V1_POLICY));
    expect(lodging.type).toBe('ComplaintLodged');
    expect(lodging.type === 'ComplaintLodged' && lodging.data.policy).toEqual({
      ...V1_POLICY,
      schoolReplyWorkingDays: 10,
      reimbursementProposalTargetWorkingDays: 5,
      reimbursementApprovalTargetWorkingDays: 10,
      reimbursementPaymentTargetWorkingDays: 20,
      decisionQuorum: 1,
    });
    expect(lodging.data).toEqual({
      ...lodged({ channel: 'email' })[0].data,
      policy: expect.any(Object),
    });
  });

  it('reads a v1 ComplaintLodged an officer logged as naming no officer: no name was kept', () => {
    const stored = storedLodging(1, V1_POLICY, SUPPORT);
    expect(stored.data).not.toHaveProperty('loggedByOfficer');
    expect(upcastComplaintEvent(stored).data).toMatchObject({
      by: SUPPORT_BY,
      loggedByOfficer: null,
    });
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

  it('reads a v2 ComplaintLodged with its own targets, naming no officer and a one-member Board decision', () => {
    // Version 2 policies had no decision quorum, and lodgings named no officer.
    const v2Policy: Record<string, unknown> = { ...DEFAULT_POLICY, schoolReplyWorkingDays: 4 };
    delete v2Policy.decisionQuorum;
    const stored = storedLodging(2, v2Policy);
    const v2Data: Record<string, unknown> = { ...stored.data };
    delete v2Data.loggedByOfficer;
    const read = upcastComplaintEvent({ ...stored, data: v2Data }).data;
    expect(read).toMatchObject({
      loggedByOfficer: null,
      policy: { ...v2Policy, decisionQuorum: 1 },
    });
  });

  it('reads a v3 ComplaintLodged with its own targets, as saying nothing of what would put it right', () => {
    const policy = { ...DEFAULT_POLICY, schoolReplyWorkingDays: 4, decisionQuorum: 2 };
    const stored = storedLodging(3, policy);
    expect(stored.data).not.toHaveProperty('desiredOutcome');
    expect(upcastComplaintEvent(stored).data).toEqual({
      ...stored.data,
      desiredOutcome: null,
      emailMessageId: null,
      filesNotKept: [],
      receivedAt: stored.data.at,
      matchedBy: null,
    });
    expect(fold([upcastComplaintEvent(stored), ...lodged().slice(1)])).toMatchObject({
      desiredOutcome: null,
      policy,
    });
  });

  it('reads a v4 ComplaintLodged as naming no email it came in', () => {
    const stored = storedLodging(4, { ...DEFAULT_POLICY, decisionQuorum: 2 });
    expect(stored.data).not.toHaveProperty('emailMessageId');
    expect(upcastComplaintEvent(stored).data).toEqual({
      ...stored.data,
      emailMessageId: null,
      filesNotKept: [],
      receivedAt: stored.data.at,
      matchedBy: null,
    });
  });

  it('reads a v5 ComplaintLodged as listing no file that was not kept', () => {
    const stored = storedLodging(5, { ...DEFAULT_POLICY, decisionQuorum: 2 });
    expect(stored.data).not.toHaveProperty('filesNotKept');
    expect(upcastComplaintEvent(stored).data).toEqual({
      ...stored.data,
      filesNotKept: [],
      receivedAt: stored.data.at,
      matchedBy: null,
    });
  });

  it('reads a v6 ComplaintLodged as received when it was logged', () => {
    const stored = storedLodging(6, { ...DEFAULT_POLICY, decisionQuorum: 2 });
    expect(stored.data).not.toHaveProperty('receivedAt');
    expect(upcastComplaintEvent(stored).data).toEqual({
      ...stored.data,
      receivedAt: stored.data.at,
      matchedBy: null,
    });
    expect(fold([upcastComplaintEvent(stored)])).toMatchObject({
      lodgedAt: stored.data.at,
      loggedAt: stored.data.at,
    });
  });

  it('reads a v7 ComplaintLodged as matched by nobody', () => {
    const stored = storedLodging(7, { ...DEFAULT_POLICY, decisionQuorum: 2 });
    expect(stored.data).not.toHaveProperty('matchedBy');
    expect(upcastComplaintEvent(stored).data).toEqual({ ...stored.data, matchedBy: null });
  });

  it('leaves a v8 ComplaintLodged alone', () => {
    const stored = storedLodging(8, { ...DEFAULT_POLICY, decisionQuorum: 2 });
    expect(stored.data).toHaveProperty('matchedBy');
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

  it('knows ComplaintLodged is at version 8 and ComplaintRerouted at 2, and refuses anything newer', () => {
    expect(schemaVersionOf('ComplaintLodged')).toBe(8);
    expect(schemaVersionOf('ComplaintRerouted')).toBe(2);
    expect(() => upcastComplaintEvent(storedLodging(9, DEFAULT_POLICY))).toThrow(
      UnreadableEventError,
    );
  });

  it('reads the events of files as they are, at version 1', () => {
    const added = {
      type: 'AttachmentAdded',
      data: {
        attachmentId: 'a-1',
        name: 'Letter.pdf',
        sizeBytes: 10,
        mediaType: 'application/pdf',
        sha256: 'c'.repeat(64),
        by: SUPPORT_BY,
        at: WITHDRAWN_AT,
      },
    };
    expect(schemaVersionOf('AttachmentAdded')).toBe(1);
    expect(upcastComplaintEvent({ ...added, schemaVersion: 1 })).toEqual(added);
  });

  it('reads an event as stored, with its schema version in the metadata', () => {
    const { type, data } = storedLodging(1, V1_POLICY);
    expect(complaintEventFrom({ type, data, metadata: { schemaVersion: 1 } })).toEqual(
      upcastComplaintEvent(storedLodging(1, V1_POLICY)),
    );
  });
});

describe('the complaint events stored before the Board governance rules', () => {
  const WITHDRAWN_V1 = { reason: 'Sorted out informally', by: SUPPORT_BY, at: WITHDRAWN_AT };

  it('reads a v1 ComplaintWithdrawn as recording no consent, and the complaint folds closed', () => {
    const withdrawal = upcastComplaintEvent({
      type: 'ComplaintWithdrawn',
      data: WITHDRAWN_V1,
      schemaVersion: 1,
    });
    expect(withdrawal).toEqual({
      type: 'ComplaintWithdrawn',
      data: { ...WITHDRAWN_V1, consent: null },
    });
    const [, stopped, closed] = withdrawn().slice(referred().length);
    expect(fold([...referred(), withdrawal, stopped, closed])).toMatchObject({
      status: 'closed',
      closure: { outcome: 'withdrawn', at: WITHDRAWN_AT },
    });
  });

  it('reads a v1 ComplaintWithdrawn without a reason as it was: a reason was not then required', () => {
    const data = { ...WITHDRAWN_V1, reason: null };
    expect(
      upcastComplaintEvent({ type: 'ComplaintWithdrawn', data, schemaVersion: 1 }).data,
    ).toEqual({ ...data, consent: null });
  });

  it.each([
    ['by the school', { deemed: false, by: HEAD_BY, at: ANSWERED_AT }],
    ['by Business Support', { deemed: false, by: SUPPORT_BY, at: ANSWERED_AT }],
    ["deemed by the school's silence", { deemed: true, by: SYSTEM_BY, at: ANSWERED_AT }],
  ])('reads a v1 ResolutionConfirmed %s as recording no consent', (_, data) => {
    expect(upcastComplaintEvent({ type: 'ResolutionConfirmed', data, schemaVersion: 1 })).toEqual({
      type: 'ResolutionConfirmed',
      data: { ...data, consent: null },
    });
  });

  it("reads a v1 BoardDecisionRecorded as one member's decision: the member who recorded it", () => {
    const data = {
      outcome: 'upheld',
      failureLevel: 'significant',
      rationale: 'Lessons were not delivered',
      by: BOARD_B_BY,
      at: DECIDED_AT,
    };
    const decision = upcastComplaintEvent({
      type: 'BoardDecisionRecorded',
      data,
      schemaVersion: 1,
    });
    expect(decision).toEqual({
      type: 'BoardDecisionRecorded',
      data: { ...data, members: [BOARD_B.id] },
    });
    const [, ...clocks] = boardDecided().slice(escalated().length);
    expect(fold([...escalated(), decision, ...clocks])).toMatchObject({
      status: 'board-decided',
      board: { outcome: 'upheld', failureLevel: 'significant' },
      pendingDecision: null,
    });
  });

  it('reads a v1 BoardDecisionSupported as support whose own words were not kept', () => {
    const data = { by: BOARD_B_BY, at: DECIDED_AT };
    expect(
      upcastComplaintEvent({ type: 'BoardDecisionSupported', data, schemaVersion: 1 }),
    ).toEqual({ type: 'BoardDecisionSupported', data: { ...data, rationale: null } });
  });

  it("reads a v1 ReimbursementWaived as one member's decision: the member who closed it", () => {
    const data = { reason: 'An apology is enough', by: BOARD_B_BY, at: DECIDED_AT };
    expect(upcastComplaintEvent({ type: 'ReimbursementWaived', data, schemaVersion: 1 })).toEqual({
      type: 'ReimbursementWaived',
      data: { ...data, members: [BOARD_B.id] },
    });
  });

  it('reads them as stored, with the schema version in the metadata', () => {
    expect(
      complaintEventFrom({
        type: 'ComplaintWithdrawn',
        data: WITHDRAWN_V1,
        metadata: { schemaVersion: 1 },
      }),
    ).toEqual({ type: 'ComplaintWithdrawn', data: { ...WITHDRAWN_V1, consent: null } });
  });

  it.each([
    'ComplaintWithdrawn',
    'ResolutionConfirmed',
    'BoardDecisionRecorded',
    'ReimbursementWaived',
    'BoardDecisionSupported',
  ])('knows %s is at version 2: leaves it alone, and refuses anything newer', (type) => {
    expect(schemaVersionOf(type)).toBe(2);
    const data = { consent: null, members: [], by: SUPPORT_BY, at: WITHDRAWN_AT };
    expect(upcastComplaintEvent({ type, data, schemaVersion: 2 }).data).toBe(data);
    expect(() => upcastComplaintEvent({ type, data, schemaVersion: 3 })).toThrow(
      UnreadableEventError,
    );
  });
});

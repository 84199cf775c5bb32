import { type ComplaintEvent } from './events';
import { evolve, foldComplaint } from './evolve';
import { INITIAL_STATE, type OpenComplaint } from './state';
import {
  agreeExtension,
  approvalGiven,
  APPROVED_AT,
  ATTACHED_AT,
  attachmentAdded,
  BASIS_IN_EVENTS,
  BOARD_A,
  BOARD_A_BY,
  BOARD_B,
  BOARD_B_BY,
  BOARD_C,
  BOARD_C_BY,
  conflictDeclared,
  DECIDED_AT,
  escalated,
  HEAD_BY,
  LETTER,
  LODGED_AT,
  lodged,
  MANAGER_BY,
  OTHER_SERVICE,
  PAID_AT,
  PROPOSAL_ID,
  reachDeadline,
  recordInformationReceived,
  recordReimbursementPaid,
  REFERRED_AT,
  referred,
  reimbursementApproved,
  reimbursementProposed,
  requestInformation,
  rerouteComplaint,
  RESOLUTION_TIMING,
  SCHOOL_URN,
  SERVICE,
  TIMETABLE,
  WITHDRAWN_AT,
  withdrawn,
} from './testing/fixtures';
import { andThen, fold } from './testing/given-when-then';

const open = (history: ComplaintEvent[]) => fold(history) as OpenComplaint;

describe('evolve', () => {
  it('ignores everything before the complaint is lodged', () => {
    const stray = referred().slice(lodged().length);
    expect(foldComplaint(stray)).toEqual({ exists: false });
  });

  it('folds the lodging into a complaint in triage with its triage clock running', () => {
    expect(open(lodged())).toMatchObject({
      exists: true,
      status: 'lodged',
      schoolUrn: SCHOOL_URN,
      serviceId: SERVICE,
      lodgedAt: LODGED_AT,
      lodgedBy: HEAD_BY,
      referredAt: null,
      firstContactAt: null,
      proposal: null,
      pendingDecision: null,
      handledBy: [],
      recused: [],
      caseOfficer: null,
      reimbursedPence: 0,
      closure: null,
      desiredOutcome: null,
      attachments: [],
      clocks: { triage: { status: 'running', extendedBy: 0, warned: false, missed: false } },
    });
  });

  it('keeps what the school says would put it right', () => {
    expect(open(lodged({ desiredOutcome: 'The lessons made up' }))).toMatchObject({
      desiredOutcome: 'The lessons made up',
    });
  });

  it('lists the files in the order they were added, with who added each and when', () => {
    const history = [
      ...lodged({ attachments: [LETTER] }),
      ...referred().slice(lodged().length),
      attachmentAdded(TIMETABLE, MANAGER_BY, ATTACHED_AT),
    ];
    expect(open(history).attachments).toEqual([
      { ...LETTER, addedBy: HEAD_BY, addedAt: LODGED_AT },
      { ...TIMETABLE, addedBy: MANAGER_BY, addedAt: ATTACHED_AT },
    ]);
  });

  it('adding a file is not handling the complaint: a manager who only added one may still judge it', () => {
    const history = [...referred(), attachmentAdded(TIMETABLE, MANAGER_BY, ATTACHED_AT)];
    expect(open(history).handledBy).not.toContain(MANAGER_BY.id);
  });

  it('keeps who lodged it: an officer who logged it for the school', () => {
    expect(open(lodged({ actor: BOARD_C, channel: 'phone' }))).toMatchObject({
      lodgedBy: BOARD_C_BY,
      handledBy: [],
    });
  });

  it('a decision awaiting support collects its supporters, and is gone once recorded', () => {
    const at = '2025-05-19T10:00:00.000Z';
    const put = { outcome: 'upheld', failureLevel: 'serious', rationale: 'No lessons' } as const;
    const history: ComplaintEvent[] = [
      ...escalated(),
      { type: 'BoardDecisionProposed', data: { ...put, by: BOARD_A_BY, at } },
      { type: 'BoardDecisionSupported', data: { rationale: 'Agreed', by: BOARD_B_BY, at } },
    ];
    expect(open(history)).toMatchObject({
      status: 'escalated',
      board: null,
      pendingDecision: { ...put, proposedBy: BOARD_A.id, supporters: [BOARD_B.id] },
    });
    const recorded: ComplaintEvent = {
      type: 'BoardDecisionRecorded',
      data: { ...put, members: [BOARD_A.id, BOARD_B.id, BOARD_C.id], by: BOARD_C_BY, at },
    };
    expect(open([...history, recorded])).toMatchObject({
      status: 'board-decided',
      board: { outcome: 'upheld', failureLevel: 'serious' },
      pendingDecision: null,
    });
  });

  it('a support with no decision awaiting it changes nothing', () => {
    const support: ComplaintEvent = {
      type: 'BoardDecisionSupported',
      data: { rationale: 'Agreed', by: BOARD_B_BY, at: DECIDED_AT },
    };
    expect(open([...escalated(), support])).toEqual(open(escalated()));
  });

  it('declared conflicts, the case officer, and a reroute taking the complaint from its case officer', () => {
    const assigned: ComplaintEvent = {
      type: 'CaseOfficerAssigned',
      data: { officerId: 'u-tutor', officerName: 'Tia Tutor', by: MANAGER_BY, at: REFERRED_AT },
    };
    expect(open([...referred(), assigned]).caseOfficer).toEqual({
      id: 'u-tutor',
      name: 'Tia Tutor',
    });
    const rerouted = andThen([...referred(), assigned], rerouteComplaint());
    expect(open(rerouted)).toMatchObject({ serviceId: OTHER_SERVICE, caseOfficer: null });
    expect(open([...escalated(), conflictDeclared(BOARD_B_BY)]).recused).toEqual([BOARD_B.id]);
  });

  it('a referral puts the complaint with the service, triage stopped and resolution running', () => {
    expect(open(referred())).toMatchObject({
      status: 'with-service',
      referredAt: REFERRED_AT,
      clocks: {
        triage: { status: 'stopped', metDeadline: true },
        resolution: { status: 'running', timing: RESOLUTION_TIMING },
      },
    });
  });

  it('keeps the first contact with the school', () => {
    const contact = (contactedAt: string): ComplaintEvent => ({
      type: 'SchoolContacted',
      data: { contactedAt, method: 'phone', note: 'Called', by: MANAGER_BY, at: contactedAt },
    });
    const state = open([
      ...referred(),
      contact('2025-04-22T09:00:00.000Z'),
      contact('2025-04-23T09:00:00.000Z'),
    ]);
    expect(state.firstContactAt).toBe('2025-04-22T09:00:00.000Z');
  });

  it('pause and resume: status, days left, revisions and the warning flag', () => {
    let history = andThen(
      referred(),
      reachDeadline('resolution', '2025-05-01T23:00:00.000Z', 1, 'warning'),
    );
    expect(open(history).clocks.resolution).toMatchObject({ warned: true });
    history = andThen(history, requestInformation({ at: '2025-05-02T09:00:00.000Z' }));
    expect(open(history)).toMatchObject({
      status: 'awaiting-school',
      clocks: {
        resolution: { status: 'paused', remainingWorkingDays: 1, timing: { revision: 2 } },
      },
    });
    history = andThen(history, recordInformationReceived({ at: '2025-05-12T09:00:00.000Z' }));
    expect(open(history)).toMatchObject({
      status: 'with-service',
      clocks: {
        resolution: {
          status: 'running',
          remainingWorkingDays: null,
          warned: false,
          timing: { revision: 3, workingDays: 1, dueDate: '2025-05-13' },
        },
      },
    });
  });

  it('counts extensions and clears the warning flag', () => {
    const history = andThen(referred(), agreeExtension({ extraWorkingDays: 3 }));
    expect(open(history).clocks.resolution).toMatchObject({
      status: 'running',
      extendedBy: 3,
      warned: false,
      timing: { revision: 2, workingDays: 13 },
    });
  });

  it('a proposal collects approvals and, once paid, counts the money reimbursed', () => {
    expect(open([...reimbursementProposed(), approvalGiven(BOARD_B_BY)]).proposal).toEqual({
      proposalId: PROPOSAL_ID,
      proposedBy: BOARD_A.id,
      amountPence: 120_000,
      basis: BASIS_IN_EVENTS,
      approvals: [BOARD_B.id],
      status: 'proposed',
      approvedAt: null,
    });
    expect(open(reimbursementApproved()).proposal).toMatchObject({
      status: 'approved',
      approvedAt: APPROVED_AT,
    });
    const paid = andThen(reimbursementApproved(), recordReimbursementPaid());
    expect(open(paid)).toMatchObject({
      status: 'closed',
      reimbursedPence: 120_000,
      proposal: { status: 'paid' },
      closure: { outcome: 'upheld-and-reimbursed', at: PAID_AT },
    });
  });

  it('records the closure', () => {
    expect(open(withdrawn())).toMatchObject({
      status: 'closed',
      closure: { outcome: 'withdrawn', at: WITHDRAWN_AT },
      clocks: { resolution: { status: 'stopped', metDeadline: true } },
    });
  });

  it('never changes the state it is given', () => {
    const history = reimbursementApproved();
    let state = INITIAL_STATE;
    for (const event of history) {
      const before = JSON.stringify(state);
      const next = evolve(Object.freeze(state), event);
      expect(JSON.stringify(state)).toBe(before);
      state = next;
    }
  });
});

import { type Actor, type ComplaintState } from '@sg/complaints';
import { yourPartIn } from './your-part';

const member = (id: string) => ({ id, role: 'board-member' }) as unknown as Actor;
const complaint = (state: object) => ({ exists: true, ...state }) as unknown as ComplaintState;

describe('yourPartIn', () => {
  const awaitingApproval = complaint({
    proposal: { status: 'proposed', proposedBy: 'b-1', approvals: ['b-2'] },
    pendingDecision: null,
    pendingWaiver: null,
  });

  it('tells the proposer and the approvers of a reimbursement what they did, and nobody else', () => {
    expect(yourPartIn(awaitingApproval, member('b-1'))).toBe(
      'you proposed this reimbursement: other members approve it',
    );
    expect(yourPartIn(awaitingApproval, member('b-2'))).toBe(
      'you have approved this reimbursement',
    );
    expect(yourPartIn(awaitingApproval, member('b-3'))).toBeNull();
  });

  it('tells those behind a decision or a closing put to the Board', () => {
    const deciding = complaint({
      proposal: null,
      pendingDecision: { proposedBy: 'b-1', supporters: ['b-2'] },
      pendingWaiver: null,
    });
    expect(yourPartIn(deciding, member('b-2'))).toMatch(/^you back the decision/);
    const closing = complaint({
      proposal: null,
      pendingDecision: null,
      pendingWaiver: { proposedBy: 'b-3', supporters: [] },
    });
    expect(yourPartIn(closing, member('b-3'))).toMatch(/^you back closing it/);
    expect(yourPartIn(closing, member('b-1'))).toBeNull();
  });

  it('says nothing of an approved proposal', () => {
    const approved = complaint({
      proposal: { status: 'approved', proposedBy: 'b-1', approvals: ['b-2', 'b-3'] },
      pendingDecision: null,
      pendingWaiver: null,
    });
    expect(yourPartIn(approved, member('b-1'))).toBeNull();
  });
});

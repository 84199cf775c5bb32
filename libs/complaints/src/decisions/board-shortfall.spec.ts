import { type OpenComplaint } from '../state';
import {
  BOARD_A,
  BOARD_B,
  BOARD_C,
  boardDecided,
  escalated,
  reimbursementProposed,
} from '../testing/fixtures';
import { fold } from '../testing/given-when-then';
import { boardShortfall } from './conflicts';

/** The default policy: one member decides; a reimbursement needs its proposer and two more. */
describe('whether too few Board members may act for the Board to settle a complaint', () => {
  const at = (history: Parameters<typeof fold>[0]) => fold(history) as OpenComplaint;
  const three = [BOARD_A.id, BOARD_B.id, BOARD_C.id];

  it('escalated: none may decide it; one or two may decide but never approve a sum', () => {
    expect(boardShortfall(at(escalated()), [])).toEqual({ eligible: 0, cannotDecide: true });
    expect(boardShortfall(at(escalated()), three.slice(0, 2))).toEqual({
      eligible: 2,
      cannotDecide: false,
    });
    expect(boardShortfall(at(escalated()), three)).toBeNull();
  });

  it('decided: a proposer and two approvers are needed', () => {
    expect(boardShortfall(at(boardDecided()), three.slice(1))).toEqual({
      eligible: 2,
      cannotDecide: false,
    });
    expect(boardShortfall(at(boardDecided()), three)).toBeNull();
  });

  it('proposed: two approvers besides its proposer, whether the proposer may still act or not', () => {
    // A proposed it; B and C may approve. A gone from the Board changes nothing for them.
    expect(boardShortfall(at(reimbursementProposed()), three)).toBeNull();
    expect(boardShortfall(at(reimbursementProposed()), [BOARD_B.id, BOARD_C.id])).toBeNull();
    expect(boardShortfall(at(reimbursementProposed()), [BOARD_A.id, BOARD_B.id])).toEqual({
      eligible: 2,
      cannotDecide: false,
    });
  });

  it('not waiting for the Board: nothing to say', () => {
    expect(boardShortfall(at(escalated().slice(0, -4)), [])).toBeNull();
  });
});

import { type ComplaintEvent, type OpenComplaint } from '@sg/complaints';
import { BOARD_ACTIONS, penceFromPounds } from './board-actions';

const decide = BOARD_ACTIONS.find((action) => action.name === 'decide')!;
const complaint = {} as OpenComplaint;

describe('the Board’s decision form', () => {
  it('sends no failure level with "not upheld": a radio once chosen cannot be cleared, and the level belongs to the upheld answers', () => {
    const body = decide.toBody(
      { outcome: 'not-upheld', failureLevel: 'serious', rationale: 'It did what it could' },
      complaint,
    );
    expect(body).toEqual({
      outcome: 'not-upheld',
      failureLevel: undefined,
      rationale: 'It did what it could',
    });
  });

  it.each(['upheld', 'partly-upheld'])('sends the level chosen with "%s"', (outcome) => {
    expect(
      decide.toBody({ outcome, failureLevel: 'serious', rationale: 'Late' }, complaint),
    ).toMatchObject({ outcome, failureLevel: 'serious' });
  });
});

describe('what the Board member is told after deciding', () => {
  const of = (...types: string[]) => types.map((type) => ({ type }) as ComplaintEvent);

  it('that the decision is recorded only when it was: under a quorum of two, a first proposal or a support is not yet the decision', () => {
    expect(
      decide.doneAs!(of('BoardDecisionProposed', 'BoardDecisionRecorded', 'ClockStopped')) ??
        decide.done,
    ).toBe('Your decision has been recorded');
    expect(decide.doneAs!(of('BoardDecisionProposed'))).toBe(
      'Your decision has been put to the Board: it is recorded once enough members support it',
    );
    expect(decide.doneAs!(of('BoardDecisionSupported'))).toBe(
      'Your support has been recorded: the decision needs the support of more members',
    );
  });
});

describe('what the Board member is told after closing without a reimbursement', () => {
  const close = BOARD_ACTIONS.find((action) => action.name === 'closeWithoutReimbursement')!;
  const of = (...types: string[]) => types.map((type) => ({ type }) as ComplaintEvent);

  it('that it is closed only when it was: under a decision quorum of two, a first proposal or a support does not close it', () => {
    expect(
      close.doneAs!(of('ReimbursementWaived', 'ClockStopped', 'ComplaintClosed')) ?? close.done,
    ).toBe('Complaint closed without a reimbursement');
    expect(close.doneAs!(of('ReimbursementWaiverProposed'))).toBe(
      'You have proposed closing it without a reimbursement: it is closed once enough members support it',
    );
    expect(close.doneAs!(of('ReimbursementWaiverSupported'))).toBe(
      'Your support has been recorded: closing it without a reimbursement needs the support of more members',
    );
  });
});

describe('penceFromPounds', () => {
  it.each([
    ['£1,234.56', 123_456],
    ['1234.56', 123_456],
    ['492.7', 49_270],
    [' 492 ', 49_200],
    ['0.05', 5],
  ])('reads %j as %i pence', (typed, pence) => {
    expect(penceFromPounds(typed)).toBe(pence);
  });

  it.each(['492.756', '£1,23.45', 'twelve', '1.2.3', '-5'])(
    'passes %j on as typed, for the form to refuse',
    (typed) => {
      expect(penceFromPounds(typed)).toBe(typed);
    },
  );
});

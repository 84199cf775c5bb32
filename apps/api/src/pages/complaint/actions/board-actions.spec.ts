import { type OpenComplaint } from '@sg/complaints';
import { BOARD_ACTIONS } from './board-actions';

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

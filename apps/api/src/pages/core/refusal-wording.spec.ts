import { ruleBroken } from '@sg/complaints';
import { refusalAsPageError } from './refusal-wording';

describe('refusalAsPageError', () => {
  it.each([
    ['UNKNOWN_FEE_AGREEMENT', '#related'],
    ['UNKNOWN_SERVICE', '#serviceId'],
    ['REIMBURSEMENT_EXCEEDS_FEES', '#amountPence'],
  ])('points a refusal the person fixes in one field (%s) at that field', (code, href) => {
    const error = refusalAsPageError(ruleBroken(code, 'There is no contract C1 for school 119300'));
    expect(error.href).toBe(href);
    // In the page's words, not the engine's ids.
    expect(error.text).not.toContain('C1');
  });

  it('says in the engine’s words, at the top of the page, a refusal with no field of its own', () => {
    expect(refusalAsPageError(ruleBroken('SOMETHING_NEW', 'Said plainly'))).toEqual({
      text: 'Said plainly',
      href: '#main-content',
    });
  });
});

import { ruleBroken } from '@sg/complaints';
import { refusalAsPageError } from './refusal-wording';

describe('refusalAsPageError', () => {
  it.each([
    ['UNKNOWN_FEE_AGREEMENT', '#related'],
    ['UNKNOWN_SERVICE', '#serviceId'],
    ['REIMBURSEMENT_EXCEEDS_FEES', '#amountPence'],
    // Referring to a service other than the one of the school's named contract (the desk trial).
    ['AGREEMENT_OF_ANOTHER_SERVICE', '#serviceId'],
  ])('points a refusal the person fixes in one field (%s) at that field', (code, href) => {
    const error = refusalAsPageError(ruleBroken(code, 'There is no contract C1 for school 119300'));
    expect(error.href).toBe(href);
    // In the page's words, not the engine's ids.
    expect(error.text).not.toContain('C1');
  });

  it('says a refusal about a field the page does not have (approving a sum over what is left) in that page’s words, at its top', () => {
    const over = ruleBroken('REIMBURSEMENT_EXCEEDS_FEES', '197100 pence is more than 98550');
    expect(refusalAsPageError(over, ['proposalId'])).toEqual({
      text: expect.stringMatching(/^The reimbursement is more than is now left of the fees paid/),
      href: '#main-content',
    });
    expect(refusalAsPageError(over, ['basisKind', 'basisId', 'amountPence']).href).toBe(
      '#amountPence',
    );
    // A refusal worded for one page only is linked to its field whatever the form sent of it.
    expect(
      refusalAsPageError(ruleBroken('CONSENT_REQUIRED', 'consent is required'), ['reason']).href,
    ).toBe('#consent-givenBy');
  });

  it('says in the engine’s words, at the top of the page, a refusal with no field of its own', () => {
    expect(refusalAsPageError(ruleBroken('SOMETHING_NEW', 'Said plainly'))).toEqual({
      text: 'Said plainly',
      href: '#main-content',
    });
  });
});

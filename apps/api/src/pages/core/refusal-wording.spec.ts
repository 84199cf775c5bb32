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

  it('gives the figure a refusal turns on, in the page’s words: the sum left, the day approved', () => {
    const over = (leftPence: number) =>
      refusalAsPageError(ruleBroken('REIMBURSEMENT_EXCEEDS_FEES', 'over', { leftPence })).text;
    expect(over(98_550)).toBe(
      'The amount is more than the £985.50 left of the fees paid. Enter £985.50 or less',
    );
    expect(over(0)).toBe(
      'Nothing is left of the fees paid. Close the complaint without a reimbursement instead',
    );
    expect(over(-500)).toBe(
      'Nothing is left of the fees paid. Close the complaint without a reimbursement instead',
    );
    expect(
      refusalAsPageError(ruleBroken('REIMBURSEMENT_EXCEEDS_FEES', 'over', { leftPence: -500 }), [
        'proposalId',
      ]).text,
    ).toMatch(/^Nothing is now left of the fees paid/);
    expect(
      refusalAsPageError(ruleBroken('REIMBURSEMENT_EXCEEDS_FEES', 'over', { leftPence: 98_550 }), [
        'proposalId',
      ]).text,
    ).toMatch(/^The reimbursement is more than the £985\.50 now left of the fees paid/);
    expect(
      refusalAsPageError(
        ruleBroken('PAYMENT_BEFORE_APPROVAL', 'before', { approvedOn: '2025-05-23' }),
      ),
    ).toEqual({
      text: 'The date paid must be on or after 23 May 2025, the day the Board approved the reimbursement',
      href: '#paidOn',
    });
  });

  it('says when the complaint was received to one who dated their contact with the school before it', () => {
    expect(
      refusalAsPageError(
        ruleBroken('CONTACT_BEFORE_LODGED', 'before', { receivedAt: '2025-04-17T09:00:00.000Z' }),
      ).text,
    ).toBe(
      'The date and time you contacted the school must be after the complaint was received, 17 April 2025 at 10am',
    );
  });

  it('says in the engine’s words, at the top of the page, a refusal with no field of its own', () => {
    expect(refusalAsPageError(ruleBroken('SOMETHING_NEW', 'Said plainly'))).toEqual({
      text: 'Said plainly',
      href: '#main-content',
    });
  });
});

import { identityFromIdToken } from './identity-from-id-token';

const signedIn = { iss: 'https://login.example/tenant/v2.0', sub: 'AAAAabc123' };

describe('identityFromIdToken', () => {
  it('takes the issuer, subject, email and name', () => {
    expect(
      identityFromIdToken({
        ...signedIn,
        email: 'alex.morgan@council.example',
        email_verified: true,
        name: 'Alex Morgan',
      }),
    ).toEqual({
      issuer: 'https://login.example/tenant/v2.0',
      subject: 'AAAAabc123',
      email: 'alex.morgan@council.example',
      name: 'Alex Morgan',
    });
  });

  it('takes the email from preferred_username when there is no email claim (Entra ID’s UPN)', () => {
    expect(
      identityFromIdToken({ ...signedIn, preferred_username: 'Alex.Morgan@council.example' }).email,
    ).toBe('Alex.Morgan@council.example');
  });

  it('prefers a verified email claim to preferred_username', () => {
    const claims = {
      ...signedIn,
      email: 'alex.morgan@council.example',
      preferred_username: 'amorgan@council.onmicrosoft.example',
    };
    expect(identityFromIdToken({ ...claims, email_verified: true }).email).toBe(
      'alex.morgan@council.example',
    );
    // Entra ID's word that the tenant verified the address's domain.
    expect(identityFromIdToken({ ...claims, xms_edov: true }).email).toBe(
      'alex.morgan@council.example',
    );
  });

  it('takes no email the provider does not say it verified (Entra ID sends no email_verified), falling back on preferred_username', () => {
    for (const verified of [{ email_verified: false }, {}, { email_verified: 'true' }]) {
      const claims = { ...signedIn, email: 'board.chair@council.example', ...verified };
      expect(identityFromIdToken(claims).email).toBeNull();
      expect(
        identityFromIdToken({
          ...claims,
          preferred_username: 'guest_x@council.onmicrosoft.example',
        }).email,
      ).toBe('guest_x@council.onmicrosoft.example');
    }
  });

  it('ignores a preferred_username that is a plain user name, and an email that is not one', () => {
    expect(identityFromIdToken({ ...signedIn, preferred_username: 'amorgan' }).email).toBeNull();
    expect(identityFromIdToken({ ...signedIn, email: 'not an address' }).email).toBeNull();
  });

  it('has no email or name when the claims are missing, blank or not text', () => {
    expect(identityFromIdToken({ ...signedIn, email: 42, name: '  ' })).toEqual({
      issuer: signedIn.iss,
      subject: signedIn.sub,
      email: null,
      name: null,
    });
  });
});

import { productionWarnings } from './production-warnings';
import { validateEnvironment } from './validate-environment';

describe('productionWarnings', () => {
  it('names each mail setting a production engine left at its developer default', () => {
    const warnings = productionWarnings(
      validateEnvironment({ NODE_ENV: 'production', PORT: '8080', DATA_DIR: '/srv/sg' }),
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^PUBLIC_URL is not set: .*http:\/\/localhost:8080/),
      expect.stringMatching(/^SMTP_URL is not set: .*\/srv\/sg\/outbox/),
      expect.stringMatching(/^MAIL_FROM is Service Guarantee <service-guarantee@localhost>: /),
    ]);
  });

  it('says nothing once they are set, nor outside production', () => {
    expect(
      productionWarnings(
        validateEnvironment({
          NODE_ENV: 'production',
          PUBLIC_URL: 'https://complaints.county.gov.uk',
          SMTP_URL: 'smtp://mail.county.gov.uk:587',
          MAIL_FROM: 'Complaints <complaints@county.gov.uk>',
        }),
      ),
    ).toEqual([]);
    expect(productionWarnings(validateEnvironment({ NODE_ENV: 'development' }))).toEqual([]);
  });

  it('warns of a PUBLIC_URL on http elsewhere than this machine: the Secure cookie would not come back', () => {
    const warned = (url: string) =>
      productionWarnings(validateEnvironment({ NODE_ENV: 'production', PUBLIC_URL: url })).some(
        (warning) => warning.startsWith(`PUBLIC_URL is ${url}, not https`),
      );
    expect(warned('http://complaints.county.gov.uk')).toBe(true);
    expect(warned('https://complaints.county.gov.uk')).toBe(false);
    expect(warned('http://localhost:8080')).toBe(false);
    expect(warned('http://127.0.0.1:3000')).toBe(false);
  });
});

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
});

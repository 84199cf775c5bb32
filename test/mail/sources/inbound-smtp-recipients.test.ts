import { inboundSmtpRecipients, RecipientAllowList } from '@sg/mail';

describe('inboundSmtpRecipients', () => {
  it('takes the listed addresses and domains when INBOUND_SMTP_RECIPIENTS is set', () => {
    expect(
      inboundSmtpRecipients({
        INBOUND_SMTP_RECIPIENTS: 'complaints@county.gov.uk, complaints.county.gov.uk',
        MAIL_REPLY_TO: 'Complaints <replies@county.gov.uk>',
        MAIL_FROM: 'Service Guarantee <sg@county.gov.uk>',
      }),
    ).toEqual(['complaints@county.gov.uk', 'complaints.county.gov.uk']);
  });

  it('falls back to the reply-to address, then to the from address', () => {
    expect(
      inboundSmtpRecipients({
        MAIL_REPLY_TO: 'Complaints <replies@county.gov.uk>',
        MAIL_FROM: 'Service Guarantee <sg@county.gov.uk>',
      }),
    ).toEqual(['replies@county.gov.uk']);
    expect(inboundSmtpRecipients({ MAIL_FROM: 'Service Guarantee <sg@county.gov.uk>' })).toEqual([
      'sg@county.gov.uk',
    ]);
    expect(inboundSmtpRecipients({ MAIL_FROM: 'sg@county.gov.uk' })).toEqual(['sg@county.gov.uk']);
  });
});

describe('RecipientAllowList', () => {
  const list = new RecipientAllowList([
    'Complaints@County.gov.uk',
    'complaints.county.gov.uk',
    '@schools.example',
  ]);

  it.each([
    ['complaints@county.gov.uk', true],
    ['COMPLAINTS@COUNTY.GOV.UK', true],
    ['other@county.gov.uk', false],
    ['anyone@complaints.county.gov.uk', true],
    ['anyone@sub.complaints.county.gov.uk', false],
    ['head@Schools.Example', true],
    ['complaints.county.gov.uk', false],
    ['', false],
  ])('%s: %s', (address, allowed) => {
    expect(list.allows(address)).toBe(allowed);
  });

  it('refuses to be empty', () => {
    expect(() => new RecipientAllowList([' ', ''])).toThrow(/at least one/);
  });
});

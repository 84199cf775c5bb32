import { parseImapMailboxUrl } from '@sg/mail';

describe('parseImapMailboxUrl', () => {
  it('reads the server, the percent-decoded sign-in and the mailbox from an imaps URL', () => {
    expect(
      parseImapMailboxUrl(
        'imaps://complaints%40county.gov.uk:p%40ss%3Aw%2Fd@mail.county.gov.uk/INBOX',
      ),
    ).toEqual({
      host: 'mail.county.gov.uk',
      port: 993,
      secure: true,
      user: 'complaints@county.gov.uk',
      password: 'p@ss:w/d',
      mailbox: ['INBOX'],
      tlsInsecure: false,
      description: 'imaps://complaints@county.gov.uk@mail.county.gov.uk/INBOX',
    });
  });

  it('takes INBOX when no mailbox is named, 143 for imap, and folders separated by /', () => {
    expect(parseImapMailboxUrl('imap://u:p@127.0.0.1')).toMatchObject({
      port: 143,
      secure: false,
      mailbox: ['INBOX'],
    });
    expect(parseImapMailboxUrl('imap://u:p@127.0.0.1:1143/Shared%20Mail/Complaints')).toMatchObject(
      {
        port: 1143,
        mailbox: ['Shared Mail', 'Complaints'],
      },
    );
  });

  it('accepts any certificate only when told to with tls-insecure=1', () => {
    expect(parseImapMailboxUrl('imaps://u:p@localhost/INBOX?tls-insecure=1').tlsInsecure).toBe(
      true,
    );
    expect(parseImapMailboxUrl('imaps://u:p@localhost/INBOX?tls-insecure=0').tlsInsecure).toBe(
      false,
    );
  });

  it.each([
    ['not a URL', 'mail.county.gov.uk'],
    ['another scheme', 'https://u:p@mail.county.gov.uk/INBOX'],
    ['no password', 'imaps://complaints@mail.county.gov.uk/INBOX'],
  ])('refuses %s without repeating the password', (_what, url) => {
    expect(() => parseImapMailboxUrl(url)).toThrow(/INBOUND_IMAP_URL/);
  });

  it('never puts the password in an error', () => {
    expect(() => parseImapMailboxUrl('imaps://u:secret%ZZ@host/INBOX')).toThrow(
      /^INBOUND_IMAP_URL has a badly percent-encoded password$/,
    );
  });
});

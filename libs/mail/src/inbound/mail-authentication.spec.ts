import { dkimSign } from 'mailauth';
import { generateKeyPairSync } from 'node:crypto';
import { type MailEnvelope } from './inbound-mail-sink';
import { type DnsResolver, MailAuthenticator, trustedRelays } from './mail-authentication';

/** Record type to answer, by lower-case name: the shapes node:dns/promises `resolve` gives. */
type Zone = Record<string, Record<string, unknown>>;

/** A TXT answer of one record, split into DNS's 255-byte strings as a real server sends it. */
const txt = (record: string): string[][] => [record.match(/.{1,255}/g) ?? ['']];

const dnsError = (code: string, name: string) =>
  Object.assign(new Error(`query ${code} ${name}`), { code, hostname: name });

/** DNS from a zone held in memory: a name it lacks does not exist, a type it lacks has no data. */
function zoneResolver(zone: Zone, asked: string[] = []): DnsResolver {
  return (name, type) => {
    asked.push(`${name} ${type}`);
    const records = zone[name.toLowerCase()];
    if (!records) return Promise.reject(dnsError('ENOTFOUND', name));
    const answer = records[type];
    if (answer === undefined) return Promise.reject(dnsError('ENODATA', name));
    return Promise.resolve(answer);
  };
}

const SCHOOL_MX = '203.0.113.5';
const STRANGER = '198.51.100.66';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_P = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

const ZONE: Zone = {
  'brookside.example': { TXT: txt(`v=spf1 ip4:${SCHOOL_MX} -all`) },
  '_dmarc.brookside.example': {
    TXT: txt('v=DMARC1; p=reject; rua=mailto:dmarc@brookside.example'),
  },
  'sel2026._domainkey.brookside.example': { TXT: txt(`v=DKIM1; k=rsa; p=${PUBLIC_P}`) },
  'oakfield.example': { TXT: txt(`v=spf1 ip4:${SCHOOL_MX} -all`) },
  'sel2026._domainkey.oakfield.example': { TXT: txt(`v=DKIM1; k=rsa; p=${PUBLIC_P}`) },
  'newsletters.example': {},
  'sel2026._domainkey.newsletters.example': { TXT: txt(`v=DKIM1; k=rsa; p=${PUBLIC_P}`) },
};

const message = (from = 'head@brookside.example', body = 'The invoice is wrong.') =>
  Buffer.from(
    [
      `From: "Jane Head" <${from}>`,
      'To: complaints@county.example',
      'Subject: Invoice for supply cover',
      'Date: Tue, 3 Mar 2026 10:01:00 +0000',
      `Message-ID: <m1@${from.split('@')[1] ?? 'nowhere.example'}>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
  );

const signed = async (raw: Buffer, signingDomain: string) => {
  const key = { signingDomain, selector: 'sel2026', privateKey: PRIVATE_PEM };
  // mailauth signs with the keys in signatureData; its types also ask for one at the top level.
  const result = await dkimSign(raw, {
    ...key,
    canonicalization: 'relaxed/relaxed',
    signatureData: [key],
  });
  expect(result.errors ?? []).toEqual([]);
  expect(result.signatures).toMatch(new RegExp(`^DKIM-Signature: .*d=${signingDomain};`, 's'));
  return Buffer.concat([Buffer.from(result.signatures), raw]);
};

const received = (ip: string) =>
  Buffer.from(
    `Received: from mail.brookside.example (mail.brookside.example [${ip}])\r\n` +
      '\tby relay.county.example with ESMTPS id 4Q2x; Tue, 3 Mar 2026 10:01:02 +0000\r\n',
  );

const envelope = (overrides: Partial<MailEnvelope> = {}): MailEnvelope => ({
  source: 'smtp',
  mailFrom: 'head@brookside.example',
  recipients: ['complaints@county.example'],
  remoteAddress: SCHOOL_MX,
  heloName: 'mail.brookside.example',
  ...overrides,
});

/** The council's relays in these tests: the host itself and two private ranges. */
const RELAYS = trustedRelays(['127.0.0.1', '::1', '10.0.0.0/8', '192.168.1.0/24', '172.16.0.4']);

const authenticator = (zone: Zone = ZONE, asked?: string[], relays = RELAYS) =>
  new MailAuthenticator(zoneResolver(zone, asked), relays);

describe('MailAuthenticator', () => {
  it("passes SPF, and so DMARC, for mail straight from the school's own server", async () => {
    const asked: string[] = [];
    const result = await authenticator(ZONE, asked).check(message(), envelope());
    expect(result).toEqual({
      spf: 'pass',
      dkim: 'none',
      dmarc: 'pass',
      dmarcDomain: 'brookside.example',
    });
    expect(asked).toContain('brookside.example TXT');
    expect(asked).toContain('_dmarc.brookside.example TXT');
  });

  it('fails SPF, and DMARC, for mail in the school’s name from a server it does not list', async () => {
    const result = await authenticator().check(message(), envelope({ remoteAddress: STRANGER }));
    expect(result).toEqual({
      spf: 'fail',
      dkim: 'none',
      dmarc: 'fail',
      dmarcDomain: 'brookside.example',
    });
  });

  it.each(['127.0.0.1', '10.20.30.40', '192.168.1.9', '172.16.0.4', '::1'])(
    'takes the origin from the Received header of a relay at %s',
    async (relay) => {
      const result = await authenticator().check(
        Buffer.concat([received(SCHOOL_MX), message()]),
        envelope({ remoteAddress: relay, heloName: 'relay.county.example' }),
      );
      expect(result.spf).toBe('pass');
      expect(result.dmarc).toBe('pass');
    },
  );

  it('fails SPF when the Received header of an internal relay names a stranger', async () => {
    const result = await authenticator().check(
      Buffer.concat([received(STRANGER), message()]),
      envelope({ remoteAddress: '127.0.0.1', heloName: 'relay.county.example' }),
    );
    expect(result.spf).toBe('fail');
    expect(result.dmarc).toBe('fail');
  });

  it('believes no Received header from a peer that is not one of the council’s relays, wherever it is', async () => {
    // Another process on the host, a container beside it, a machine on the network: each could
    // write a Received header naming the school's server.
    for (const peer of ['127.0.0.1', '10.20.30.40', '172.17.0.5']) {
      const result = await authenticator(ZONE, undefined, trustedRelays([])).check(
        Buffer.concat([received(SCHOOL_MX), message()]),
        envelope({ remoteAddress: peer, heloName: 'mail.brookside.example' }),
      );
      expect(result.spf).not.toBe('pass');
      expect(result.dmarc).toBe('fail');
    }
  });

  it('believes only the council’s relays’ own headers: one a sender wrote below them is not the origin', async () => {
    // The relay received it from a machine on the network that is no relay, which wrote a header
    // of its own naming the school's server.
    const forgedBelow = Buffer.concat([
      Buffer.from(
        'Received: from laptop.county.example (laptop.county.example [172.20.0.9])\r\n' +
          '\tby relay1.county.example with ESMTP id 9Zk1; Tue, 3 Mar 2026 10:01:03 +0000\r\n',
      ),
      received(SCHOOL_MX),
      message(),
    ]);
    const result = await authenticator().check(
      forgedBelow,
      envelope({ remoteAddress: '10.0.0.2', heloName: 'relay1.county.example' }),
    );
    expect(result.spf).not.toBe('pass');
    expect(result.dmarc).toBe('fail');
  });

  it('takes a relay at an IPv4-mapped private address as internal', async () => {
    // What a dual-stack socket reports for an IPv4 peer when nothing has unwrapped it.
    const result = await authenticator().check(
      Buffer.concat([received(SCHOOL_MX), message()]),
      envelope({ remoteAddress: '::ffff:10.20.30.40', heloName: 'relay.county.example' }),
    );
    expect(result.spf).toBe('pass');
  });

  it('looks past a second internal relay to the origin', async () => {
    const viaTwoRelays = Buffer.concat([
      Buffer.from(
        'Received: from relay1.county.example (relay1.county.example [10.0.0.2])\r\n' +
          '\tby relay2.county.example with ESMTP id 9Zk1; Tue, 3 Mar 2026 10:01:03 +0000\r\n',
      ),
      received(SCHOOL_MX),
      message(),
    ]);
    const result = await authenticator().check(
      viaTwoRelays,
      envelope({ remoteAddress: '10.0.0.3', heloName: 'relay2.county.example' }),
    );
    expect(result.spf).toBe('pass');
  });

  it('passes DKIM, and DMARC by an aligned signature, with no IP address at all', async () => {
    const result = await authenticator().check(
      await signed(message(), 'brookside.example'),
      envelope({ source: 'imap', mailFrom: null, remoteAddress: null, heloName: null }),
    );
    expect(result.dkim).toBe('pass');
    expect(result.dmarc).toBe('pass');
    expect(result.dmarcDomain).toBe('brookside.example');
    expect(result.spf).not.toBe('pass');
  });

  it('passes DKIM and DMARC for a signed message even when SPF fails', async () => {
    const result = await authenticator().check(
      await signed(message(), 'brookside.example'),
      envelope({ remoteAddress: STRANGER }),
    );
    expect(result).toEqual({
      spf: 'fail',
      dkim: 'pass',
      dmarc: 'pass',
      dmarcDomain: 'brookside.example',
    });
  });

  const withBodyChanged = async () => {
    const original = await signed(message(), 'brookside.example');
    const tampered = Buffer.from(
      original.toString().replace('The invoice is wrong.', 'Pay £5,000 to sort code 00-00-00.'),
    );
    expect(tampered.equals(original)).toBe(false);
    return authenticator().check(
      tampered,
      envelope({ remoteAddress: null, heloName: null, mailFrom: null }),
    );
  };

  it('fails DMARC for a p=reject domain when the body was changed after signing', async () => {
    const result = await withBodyChanged();
    expect(result.dkim).not.toBe('pass');
    expect(result.dmarc).toBe('fail');
    expect(result.dmarcDomain).toBe('brookside.example');
  });

  it('records a body changed after signing as dkim=fail, as RFC 6376 and RFC 8601 have it', async () => {
    expect((await withBodyChanged()).dkim).toBe('fail');
  });

  it('fails DKIM, and DMARC, when a signed header was changed after signing', async () => {
    const original = await signed(message(), 'brookside.example');
    const tampered = Buffer.from(
      original.toString().replace('Subject: Invoice for supply cover', 'Subject: Change of bank'),
    );
    expect(tampered.equals(original)).toBe(false);
    const result = await authenticator().check(
      tampered,
      envelope({ remoteAddress: null, heloName: null, mailFrom: null }),
    );
    expect(result.dkim).toBe('fail');
    expect(result.dmarc).toBe('fail');
  });

  it('passes DKIM when one of two signatures still verifies, whichever comes first', async () => {
    // The list forwarder's signature sits above the school's, and no longer verifies.
    const bySchool = await signed(message(), 'brookside.example');
    const byBoth = await signed(bySchool, 'newsletters.example');
    const breakSignature = (raw: Buffer, domain: string) =>
      Buffer.from(
        raw
          .toString()
          // The b= tag itself (after a tag's ";"), never a "b=" inside the base64 of bh=.
          .replace(new RegExp(`(d=${domain.replace('.', '\\.')};[^]*?;\\s*b=)`), '$1AAAA'),
      );
    const forwarderBroken = breakSignature(byBoth, 'newsletters.example');
    expect(forwarderBroken.equals(byBoth)).toBe(false);
    const noIp = envelope({ remoteAddress: null, heloName: null, mailFrom: null });

    const result = await authenticator().check(forwarderBroken, noIp);
    expect(result.dkim).toBe('pass');
    expect(result.dmarc).toBe('pass');

    const bothBroken = breakSignature(forwarderBroken, 'brookside.example');
    expect(bothBroken.equals(forwarderBroken)).toBe(false);
    expect((await authenticator().check(bothBroken, noIp)).dkim).toBe('fail');
  });

  it('fails DMARC for a message signed only by a domain other than its From', async () => {
    const result = await authenticator().check(
      await signed(message(), 'newsletters.example'),
      envelope({ remoteAddress: STRANGER, mailFrom: 'bounce@newsletters.example' }),
    );
    expect(result.dkim).toBe('pass');
    expect(result.dmarc).toBe('fail');
  });

  it('gives DMARC none for a domain that publishes no DMARC record', async () => {
    const result = await authenticator().check(
      message('office@oakfield.example'),
      envelope({ remoteAddress: STRANGER, mailFrom: 'office@oakfield.example' }),
    );
    expect(result.spf).toBe('fail');
    expect(result.dmarc).toBe('none');
  });

  it('gives DMARC none for a domain that does not exist, and no SPF pass', async () => {
    const result = await authenticator().check(
      message('someone@nowhere.example'),
      envelope({ remoteAddress: STRANGER, mailFrom: 'someone@nowhere.example' }),
    );
    expect(result.dmarc).toBe('none');
    expect(result.spf).not.toBe('pass');
  });

  it('does not throw when DNS itself fails', async () => {
    const broken: DnsResolver = (name) => Promise.reject(dnsError('ETIMEOUT', name));
    const result = await new MailAuthenticator(broken).check(message(), envelope());
    expect(result.dmarc).not.toBe('pass');
    expect(result.spf).not.toBe('pass');
  });

  it.each([
    ['an empty message', Buffer.alloc(0)],
    [
      'bytes that are not mail',
      Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x0d, 0x0a, 0x80]),
    ],
    ['a header block with no body', Buffer.from('From: <>\r\nSubject: \r\n')],
    ['a From with no domain', Buffer.from('From: head\r\n\r\nhello\r\n')],
    ['a broken DKIM-Signature', Buffer.from('DKIM-Signature: v=1; a=; d=\r\n\r\nx')],
  ])('does not throw on %s, and passes nothing', async (_label, raw) => {
    const result = await authenticator().check(raw, envelope({ remoteAddress: STRANGER }));
    expect(result.dkim).not.toBe('pass');
    expect(result.dmarc).not.toBe('pass');
  });

  it('gives no DMARC domain for a From with no domain', async () => {
    const result = await authenticator().check(
      Buffer.from('From: head\r\nSubject: x\r\n\r\nhello\r\n'),
      envelope({ remoteAddress: STRANGER }),
    );
    expect(result.dmarcDomain).toBeNull();
  });
});

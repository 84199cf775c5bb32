import fc from 'fast-check';

import {
  InvalidBase32Error,
  base32Decode,
  base32Encode,
  hotpCode,
  newTotpSecret,
  otpauthUri,
  totpCode,
  totpStep,
  verifyTotp,
} from './totp';

// The shared secret of RFC 4226 Appendix D and RFC 6238 Appendix B (for SHA-1).
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = base32Encode(RFC_KEY);
// Lone surrogates included: they are what makes careless string handling throw.
const anyUtf16Unit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const typedCharacter = fc.oneof(fc.constantFrom(...'0123456789 \t'), anyUtf16Unit);

describe('base32', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j as %j, the RFC 4648 vector without its padding', (text, encoded) => {
    expect(base32Encode(Buffer.from(text))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(text);
  });

  it('reads lower case', () => {
    expect(base32Decode('mzxw6ytboi').toString()).toBe('foobar');
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it.each(['MZXW6YTBOI======', 'MZXW 6YTB', 'MZXW1YTB', 'M', 'MZX', 'MZXW6Y'])(
    'refuses %j',
    (text) => {
      expect(() => base32Decode(text)).toThrow(InvalidBase32Error);
    },
  );
});

describe('hotpCode', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('gives the RFC 4226 Appendix D value at count %i', (counter, code) => {
    expect(hotpCode(RFC_KEY, counter)).toBe(code);
  });
});

describe('totpCode', () => {
  it.each([
    ['1970-01-01T00:00:59Z', '94287082'],
    ['2005-03-18T01:58:29Z', '07081804'],
    ['2005-03-18T01:58:31Z', '14050471'],
    ['2009-02-13T23:31:30Z', '89005924'],
    ['2033-05-18T03:33:20Z', '69279037'],
    ['2603-10-11T11:33:20Z', '65353130'],
  ])('gives the RFC 6238 Appendix B SHA-1 value at %s', (at, code) => {
    expect(totpCode(RFC_SECRET, new Date(at), 8)).toBe(code);
    expect(totpCode(RFC_SECRET, new Date(at))).toBe(code.slice(-6));
  });

  it('changes every thirty seconds', () => {
    expect(totpStep(new Date('1970-01-01T00:00:29.999Z'))).toBe(0);
    expect(totpStep(new Date('1970-01-01T00:00:30Z'))).toBe(1);
  });
});

describe('newTotpSecret', () => {
  it('is twenty random bytes in base32', () => {
    const secret = newTotpSecret();

    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(secret);
  });
});

describe('verifyTotp', () => {
  const now = new Date('2025-04-17T09:00:10Z');
  const step = totpStep(now);
  const codeAt = (offsetSeconds: number) =>
    totpCode(RFC_SECRET, new Date(now.getTime() + offsetSeconds * 1000));

  it('accepts the current code and says which step it used', () => {
    expect(verifyTotp(RFC_SECRET, codeAt(0), now, null)).toEqual({ ok: true, step });
  });

  it('accepts the code of the step before or after, for a clock that has drifted', () => {
    expect(verifyTotp(RFC_SECRET, codeAt(-30), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(RFC_SECRET, codeAt(30), now, null)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses a code two steps away', () => {
    expect(verifyTotp(RFC_SECRET, codeAt(-60), now, null)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeAt(60), now, null)).toEqual({ ok: false });
  });

  it('refuses a code whose step has already been used, or one before it', () => {
    expect(verifyTotp(RFC_SECRET, codeAt(0), now, step)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeAt(-30), now, step)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeAt(-30), now, step - 1)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeAt(0), now, step - 1)).toEqual({ ok: true, step });
    expect(verifyTotp(RFC_SECRET, codeAt(30), now, step)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses a wrong code', () => {
    const wrong = String((Number(codeAt(0)) + 1) % 1_000_000).padStart(6, '0');

    expect(verifyTotp(RFC_SECRET, wrong, now, null)).toEqual({ ok: false });
    expect(verifyTotp(newTotpSecret(), codeAt(0), now, null)).toEqual({ ok: false });
  });

  it('accepts the code typed with spaces or in full-width digits', () => {
    const code = codeAt(0);
    const fullWidth = [...code]
      .map((digit) => String.fromCharCode(0xff10 + Number(digit)))
      .join('');

    expect(verifyTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toEqual({
      ok: true,
      step,
    });
    expect(verifyTotp(RFC_SECRET, ` ${code}\n`, now, null)).toEqual({ ok: true, step });
    expect(verifyTotp(RFC_SECRET, fullWidth, now, null)).toEqual({ ok: true, step });
  });

  it.each([
    ['too short', (code: string) => code.slice(1)],
    ['too long', (code: string) => `${code}0`],
    ['signed', (code: string) => `+${code}`],
    ['with a letter', (code: string) => `${code.slice(0, 5)}x`],
    ['as the 8-digit code', () => totpCode(RFC_SECRET, now, 8)],
    ['padded with a megabyte of spaces', (code: string) => `${code}${' '.repeat(1_000_000)}`],
  ])('refuses the code %s', (_label, typed) => {
    expect(verifyTotp(RFC_SECRET, typed(codeAt(0)), now, null)).toEqual({ ok: false });
  });

  it('never throws for whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: typedCharacter }), (typed) => {
        expect(() => verifyTotp(RFC_SECRET, typed, now, null)).not.toThrow();
      }),
    );
  });
});

describe('otpauthUri', () => {
  it('is the Key URI an authenticator app reads, percent-encoded', () => {
    const uri = otpauthUri({
      secret: 'JBSWY3DPEHPK3PXP',
      account: 'jane.smith+sg@example.org',
      issuer: 'Anyshire County Council & Partners',
    });

    expect(uri).toBe(
      'otpauth://totp/Anyshire%20County%20Council%20%26%20Partners:jane.smith%2Bsg%40example.org' +
        '?secret=JBSWY3DPEHPK3PXP&issuer=Anyshire%20County%20Council%20%26%20Partners' +
        '&algorithm=SHA1&digits=6&period=30',
    );
    const parsed = new URL(uri);
    expect(parsed.searchParams.get('issuer')).toBe('Anyshire County Council & Partners');
    expect(parsed.searchParams.get('secret')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a colon in the issuer or account, which would split the label wrongly', () => {
    expect(() => otpauthUri({ secret: 'JBSWY3DP', account: 'a:b', issuer: 'Council' })).toThrow(
      RangeError,
    );
    expect(() => otpauthUri({ secret: 'JBSWY3DP', account: 'ab', issuer: 'Re: Council' })).toThrow(
      RangeError,
    );
  });
});

import fc from 'fast-check';

import {
  digestOf,
  isWellFormedSecretToken,
  newApiToken,
  newSecretToken,
  parseApiToken,
  sameDigest,
} from './secret-token';

describe('newSecretToken', () => {
  it('is 32 random bytes in unpadded base64url', () => {
    const token = newSecretToken();

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newSecretToken()).not.toBe(token);
    expect(isWellFormedSecretToken(token)).toBe(true);
  });

  it.each([
    ['a token one character short', 'A'.repeat(42)],
    ['a token one character long', 'A'.repeat(44)],
    ['padded base64', `${'A'.repeat(42)}=`],
    ['standard base64', `${'A'.repeat(42)}+`],
    ['a token with a newline after it', `${'A'.repeat(43)}\n`],
    ['a number', 42],
    ['an array of a token', ['A'.repeat(43)]],
    ['undefined', undefined],
  ])('does not take %s for a token', (_label, text) => {
    expect(isWellFormedSecretToken(text)).toBe(false);
  });
});

describe('digestOf and sameDigest', () => {
  it('stores the SHA-256 of the token in hex', () => {
    expect(digestOf('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('matches only the digest of the same token', () => {
    const token = newSecretToken();

    expect(sameDigest(digestOf(token), digestOf(token))).toBe(true);
    expect(sameDigest(digestOf(token), digestOf(newSecretToken()))).toBe(false);
    expect(sameDigest(digestOf(token), digestOf(token).slice(1))).toBe(false);
    expect(sameDigest(digestOf(token), '')).toBe(false);
  });
});

describe('API tokens', () => {
  it('say what they are and carry their id', () => {
    const { id, token } = newApiToken();

    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(token).toMatch(new RegExp(`^sgt_${id}_[A-Za-z0-9_-]{43}$`));
  });

  it('parse back into the id and the secret whose digest is stored', () => {
    // The secret is base64url, so it may hold the separator itself; try many until some do.
    for (let attempt = 0; attempt < 200; attempt++) {
      const { id, token } = newApiToken();

      expect(parseApiToken(token)).toEqual({ id, secret: token.slice(`sgt_${id}_`.length) });
    }
  });

  it.each([
    ['another prefix', `ghp_0123456789abcdef_${'A'.repeat(43)}`],
    ['upper-case hex in the id', `sgt_0123456789ABCDEF_${'A'.repeat(43)}`],
    ['a short id', `sgt_0123456789abcde_${'A'.repeat(43)}`],
    ['a short secret', `sgt_0123456789abcdef_${'A'.repeat(42)}`],
    ['a long secret', `sgt_0123456789abcdef_${'A'.repeat(44)}`],
    ['a secret with padding', `sgt_0123456789abcdef_${'A'.repeat(42)}=`],
    ['a bearer prefix', `Bearer sgt_0123456789abcdef_${'A'.repeat(43)}`],
    ['whitespace after it', `sgt_0123456789abcdef_${'A'.repeat(43)} `],
    ['a newline after it', `sgt_0123456789abcdef_${'A'.repeat(42)}\n`],
    ['a megabyte', `sgt_0123456789abcdef_${'A'.repeat(1_000_000)}`],
    ['an empty string', ''],
    ['a number', 12],
    ['null', null],
    ['an object', { id: '0123456789abcdef', secret: 'A'.repeat(43) }],
  ])('refuse %s', (_label, text) => {
    expect(parseApiToken(text)).toBeNull();
  });

  it('refuse anything else without throwing', () => {
    const anyUtf16Unit = fc
      .integer({ min: 0, max: 0xffff })
      .map((unit) => String.fromCharCode(unit));
    const tokenCharacter = fc.constantFrom(...'sgt_0123456789abcdefABCDEF-=+/ \n');
    const nearMiss = newApiToken()
      .token.split('')
      .map((character) => fc.oneof(fc.constant(character), tokenCharacter, anyUtf16Unit));

    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.string({ maxLength: 100, unit: fc.oneof(tokenCharacter, anyUtf16Unit) }),
          fc.tuple(...nearMiss).map((characters) => characters.join('')),
        ),
        (text) => {
          const parsed = parseApiToken(text);
          if (parsed !== null) expect(text).toBe(`sgt_${parsed.id}_${parsed.secret}`);
        },
      ),
    );
  });
});

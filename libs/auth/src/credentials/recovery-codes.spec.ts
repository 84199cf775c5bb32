import fc from 'fast-check';

import { RECOVERY_CODE_COUNT, matchRecoveryCode, newRecoveryCodes } from './recovery-codes';
import { digestOf } from './secret-token';

describe('newRecoveryCodes', () => {
  it('makes ten distinct codes of two groups of five unambiguous characters', () => {
    const { codes } = newRecoveryCodes();

    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  it('gives a SHA-256 digest to store for each code, never the code itself', () => {
    const { codes, digests } = newRecoveryCodes();

    expect(digests).toHaveLength(codes.length);
    digests.forEach((digest, index) => {
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      expect(digest).toBe(digestOf(codes[index].replace('-', '')));
    });
  });
});

describe('matchRecoveryCode', () => {
  const { codes, digests } = newRecoveryCodes();

  it('finds which stored code was typed', () => {
    codes.forEach((code, index) => expect(matchRecoveryCode(code, digests)).toBe(index));
  });

  it('reads the code whatever case, spaces or dashes it was typed with', () => {
    const code = codes[3];
    const compact = code.replace('-', '');

    for (const typed of [
      compact,
      compact.toUpperCase(),
      ` ${code.slice(0, 5)} ${code.slice(6)} `,
      compact.split('').join(' '),
      code.replace('-', '\u2013'),
      `${compact.slice(0, 2)}-${compact.slice(2, 7)}--${compact.slice(7)}`,
    ]) {
      expect(matchRecoveryCode(typed, digests)).toBe(3);
    }
  });

  it('reads o as zero and i or l as one, the letters the codes never contain', () => {
    const stored = [digestOf('01abc01xyz')];

    expect(matchRecoveryCode('oIabc-OLxyz', stored)).toBe(0);
  });

  it('skips a used code, whose place holds null, and keeps the others where they were', () => {
    const afterUse = digests.map((digest, index) => (index === 2 ? null : digest));

    expect(matchRecoveryCode(codes[2], afterUse)).toBeNull();
    expect(matchRecoveryCode(codes[7], afterUse)).toBe(7);
  });

  it.each([
    ['another code', '23456-789ab'],
    ['a code missing a character', 'abcd-efghj'],
    ['a code with a character too many', 'abcde-fghjkm'],
    ['a letter the codes never use', 'abcde-fghju'],
    ['nothing', ''],
    ['a megabyte of dashes', '-'.repeat(1_000_000)],
  ])('refuses %s', (_label, typed) => {
    expect(matchRecoveryCode(typed, digests)).toBeNull();
  });

  it('refuses a code when nothing is stored, or only digests of another length', () => {
    expect(matchRecoveryCode(codes[0], [])).toBeNull();
    expect(matchRecoveryCode(codes[0], ['', 'abc', null])).toBeNull();
  });

  it('never throws for whatever is typed', () => {
    const anyUtf16Unit = fc
      .integer({ min: 0, max: 0xffff })
      .map((unit) => String.fromCharCode(unit));

    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: anyUtf16Unit }), (typed) => {
        expect(() => matchRecoveryCode(typed, digests)).not.toThrow();
      }),
    );
  });
});

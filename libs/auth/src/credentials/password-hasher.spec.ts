import { hash, parseOptions } from '@node-rs/argon2';

import {
  ARGON2ID_LANES,
  ARGON2ID_MEMORY_KIB,
  ARGON2ID_PASSES,
  DUMMY_HASH,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyAgainstNobody,
  verifyPassword,
} from './password-hasher';

const distinctCharacters = (count: number) =>
  Array.from({ length: count }, (_, index) => String.fromCodePoint(0x4e00 + index)).join('');

const person = { email: 'jane.smith@example-school.org.uk', name: 'Jane Smith' };

describe('hashPassword and verifyPassword', () => {
  it('stores argon2id with the OWASP parameters and a fresh salt each time', async () => {
    const first = await hashPassword('walnut lantern orbit');
    const second = await hashPassword('walnut lantern orbit');

    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(parseOptions(first)).toMatchObject({
      memoryCost: ARGON2ID_MEMORY_KIB,
      timeCost: ARGON2ID_PASSES,
      parallelism: ARGON2ID_LANES,
    });
    expect(second).not.toBe(first);
  });

  it('accepts the password and refuses any other', async () => {
    const stored = await hashPassword('walnut lantern orbit');

    await expect(verifyPassword(stored, 'walnut lantern orbit')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'walnut lantern orbi')).resolves.toBe(false);
    await expect(verifyPassword(stored, 'Walnut lantern orbit')).resolves.toBe(false);
    await expect(verifyPassword(stored, '')).resolves.toBe(false);
  });

  it('accepts the same accented password however its characters were composed', async () => {
    const stored = await hashPassword('caf\u00e9 au lait matin');

    await expect(verifyPassword(stored, 'cafe\u0301 au lait matin')).resolves.toBe(true);
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'not a hash'],
    ['a bcrypt hash', '$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Z6ZzHxL6Y1jQw4k7v8sQ3z2J5h8y1u'],
    ['a truncated argon2id hash', '$argon2id$v=19$m=19456,t=2,p=1$Xec/GTwi2Dl9q+mAox7P0g$'],
    ['an argon2id hash with a corrupt salt', '$argon2id$v=19$m=19456,t=2,p=1$!!!$AAAA'],
  ])('answers false, not an error, for %s stored as the hash', async (_label, stored) => {
    await expect(verifyPassword(stored, 'walnut lantern orbit')).resolves.toBe(false);
  });

  it('refuses a password far over the limit without hashing it', async () => {
    const stored = await hashPassword('walnut lantern orbit');

    await expect(verifyPassword(stored, 'x'.repeat(1_000_000))).resolves.toBe(false);
  });
});

describe('verifyAgainstNobody', () => {
  it('always refuses', async () => {
    await expect(verifyAgainstNobody('walnut lantern orbit')).resolves.toBe(false);
  });

  it('checks against a hash made with the current parameters, so it costs what a real check does', () => {
    expect(needsRehash(DUMMY_HASH)).toBe(false);
    expect(parseOptions(DUMMY_HASH)).toMatchObject({
      memoryCost: ARGON2ID_MEMORY_KIB,
      timeCost: ARGON2ID_PASSES,
      parallelism: ARGON2ID_LANES,
    });
  });
});

describe('needsRehash', () => {
  // Values of the library's const enums, which isolatedModules cannot reach by name.
  const argon2i = 1;
  const argon2id = 2;
  const version0x10 = 0;
  const weakerHash = (options: Record<string, number>) =>
    hash('walnut lantern orbit', {
      algorithm: argon2id,
      memoryCost: ARGON2ID_MEMORY_KIB,
      timeCost: ARGON2ID_PASSES,
      parallelism: ARGON2ID_LANES,
      ...options,
    });

  it('is false for a hash made today', async () => {
    expect(needsRehash(await hashPassword('walnut lantern orbit'))).toBe(false);
  });

  it('is false for a hash made with more than the current cost', async () => {
    expect(needsRehash(await weakerHash({ memoryCost: 32_768, timeCost: 3 }))).toBe(false);
  });

  it.each([
    ['less memory', { memoryCost: 8_192 }],
    ['fewer passes', { timeCost: 1 }],
    ['argon2i', { algorithm: argon2i }],
    ['argon2 version 0x10', { version: version0x10 }],
    ['a shorter output', { outputLen: 16 }],
  ])('is true for a hash made with %s', async (_label, options) => {
    expect(needsRehash(await weakerHash(options))).toBe(true);
  });

  it('is true for a hash it cannot read', () => {
    expect(needsRehash('not a hash')).toBe(true);
  });
});

describe('passwordProblem', () => {
  it.each([
    'walnut lantern orbit',
    'correct horse battery',
    'Tr0ub4dor&3-ish-thing',
    'ÉléphantRoseDansLaNeige',
    'twelve chars',
  ])('accepts %j', (password) => {
    expect(passwordProblem(password, person)).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('🦊🦉🐝🐢🦔🐙🦀🐬🦩🦜🐳', person)).toMatch(/at least 12/);
    expect(passwordProblem('🦊🦉🐝🐢🦔🐙🦀🐬🦩🦜🐳🐌', person)).toBeNull();
  });

  it('asks for twelve characters at least and 256 at most', () => {
    expect(passwordProblem('elevenchars', person)).toBe('Use at least 12 characters.');
    expect(passwordProblem(distinctCharacters(256), person)).toBeNull();
    expect(passwordProblem(distinctCharacters(257), person)).toBe('Use at most 256 characters.');
    expect(passwordProblem('x'.repeat(10_000_000), person)).toBe('Use at most 256 characters.');
  });

  it.each([
    'jane.smith@example-school.org.uk',
    'JANE.SMITH@example-school.org.uk',
    'my jane.smith password',
    'Jane.Smith2025!',
  ])('refuses %j for using the email address', (password) => {
    expect(passwordProblem(password, person)).toBe(
      'Do not use your email address in your password.',
    );
  });

  it.each(['JaneSmith2025!', 'jane smith jane smith', 'Smith123456789', '!!Jane!!2025!!'])(
    'refuses %j for using the name',
    (password) => {
      expect(passwordProblem(password, person)).toBe('Do not use your name in your password.');
    },
  );

  it('does not hold a very short local part or name against ordinary words', () => {
    const brief = { email: 'al@example.org', name: 'Al Ng' };

    expect(passwordProblem('always analogue lanterns', brief)).toBeNull();
  });

  it.each([
    'password1234',
    'Password2024!',
    'P@ssw0rd12345',
    'qwertyuiop123',
    '1qaz2wsx3edc',
    'I love you 2024!!',
    'Liverpool1892!',
    'CountyCouncil2025',
    'serviceguarantee',
    'aaaaaaaaaaaa',
    '123123123123',
    'passwordpassword',
  ])('refuses %j as too common', (password) => {
    expect(passwordProblem(password, person)).toBe(
      'This password is too easy to guess. Try three random words instead.',
    );
  });
});

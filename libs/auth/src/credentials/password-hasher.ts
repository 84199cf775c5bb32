import { type Algorithm, type Version, hash, parseOptions, verify } from '@node-rs/argon2';

/**
 * OWASP's Password Storage Cheat Sheet recommends argon2id with 19 MiB of memory, two passes and
 * one lane as the baseline; a stored hash made with less than this is upgraded at the next
 * successful sign-in (see {@link needsRehash}).
 */
export const ARGON2ID_MEMORY_KIB = 19_456;
export const ARGON2ID_PASSES = 2;
export const ARGON2ID_LANES = 1;
const ARGON2ID_OUTPUT_BYTES = 32;
const ARGON2ID_SALT_BYTES = 16;
// The library declares these as ambient const enums, which isolatedModules cannot inline.
const ARGON2ID = 2 as Algorithm;
const ARGON2_VERSION_0X13 = 1 as Version;

const CURRENT_PARAMETERS = {
  algorithm: ARGON2ID,
  memoryCost: ARGON2ID_MEMORY_KIB,
  timeCost: ARGON2ID_PASSES,
  parallelism: ARGON2ID_LANES,
  outputLen: ARGON2ID_OUTPUT_BYTES,
};

/** NCSC and NIST 800-63B: length protects a password; composition rules only make it predictable. */
export const PASSWORD_MIN_CHARACTERS = 12;
/** Long enough for any passphrase, short enough that nobody can make us hash megabytes. */
export const PASSWORD_MAX_CHARACTERS = 256;

/**
 * A hash of a random password nobody was told, made with the current parameters, so that checking
 * a password for an email with no account costs what checking a real account's does, and the time
 * a refusal takes does not say which emails have accounts.
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Xec/GTwi2Dl9q+mAox7P0g$TA3SSnng7LrW6CxUaRQfCPCcRFbK4389L81TvsrpUbI';

/**
 * The same password typed on different keyboards can reach us as different code points (a
 * precomposed é or an e with a combining accent); NIST 800-63B asks for NFKC so both match.
 */
function canonical(password: string): string {
  return password.normalize('NFKC');
}

/** A cheap bound before any per-character work: a character takes at most two UTF-16 units. */
function certainlyTooLong(password: string): boolean {
  return password.length > PASSWORD_MAX_CHARACTERS * 2;
}

function characterCount(text: string): number {
  return [...text].length;
}

export async function hashPassword(password: string): Promise<string> {
  return hash(canonical(password), CURRENT_PARAMETERS);
}

/** False for a wrong password, and also for a stored hash that is not an argon2 hash at all. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if (certainlyTooLong(password)) return false;
  try {
    return await verify(storedHash, canonical(password));
  } catch {
    return false;
  }
}

/** Spends what {@link verifyPassword} spends on a real account, and always refuses. */
export async function verifyAgainstNobody(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}

/**
 * True when the stored hash is weaker than what {@link hashPassword} makes today (or unreadable),
 * so the caller, holding the plain password after a successful verify, can store a fresh hash.
 */
export function needsRehash(storedHash: string): boolean {
  try {
    const used = parseOptions(storedHash);
    return (
      used.algorithm !== ARGON2ID ||
      used.version !== ARGON2_VERSION_0X13 ||
      used.memoryCost < ARGON2ID_MEMORY_KIB ||
      used.timeCost < ARGON2ID_PASSES ||
      used.outputLen < ARGON2ID_OUTPUT_BYTES ||
      used.saltLen < ARGON2ID_SALT_BYTES
    );
  } catch {
    return true;
  }
}

/**
 * The stems of passwords that lead breach lists, plus words anyone would try against a council's
 * complaints service. A password is refused when, without spaces and without the digits and
 * symbols around it, it is one of these: "Password2024!" is as guessable as "password".
 */
const COMMON_PASSWORD_STEMS: ReadonlySet<string> = new Set([
  'password',
  'passw0rd',
  'p@ssword',
  'p@ssw0rd',
  'pass',
  'qwerty',
  'qwertyuiop',
  'qwertyuiopasdfghjkl',
  'asdfgh',
  'asdfghjkl',
  'zxcvbnm',
  'qazwsx',
  'qazwsxedc',
  'qazwsxedcrfv',
  '1qaz2wsx3edc',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5y6',
  'zaq12wsxcde3',
  'abc',
  'abcdef',
  'abcdefghijkl',
  'letmein',
  'letmeinplease',
  'welcome',
  'welcometo',
  'iloveyou',
  'loveyou',
  'admin',
  'administrator',
  'changeme',
  'default',
  'trustno',
  'secret',
  'topsecret',
  'hello',
  'helloworld',
  'whatever',
  'freedom',
  'computer',
  'internet',
  'login',
  'access',
  'master',
  'monkey',
  'dragon',
  'shadow',
  'sunshine',
  'princess',
  'superman',
  'batman',
  'starwars',
  'pokemon',
  'football',
  'baseball',
  'soccer',
  'liverpool',
  'chelsea',
  'arsenal',
  'manchester',
  'manchesterunited',
  'tottenham',
  'everton',
  'celtic',
  'rangers',
  'michael',
  'jennifer',
  'jessica',
  'charlie',
  'thomas',
  'daniel',
  'jordan',
  'hunter',
  'buster',
  'tigger',
  'pepper',
  'ginger',
  'cookie',
  'chocolate',
  'butterfly',
  'flower',
  'purple',
  'banana',
  'cheese',
  'summer',
  'winter',
  'spring',
  'autumn',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'london',
  'england',
  'britain',
  'unitedkingdom',
  'correcthorsebatterystaple',
  'council',
  'countycouncil',
  'school',
  'headteacher',
  'teacher',
  'education',
  'complaint',
  'complaints',
  'service',
  'guarantee',
  'serviceguarantee',
]);

const LETTERS_ONLY = /[^\p{L}]/gu;
const SURROUNDING_NON_LETTERS = /^[^\p{L}]+|[^\p{L}]+$/gu;
const ONE_UNIT_REPEATED = /^(.+?)\1+$/su;

function looksCommon(folded: string): boolean {
  const withoutSpaces = folded.replace(/\s+/gu, '');
  const stem = withoutSpaces.replace(SURROUNDING_NON_LETTERS, '');
  return (
    COMMON_PASSWORD_STEMS.has(withoutSpaces) ||
    COMMON_PASSWORD_STEMS.has(stem) ||
    ONE_UNIT_REPEATED.test(withoutSpaces)
  );
}

function usesEmail(folded: string, email: string): boolean {
  const address = canonical(email).toLowerCase().trim();
  if (address === '') return false;
  if (folded === address) return true;
  const localPart = address.slice(0, Math.max(address.lastIndexOf('@'), 0));
  // A local part of one or two letters is in too many ordinary words to hold against anyone.
  return localPart.length >= 3 && folded.includes(localPart);
}

function usesName(folded: string, name: string): boolean {
  const passwordLetters = folded.replace(LETTERS_ONLY, '');
  const nameParts = canonical(name)
    .toLowerCase()
    .split(/\s+/u)
    .map((part) => part.replace(LETTERS_ONLY, ''))
    .filter((part) => part.length >= 3);
  const fullName = nameParts.join('');
  return (
    (fullName.length >= 3 && passwordLetters.includes(fullName)) ||
    nameParts.some((part) => passwordLetters === part)
  );
}

/**
 * Why a new password would be refused, in words for the person choosing it, or null when it is
 * acceptable. Only length, the person's own details and guessability count: NCSC advises against
 * demanding digits, symbols or mixed case.
 */
export function passwordProblem(
  password: string,
  person: { email: string; name: string },
): string | null {
  if (certainlyTooLong(password) || characterCount(password) > PASSWORD_MAX_CHARACTERS) {
    return `Use at most ${PASSWORD_MAX_CHARACTERS} characters.`;
  }
  if (characterCount(password) < PASSWORD_MIN_CHARACTERS) {
    return `Use at least ${PASSWORD_MIN_CHARACTERS} characters.`;
  }
  const folded = canonical(password).toLowerCase();
  if (usesEmail(folded, person.email)) {
    return 'Do not use your email address in your password.';
  }
  if (usesName(folded, person.name)) {
    return 'Do not use your name in your password.';
  }
  if (looksCommon(folded)) {
    return 'This password is too easy to guess. Try three random words instead.';
  }
  return null;
}

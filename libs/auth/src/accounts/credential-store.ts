export interface SecondFactorRecord {
  readonly secret: string;
  readonly confirmed: boolean;
  readonly lastStep: number | null;
}

export interface OneTimeTokenRecord {
  readonly purpose: OneTimeTokenPurpose;
  readonly personId: string | null;
  readonly email: string;
  readonly expiresAt: string;
}

export type OneTimeTokenPurpose = 'school-link' | 'set-password';

export interface ApiTokenRecord {
  readonly tokenId: string;
  readonly digest: string;
  readonly name: string;
  /** The RoleGrant[] the token acts with, as JSON. */
  readonly rolesJson: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface LockoutRecord {
  /** Failed attempts since the last success or lock-out. */
  readonly failures: number;
  /** How many times the account has been locked without a success since: the back-off's exponent. */
  readonly lockouts: number;
  readonly lockedUntil: string | null;
}

/**
 * The secrets of sign-in, kept apart from the events, which are permanent and shared: password
 * hashes and TOTP secrets change and must be forgotten when they do. Everything that can be a
 * digest is one (one-time tokens, recovery codes, API tokens). Every API node that signs people in
 * must see the same store, and what must happen once (a TOTP step, a recovery code, a one-time
 * token) happens once across all of them.
 */
export interface CredentialStore {
  passwordHash(personId: string): Promise<string | null>;

  setPasswordHash(personId: string, hash: string, at: Date): Promise<void>;

  secondFactor(personId: string): Promise<SecondFactorRecord | null>;

  /** A new secret, unconfirmed until the person types a code from it; replaces any other. */
  startSecondFactor(personId: string, secret: string): Promise<void>;

  /** A secret already confirmed (the demo county's accounts). */
  enrolSecondFactor(personId: string, secret: string): Promise<void>;

  /**
   * Records that the code of `step` was used, provided no later or equal step was: a code works
   * once, even when two requests bring it at the same moment. `confirm` confirms the secret too.
   */
  useTotpStep(personId: string, step: number, confirm: boolean): Promise<boolean>;

  /** Forgets the secret and the recovery codes together. */
  clearSecondFactor(personId: string): Promise<void>;

  /** The digests in the order the codes were shown; null where a code was spent. */
  recoveryCodeDigests(personId: string): Promise<(string | null)[]>;

  /** Replaces every recovery code the person had. */
  setRecoveryCodes(personId: string, digests: readonly string[]): Promise<void>;

  /** Spends the code at `position`, once; false when it was already spent. */
  useRecoveryCode(personId: string, position: number): Promise<boolean>;

  saveOneTimeToken(digest: string, token: OneTimeTokenRecord): Promise<void>;

  /** The token, if it is unused and unexpired, without using it (the page that shows the button). */
  peekOneTimeToken(
    digest: string,
    purpose: OneTimeTokenPurpose,
    now: Date,
  ): Promise<OneTimeTokenRecord | null>;

  /** Uses the token: only the first of any number of simultaneous attempts gets it. */
  takeOneTimeToken(
    digest: string,
    purpose: OneTimeTokenPurpose,
    now: Date,
  ): Promise<OneTimeTokenRecord | null>;

  /**
   * Uses up every token of `personId` for `purpose` not used yet: a newer link leaves no older one
   * to do the same with.
   */
  spendTokensOf(personId: string, purpose: OneTimeTokenPurpose, now: Date): Promise<void>;

  /** Forgets tokens a day after they expired: nothing can use them, and they hold addresses. */
  forgetOldTokens(now: Date): Promise<void>;

  saveApiToken(token: Omit<ApiTokenRecord, 'revokedAt' | 'lastUsedAt'>): Promise<void>;

  apiToken(tokenId: string): Promise<ApiTokenRecord | null>;

  /** Every token, oldest first. */
  apiTokens(): Promise<ApiTokenRecord[]>;

  /** False when there is no such token or it was revoked already. */
  revokeApiToken(tokenId: string, at: Date): Promise<boolean>;

  markApiTokenUsed(tokenId: string, at: Date): Promise<void>;

  /** The person's lock-out; no failures and no lock for someone never refused. */
  lockout(personId: string): Promise<LockoutRecord>;

  /**
   * Replaces the person's lock-out with `change` of it, as one step against every node: two
   * failures at once, on one node or two, are both counted. Returns what it saved.
   */
  changeLockout(
    personId: string,
    change: (record: LockoutRecord) => LockoutRecord,
  ): Promise<LockoutRecord>;

  close(): Promise<void>;
}

/** The lock-out of someone never refused. */
export const NO_LOCKOUT: LockoutRecord = { failures: 0, lockouts: 0, lockedUntil: null };

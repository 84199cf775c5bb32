export {
  ARGON2ID_LANES,
  ARGON2ID_MEMORY_KIB,
  ARGON2ID_PASSES,
  DUMMY_HASH,
  PASSWORD_MAX_CHARACTERS,
  PASSWORD_MIN_CHARACTERS,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyAgainstNobody,
  verifyPassword,
} from './password-hasher';
export {
  RECOVERY_CODE_COUNT,
  matchRecoveryCode,
  newRecoveryCodes,
  type NewRecoveryCodes,
} from './recovery-codes';
export {
  digestOf,
  isWellFormedSecretToken,
  newApiToken,
  newSecretToken,
  parseApiToken,
  sameDigest,
  type NewApiToken,
} from './secret-token';
export {
  InvalidBase32Error,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  TOTP_SECRET_BYTES,
  base32Decode,
  base32Encode,
  hotpCode,
  newTotpSecret,
  otpauthUri,
  totpCode,
  totpStep,
  verifyTotp,
  type TotpVerification,
} from './totp';

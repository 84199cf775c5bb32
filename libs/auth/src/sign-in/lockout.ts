import { type LockoutRecord } from '../accounts/credential-store';

/** Failed sign-ins in a row that lock an account. */
export const FAILURES_BEFORE_LOCKOUT = 5;
const FIRST_LOCKOUT_MINUTES = 1;
const LONGEST_LOCKOUT_MINUTES = 60;

/** Seconds until the account may try again, or 0. */
export function lockedForSeconds(record: LockoutRecord, now: Date): number {
  if (!record.lockedUntil) return 0;
  return Math.max(0, Math.ceil((Date.parse(record.lockedUntil) - now.getTime()) / 1000));
}

/**
 * After a failure: the fifth in a row locks the account, for a minute the first time and twice
 * as long each time after, up to an hour, until a sign-in succeeds.
 */
export function afterFailure(record: LockoutRecord, now: Date): LockoutRecord {
  const failures = record.failures + 1;
  if (failures < FAILURES_BEFORE_LOCKOUT) return { ...record, failures };
  const minutes = Math.min(FIRST_LOCKOUT_MINUTES * 2 ** record.lockouts, LONGEST_LOCKOUT_MINUTES);
  return {
    failures: 0,
    lockouts: record.lockouts + 1,
    lockedUntil: new Date(now.getTime() + minutes * 60_000).toISOString(),
  };
}

export const AFTER_SUCCESS: LockoutRecord = { failures: 0, lockouts: 0, lockedUntil: null };

import { AFTER_SUCCESS, afterFailure, FAILURES_BEFORE_LOCKOUT, lockedForSeconds } from './lockout';

const now = new Date('2026-12-02T10:00:00Z');

describe('locking an account after failed sign-ins', () => {
  it('locks on the fifth failure in a row, for a minute, doubling each time up to an hour', () => {
    let record = AFTER_SUCCESS;
    const lockMinutes: number[] = [];
    for (let lockout = 0; lockout < 8; lockout += 1) {
      for (let failure = 1; failure <= FAILURES_BEFORE_LOCKOUT; failure += 1)
        record = afterFailure(record, now);
      lockMinutes.push(lockedForSeconds(record, now) / 60);
    }
    expect(lockMinutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it('is not locked before the fifth failure, nor once the lock has passed', () => {
    let record = AFTER_SUCCESS;
    for (let failure = 1; failure < FAILURES_BEFORE_LOCKOUT; failure += 1)
      record = afterFailure(record, now);
    expect(record.failures).toBe(4);
    expect(lockedForSeconds(record, now)).toBe(0);
    record = afterFailure(record, now);
    expect(lockedForSeconds(record, new Date(now.getTime() + 59_000))).toBe(1);
    expect(lockedForSeconds(record, new Date(now.getTime() + 60_000))).toBe(0);
  });
});

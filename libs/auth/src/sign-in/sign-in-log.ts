import { type PeopleRecords, type SignInMethod } from '@sg/directory';

const context = (personId: string | null) => ({
  actor: { id: personId ?? 'unknown', role: 'sign-in' },
});

/** Sign-ins, failures, lock-outs and sign-outs, recorded as directory events for the audit trail. */
export class SignInLog {
  constructor(
    private readonly people: PeopleRecords,
    private readonly now: () => Date,
    /** Told of every refused sign-in, as it is recorded (the metrics count them). */
    private readonly onFailed?: (method: SignInMethod) => void,
  ) {}

  signedIn(personId: string, method: SignInMethod, session: string) {
    const at = this.now().toISOString();
    return this.people.logSignIn(
      { type: 'SignedIn', data: { personId, method, session, at } },
      context(personId),
    );
  }

  /** `personId` null: the address or token named nobody we know (kept without the address). */
  failed(personId: string | null, method: SignInMethod, reason: string) {
    this.onFailed?.(method);
    const at = this.now().toISOString();
    return this.people.logSignIn(
      { type: 'SignInFailed', data: { personId, method, reason, at } },
      context(personId),
    );
  }

  lockedOut(personId: string, until: string) {
    const at = this.now().toISOString();
    return this.people.logSignIn(
      { type: 'AccountLockedOut', data: { personId, until, at } },
      context(personId),
    );
  }

  signedOut(personId: string, session: string, by: string) {
    const at = this.now().toISOString();
    return this.people.logSignIn(
      { type: 'SignedOut', data: { personId, session, by, at } },
      context(by === 'self' ? personId : by),
    );
  }
}

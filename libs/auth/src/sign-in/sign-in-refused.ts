/** A refusal on the way in, with the HTTP status it is answered with. */
export class SignInRefused extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429,
    readonly code: string,
    message: string,
    /** For 429: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SignInRefused';
  }
}

/** The one answer for a wrong address, a wrong password and an account that may not sign in. */
export const invalidCredentials = () =>
  new SignInRefused(401, 'INVALID_CREDENTIALS', 'The email address or password is not right');

const inMinutes = (seconds: number) => {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
};

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new SignInRefused(
    429,
    'TOO_MANY_ATTEMPTS',
    `Too many attempts; try again in ${inMinutes(retryAfterSeconds)}`,
    retryAfterSeconds,
  );

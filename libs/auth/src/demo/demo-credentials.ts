/**
 * What the demo county's council staff sign in with, printed by `npm run cli -- demo-accounts`.
 * Only ever given to the demo county, which production never loads (DEMO_DATA is off there).
 */
export const DEMO_PASSWORD = 'try the demo county';

/** Their authenticator secret (base32, 20 bytes): add it to an app, or ask the CLI for a code. */
export const DEMO_TOTP_SECRET = 'SGDEMOSGDEMOSGDEMOSGDEMOSGDEMOSG';

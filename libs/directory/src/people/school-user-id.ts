import { createHash } from 'node:crypto';

const PREFIX = 'school-user-';

/**
 * The id of a person an address made: school staff whose account their first email link created
 * (or whom the school's email speaks for), the same for the same address however it is written.
 */
export const schoolUserId = (email: string) =>
  `${PREFIX}${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 20)}`;

/** Whether the person's account was made from their address, not by an administrator. */
export const madeFromTheirAddress = (personId: string) => personId.startsWith(PREFIX);

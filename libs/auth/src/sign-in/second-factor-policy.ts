import { type RoleGrant } from '@sg/complaints';
import { type StoredSession } from '../sessions/session-store';

/** Roles that decide complaints or move money: their holders prove a second factor. */
export const ROLES_NEEDING_SECOND_FACTOR: readonly RoleGrant['role'][] = [
  'board-member',
  'finance',
  'admin',
];

export const needsSecondFactor = (roles: readonly RoleGrant[]) =>
  roles.some((grant) => ROLES_NEEDING_SECOND_FACTOR.includes(grant.role));

/** What a session begun by a password keeps once its holder has also given a second factor. */
const SECOND_FACTOR_PROVEN = 'secondFactorProven';
export const secondFactorProven: Readonly<Record<string, string>> = {
  [SECOND_FACTOR_PROVEN]: 'yes',
};

/**
 * Whether a password session would carry roles its holder never proved a second factor for: one
 * granted while it was open. Roles are read afresh on every request, so without this the session
 * would take them on at once. An identity provider's session is its own to vouch for.
 */
export const secondFactorMissing = (session: StoredSession, roles: readonly RoleGrant[]) =>
  session.method === 'password' &&
  needsSecondFactor(roles) &&
  session.data[SECOND_FACTOR_PROVEN] !== 'yes';

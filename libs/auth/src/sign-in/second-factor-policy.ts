import { type RoleGrant } from '@sg/complaints';

/** Roles that decide complaints or move money: their holders prove a second factor. */
export const ROLES_NEEDING_SECOND_FACTOR: readonly RoleGrant['role'][] = [
  'board-member',
  'finance',
  'admin',
];

export const needsSecondFactor = (roles: readonly RoleGrant[]) =>
  roles.some((grant) => ROLES_NEEDING_SECOND_FACTOR.includes(grant.role));

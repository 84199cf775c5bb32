import { type Actor, hasRole, isSchoolStaffOf, managesService, type Role } from './actor';
import { type ComplaintCommand } from './commands';
import { notFound } from './errors';
import { type ComplaintState, type OpenComplaint } from './state';

/** Roles that see every complaint, whichever school or service it concerns. */
const COUNCIL_WIDE: readonly Role[] = [
  'business-support',
  'board-member',
  'finance',
  'admin',
  'system',
];

/** The school's own staff, the service's managers and the council-wide roles; nobody else. */
export const mayAccess = (actor: Actor, complaint: OpenComplaint): boolean =>
  isSchoolStaffOf(actor, complaint.schoolUrn) ||
  managesService(actor, complaint.serviceId) ||
  COUNCIL_WIDE.some((role) => hasRole(actor, role));

/**
 * The first check on every command about an existing complaint: someone who may not see it is
 * told exactly what they would be told if it did not exist, so a refusal gives away nothing of its
 * reference, status or version.
 */
export function requireAccess(actor: Actor, state: ComplaintState): OpenComplaint {
  if (!state.exists || !mayAccess(actor, state))
    throw notFound('COMPLAINT_NOT_FOUND', 'There is no such complaint');
  return state;
}

/** Lodging creates the complaint; every other person's command acts on one they may see. */
export function requireAccessFor(command: ComplaintCommand, state: ComplaintState): void {
  // The engine's own commands (a timer firing) answer for themselves, even about a lost complaint.
  if (command.type === 'LodgeComplaint' || hasRole(command.actor, 'system')) return;
  requireAccess(command.actor, state);
}

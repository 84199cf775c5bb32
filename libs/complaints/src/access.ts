import { type Actor, hasRole, isSchoolStaffOf, managesService, type Role } from './actor';
import { type ComplaintCommand } from './commands';
import { lodgedBy } from './decisions/lodge';
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

/**
 * The role in which the actor sees the complaint: its school's staff, its service's manager, or a
 * council-wide role; null for anyone else.
 */
export function roleSeeing(actor: Actor, complaint: OpenComplaint): Role | null {
  if (isSchoolStaffOf(actor, complaint.schoolUrn)) return 'school-staff';
  if (managesService(actor, complaint.serviceId)) return 'service-manager';
  return COUNCIL_WIDE.find((role) => hasRole(actor, role)) ?? null;
}

/** The school's own staff, the service's managers and the council-wide roles; nobody else. */
export const mayAccess = (actor: Actor, complaint: OpenComplaint): boolean =>
  roleSeeing(actor, complaint) !== null;

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

/**
 * The first check on every command: lodging, that the caller may lodge this complaint; any other
 * person's command, that they may see the complaint it acts on.
 */
export function requireAccessFor(command: ComplaintCommand, state: ComplaintState): void {
  if (command.type === 'LodgeComplaint') {
    lodgedBy(command);
    return;
  }
  // The engine's own commands (a timer firing) answer for themselves, even about a lost complaint.
  if (hasRole(command.actor, 'system')) return;
  requireAccess(command.actor, state);
}

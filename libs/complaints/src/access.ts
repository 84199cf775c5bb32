import { type Actor, hasRole, isSchoolStaffOf, managesService, type Role } from './actor';
import { type ComplaintCommand } from './commands';
import { lodgedBy } from './decisions/lodge';
import { notFound } from './errors';
import { type ComplaintState, type OpenComplaint } from './state';

/** Roles that see every complaint, whichever school or service it concerns. */
const COUNCIL_WIDE: readonly Role[] = ['business-support', 'board-member', 'admin', 'system'];

/**
 * Finance has a part in a complaint once the Board has approved a reimbursement on it, which it
 * pays, and in one it logged for a school itself; the rest (what went wrong at a school, the
 * council's notes on it) is none of its business.
 */
const financePays = (actor: Actor, complaint: OpenComplaint): boolean =>
  hasRole(actor, 'finance') &&
  (complaint.proposal?.status === 'approved' ||
    complaint.proposal?.status === 'paid' ||
    complaint.lodgedBy.id === actor.id);

/**
 * The role in which the actor sees the complaint: its school's staff, its service's manager, a
 * council-wide role, or finance paying it; null for anyone else.
 */
export function roleSeeing(actor: Actor, complaint: OpenComplaint): Role | null {
  if (isSchoolStaffOf(actor, complaint.schoolUrn)) return 'school-staff';
  if (managesService(actor, complaint.serviceId)) return 'service-manager';
  const councilWide = COUNCIL_WIDE.find((role) => hasRole(actor, role));
  if (councilWide) return councilWide;
  return financePays(actor, complaint) ? 'finance' : null;
}

/**
 * What the council's notes and a Board member's reasons for standing aside say about people:
 * finance, reading a complaint to pay it, is not given them.
 */
const KEPT_FROM_FINANCE = new Set<string>(['InternalNoteAdded', 'ConflictOfInterestDeclared']);

/** The events of a complaint its reader is given: all of them, unless finance reads it to pay it. */
export const eventsFor = <E extends { readonly type: string }>(
  actor: Actor,
  complaint: OpenComplaint,
  history: readonly E[],
): E[] =>
  roleSeeing(actor, complaint) === 'finance'
    ? history.filter((event) => !KEPT_FROM_FINANCE.has(event.type))
    : [...history];

/** The school's own staff, the service's managers, the council-wide roles and finance paying it. */
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

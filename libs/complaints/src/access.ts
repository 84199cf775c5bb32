import { type Actor, hasRole, isSchoolStaffOf, managesService, type Role } from './actor';
import { type ComplaintCommand } from './commands';
import { lodgedBy } from './decisions/lodge';
import { notFound } from './errors';
import { eventsReadBy, readsAsCouncil } from './school-reading';
import { type ComplaintState, type OpenComplaint } from './state';

/** Roles that see every complaint, whichever school or service it concerns. */
const COUNCIL_WIDE: readonly Role[] = ['business-support', 'board-member', 'admin', 'system'];

/**
 * Finance has a part in a complaint once the Board has approved a reimbursement on it, which it
 * pays; the rest (what went wrong at a school, the council's notes on it) is none of its business.
 */
const financePays = (actor: Actor, complaint: OpenComplaint): boolean =>
  hasRole(actor, 'finance') &&
  (complaint.proposal?.status === 'approved' || complaint.proposal?.status === 'paid');

/**
 * The officer who logged a complaint a school told them of (a service's manager about another
 * service, finance) follows it while they hold the role they logged it in. A school's own staff
 * follow their school's complaints as its staff, and only while they are.
 */
const loggedIt = (actor: Actor, complaint: OpenComplaint): boolean =>
  complaint.lodgedBy.id === actor.id &&
  complaint.lodgedBy.role !== 'school-staff' &&
  hasRole(actor, complaint.lodgedBy.role);

interface Seeing {
  readonly role: Role;
  /** Reads it only to pay it, or because they logged it: not a part in the council's handling. */
  readonly fromOutside: boolean;
}

function seeing(actor: Actor, complaint: OpenComplaint): Seeing | null {
  if (isSchoolStaffOf(actor, complaint.schoolUrn))
    return { role: 'school-staff', fromOutside: false };
  if (managesService(actor, complaint.serviceId))
    return { role: 'service-manager', fromOutside: false };
  const councilWide = COUNCIL_WIDE.find((role) => hasRole(actor, role));
  if (councilWide) return { role: councilWide, fromOutside: false };
  if (financePays(actor, complaint)) return { role: 'finance', fromOutside: true };
  return loggedIt(actor, complaint) ? { role: complaint.lodgedBy.role, fromOutside: true } : null;
}

/**
 * The role in which the actor sees the complaint: its school's staff, its service's manager, a
 * council-wide role, finance paying it, or the role the officer who logged it did so in; null for
 * anyone else.
 */
export const roleSeeing = (actor: Actor, complaint: OpenComplaint): Role | null =>
  seeing(actor, complaint)?.role ?? null;

/**
 * What the council's notes and a Board member's reasons for standing aside say about people:
 * finance, reading a complaint to pay it, and an officer who only logged it are not given them.
 */
const KEPT_FROM_FINANCE = new Set<string>([
  'InternalNoteAdded',
  'ConflictOfInterestDeclared',
  // Which service the complaint is for is the council's handling of it.
  'RerouteAsked',
  'RerouteDeclined',
]);

/**
 * The events of a complaint its reader is given: all of them, unless they read it only to pay it or
 * because they logged it. Those are numbered from 0 among themselves, as a school's are, so that no
 * gap in the numbers tells that something was left out, nor when.
 */
export const eventsFor = <E extends { readonly type: string; readonly revision: bigint }>(
  actor: Actor,
  complaint: OpenComplaint,
  history: readonly E[],
): E[] =>
  seeing(actor, complaint)?.fromOutside
    ? history
        .filter((event) => !KEPT_FROM_FINANCE.has(event.type))
        .map((event, index) => ({ ...event, revision: BigInt(index) }))
    : [...history];

/**
 * The events of a complaint as `reader` is given them, numbered as they number them: a school's
 * (`eventsReadBy`) and finance's (`eventsFor`) among what each reads, the council's as the stream
 * has them. The last one's number is the reader's version of the complaint, its ETag.
 */
export function eventsGivenTo<
  E extends { readonly type: string; readonly data: unknown; readonly revision: bigint },
>(reader: Actor, state: ComplaintState, history: readonly E[]): E[] {
  if (!state.exists) return [...history];
  return eventsFor(reader, state, eventsReadBy(history, readsAsCouncil(reader, state.schoolUrn)));
}

/**
 * Whether the actor reads the council's own working on the complaint (its notes, and the copies
 * of the emails filed on it, among them officers' notes sent by email): not its school, nor
 * finance reading it to pay it, nor an officer who only logged it.
 */
export const readsCouncilNotes = (actor: Actor, complaint: OpenComplaint): boolean => {
  const seen = seeing(actor, complaint);
  return seen !== null && !seen.fromOutside && seen.role !== 'school-staff';
};

/** Whoever `roleSeeing` names a role for. */
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

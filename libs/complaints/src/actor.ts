/** What a person may do, as granted in the directory. */
export type RoleGrant =
  | { readonly role: 'school-staff'; readonly schoolUrn: string }
  | { readonly role: 'business-support' }
  | { readonly role: 'service-manager'; readonly serviceIds: readonly string[] }
  | { readonly role: 'board-member'; readonly chair: boolean }
  | { readonly role: 'finance' }
  | { readonly role: 'admin' }
  /** The scrutiny committee: reads the reports, nothing else. */
  | { readonly role: 'scrutiny' }
  | { readonly role: 'system' };

export type Role = RoleGrant['role'];

export const ROLES = [
  'school-staff',
  'business-support',
  'service-manager',
  'board-member',
  'finance',
  'admin',
  'scrutiny',
  'system',
] as const satisfies readonly Role[];

/**
 * Everyone with a part in complaints: schools and the council's staff; not the scrutiny committee,
 * which reads reports, nor the engine itself.
 */
export const COMPLAINT_ROLES: readonly Role[] = ROLES.filter(
  (role) => role !== 'scrutiny' && role !== 'system',
);

/** The person (or the system) issuing a command, with every role they hold at that moment. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly RoleGrant[];
}

/** Who did something, as recorded in an event: the person and the role they acted in. */
export interface ActedBy {
  readonly id: string;
  readonly role: Role;
}

export const DEADLINE_WORKER: Actor = {
  id: 'system:deadline-worker',
  name: 'Deadline worker',
  roles: [{ role: 'system' }],
};

/** The outbox, reporting that a message whose sending matters to the complaint has gone. */
export const MAIL_OUTBOX: Actor = {
  id: 'system:mail-outbox',
  name: 'Mail outbox',
  roles: [{ role: 'system' }],
};

/** The mail intake, reporting what a message it took in means for a complaint (a bounce). */
export const MAIL_INTAKE: Actor = {
  id: 'system:mail-intake',
  name: 'Mail intake',
  roles: [{ role: 'system' }],
};

export function grantOf<R extends Role>(
  actor: Actor,
  role: R,
): Extract<RoleGrant, { role: R }> | undefined {
  return actor.roles.find((grant): grant is Extract<RoleGrant, { role: R }> => grant.role === role);
}

export const isSchoolStaffOf = (actor: Actor, urn: string) =>
  actor.roles.some((grant) => grant.role === 'school-staff' && grant.schoolUrn === urn);

export const managesService = (actor: Actor, serviceId: string | null) =>
  serviceId !== null &&
  actor.roles.some(
    (grant) => grant.role === 'service-manager' && grant.serviceIds.includes(serviceId),
  );

export const hasRole = (actor: Actor, role: Role) =>
  actor.roles.some((grant) => grant.role === role);

/** Someone of the council's (any role but a school's): who may read how the engine is running. */
export const isCouncilStaff = (actor: Actor) =>
  actor.roles.length > 0 && !hasRole(actor, 'school-staff');

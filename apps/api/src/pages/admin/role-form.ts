import { type Type } from '@nestjs/common';
import { type Role, type RoleGrant } from '@sg/complaints';
import { type Directory, LLE_SERVICES, serviceNameOf } from '@sg/directory';
import {
  checkForm,
  type FormCheck,
  type FormMessages,
  listField,
  textField,
} from '../core/page-form';
import { type PageError } from '../core/page-renderer';
import { withUnknownSchool } from '../core/unknown-school';

type Form = Record<string, unknown>;

/** Each role a person or a token can be given, as the pages name it. */
export const ROLE_NAMES: Readonly<Record<Exclude<Role, 'system'>, string>> = {
  'school-staff': 'School staff',
  'business-support': 'Business Support',
  'service-manager': 'Service manager',
  'board-member': 'Board member',
  finance: 'Finance',
  admin: 'Administrator',
  scrutiny: 'Scrutiny committee',
};

/** What the role fields offer to choose from. */
export const ROLE_CHOICES = {
  roleNames: ROLE_NAMES,
  services: LLE_SERVICES.map((service) => ({ value: service.serviceId, text: service.name })),
};

/** A grant in words: "Service manager (Schools HR)", "Board member (chair)". */
export function grantInWords(grant: RoleGrant): string {
  const name = ROLE_NAMES[grant.role as keyof typeof ROLE_NAMES] ?? grant.role;
  switch (grant.role) {
    case 'service-manager':
      return `${name} (${grant.serviceIds.map(serviceNameOf).join(', ')})`;
    case 'school-staff':
      return `${name} (URN ${grant.schoolUrn})`;
    case 'board-member':
      return grant.chair ? `${name} (chair)` : name;
    default:
      return name;
  }
}

/**
 * The role checkboxes as the API's list of grants. Each role takes what its grant needs from the
 * fields under it; whether that is enough is the API's DTO to say.
 */
export function rolesFromForm(form: Form): object[] {
  return listField(form, 'roles').map((role) => {
    switch (role) {
      case 'service-manager':
        return { role, serviceIds: listField(form, 'serviceIds') };
      case 'school-staff':
        return { role, schoolUrn: textField(form, 'schoolUrn').trim() };
      case 'board-member':
        return { role, chair: textField(form, 'chair') === 'yes' };
      default:
        return { role };
    }
  });
}

/** The role form's fields as they were posted, or as the person's grants fill them. */
export function roleFormValues(grants: readonly RoleGrant[]): Form {
  const held = (role: Role) => grants.find((grant) => grant.role === role);
  const manager = held('service-manager');
  const staff = held('school-staff');
  const board = held('board-member');
  return {
    roles: grants.map((grant) => grant.role),
    serviceIds: manager?.role === 'service-manager' ? [...manager.serviceIds] : [],
    schoolUrn: staff?.role === 'school-staff' ? staff.schoolUrn : '',
    chair: board?.role === 'board-member' && board.chair ? 'yes' : 'no',
  };
}

/** What to do about a grant the API's DTO refused, at the field that gives it what it lacks. */
const FIX_FOR: Partial<Record<Role, PageError>> = {
  'service-manager': {
    text: 'Select the services the service manager manages',
    href: '#serviceIds',
  },
  'school-staff': { text: 'Enter the school’s URN, 6 digits, like 119300', href: '#schoolUrn' },
  'board-member': { text: 'Select whether the Board member chairs the Board', href: '#chair' },
};

/**
 * The DTO words a refused grant by its place in the list ("roles [0] service-manager needs
 * serviceIds"); the page says instead what to fill in, beside the field to fill.
 */
function wordRoleErrors(errors: readonly PageError[], roles: readonly object[]): PageError[] {
  return errors.map((error) => {
    if (error.href !== '#roles') return error;
    if (roles.length === 0) return { text: 'Select at least one role', href: '#roles' };
    const index = /\[(\d+)\]/.exec(error.text)?.[1];
    const role = index === undefined ? undefined : (roles[Number(index)] as { role?: Role })?.role;
    // The role is whatever was posted: "constructor" is not a role, whatever a plain object says.
    return (
      (role && Object.hasOwn(FIX_FOR, role) && FIX_FOR[role]) || {
        text: 'Select the roles again',
        href: '#roles',
      }
    );
  });
}

/** What the page says of a URN that names no school; also when the directory refuses one. */
export const unknownSchoolText = (urn: string) => `There is no school with URN ${urn}`;

/**
 * Checks a form with the role fields, as `checkForm` does, its refused grants worded as above,
 * and a school's URN the directory does not hold told with the rest.
 */
export async function checkRoleForm<Dto extends object>(
  dto: Type<Dto>,
  body: { readonly roles: readonly object[] },
  directory: Directory,
  messages?: FormMessages<Dto>,
): Promise<FormCheck<Dto>> {
  const checked = await checkForm(dto, body, messages);
  if (checked.ok) return checked;
  const staff = body.roles.find(
    (grant): grant is { role: 'school-staff'; schoolUrn: string } =>
      (grant as { role?: unknown }).role === 'school-staff',
  );
  return {
    ok: false,
    errors: await withUnknownSchool(
      wordRoleErrors(checked.errors, body.roles),
      staff?.schoolUrn,
      directory,
      unknownSchoolText,
    ),
  };
}

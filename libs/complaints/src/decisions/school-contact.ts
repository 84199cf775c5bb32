import { type CommandOf } from '../commands';
import { conflict } from '../errors';
import { type ComplaintEvent, type ContactPerson } from '../events';
import { type ComplaintState } from '../state';
import { forTheSchool } from './school';
import {
  actingAs,
  inStatus,
  consentIfForTheSchool,
  NOT_CLOSED,
  requireLine,
  withoutDirectionControls,
  sinceLodged,
} from './support';

const optional = (value: string | null | undefined): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** The person as recorded: a name, and whichever of role, email and phone were given. */
function contactOf(contact: ContactPerson | null | undefined): ContactPerson {
  const name = requireLine(contact?.name, 'contact.name');
  const role = optional(withoutDirectionControls(contact?.role));
  const email = optional(contact?.email);
  const phone = optional(contact?.phone);
  return {
    name,
    ...(role ? { role } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  };
}

const sameContact = (a: ContactPerson, b: ContactPerson) =>
  a.name === b.name &&
  a.role === b.role &&
  (a.email ?? '').toLowerCase() === (b.email ?? '').toLowerCase() &&
  a.phone === b.phone;

/**
 * Whom the council writes to at the school about the complaint, changed while it is open: the
 * person who lodged it has left or is away, or the school wants answers to go to its business
 * manager. The school says so itself, or Business Support for it with its consent recorded: the
 * contact's replies are taken as the school's words, a confirmation of a resolution included, so
 * nobody working the complaint (its service, the Board) may choose whom the council hears from.
 */
export function changeSchoolContact(
  command: CommandOf<'ChangeSchoolContact'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const complaint = inStatus(state, NOT_CLOSED, 'change the school’s contact');
  const by = actingAs(
    command.actor,
    'change the school’s contact for this complaint',
    ...forTheSchool(complaint),
  );
  const contact = contactOf(command.contact);
  const consent = consentIfForTheSchool(
    by,
    command,
    'Changing the school’s contact for it',
    sinceLodged(complaint),
  );
  if (sameContact(contact, complaint.contact))
    throw conflict('CONTACT_UNCHANGED', `${contact.name} is already the school’s contact`);
  return [{ type: 'SchoolContactChanged', data: { contact, consent, by, at: command.at } }];
}

import { type ActedBy, isSchoolStaffOf, type Role } from '../actor';
import { QUALITY_STANDARD_IDS } from '../catalogue';
import { type CommandOf } from '../commands';
import { conflict, ruleBroken } from '../errors';
import { type ComplaintEvent } from '../events';
import { parseReference } from '../reference';
import { type ComplaintState } from '../state';
import { isBefore, startClock } from '../clocks';
import { attachmentsAdded } from './attachments';
import {
  actingAs,
  type DecisionContext,
  requireLine,
  requireText,
  withoutDirectionControls,
} from './support';

const OFFICER_ROLES = ['service-manager', 'board-member', 'finance', 'admin'] as const;

/** The council's roles that may log a complaint a school told them of (by email, say). */
export const ROLES_THAT_LOG_FOR_SCHOOLS: readonly Role[] = ['business-support', ...OFFICER_ROLES];

/**
 * Who may lodge: a school its own complaint through the web form or by email; Business Support
 * from any channel; any other council officer the school told (by phone, on a visit, by email),
 * recorded with the officer's name. Checked before anything else about the command.
 */
export function lodgedBy(
  command: Pick<CommandOf<'LodgeComplaint'>, 'actor' | 'channel' | 'schoolUrn'>,
): ActedBy {
  const heardFromTheSchool = (['phone', 'visiting-officer', 'email'] as const).some(
    (channel) => channel === command.channel,
  );
  return actingAs(
    command.actor,
    'lodge this complaint',
    { role: 'business-support' },
    {
      role: 'school-staff',
      when: (actor) =>
        isSchoolStaffOf(actor, command.schoolUrn) &&
        ['web-form', 'email'].includes(command.channel),
    },
    // Any council officer the school told (a visiting adviser, a service's staff) logs it for them.
    ...OFFICER_ROLES.map((role) => ({ role, when: () => heardFromTheSchool })),
  );
}

/** The role the lodge would be recorded in (the school's own, or an officer's for it); null: refused. */
function lodgingRole(command: CommandOf<'LodgeComplaint'>): Role | null {
  try {
    return lodgedBy(command).role;
  } catch {
    return null;
  }
}

/**
 * Whether the school's own staff, not an officer the school told, claim a channel other than the
 * school's web form: only the mail intake, which read the email, may say a school's own complaint
 * came by email (the scrutiny report counts the channels).
 */
export function schoolClaimsAnotherChannel(command: CommandOf<'LodgeComplaint'>): boolean {
  if (command.channel === 'web-form') return false;
  const role = lodgingRole(command);
  return (
    lodgingRole({ ...command, channel: 'web-form' }) === 'school-staff' &&
    (role === 'school-staff' || role === null)
  );
}

/** How long before it is logged a complaint may be taken as received (see `receivedAtOf`). */
export const OLDEST_RECEIPT_DAYS = 28;

/**
 * When the council received the complaint: now, unless the school told an officer earlier (or its
 * email arrived earlier), within the last four weeks, so that a mistyped year cannot put a
 * complaint in a period already reported. A school on its own form lodges it now.
 */
function receivedAtOf(command: CommandOf<'LodgeComplaint'>, by: ActedBy): string {
  const at = command.at;
  const receivedAt = command.receivedAt ?? at;
  if (receivedAt === at) return at;
  if (typeof receivedAt !== 'string' || Number.isNaN(Date.parse(receivedAt)))
    throw ruleBroken('INVALID_RECEIVED_AT', 'receivedAt must be a date and time');
  if (by.role === 'school-staff' && command.channel !== 'email')
    throw ruleBroken(
      'RECEIVED_AT_NOT_YOURS',
      'receivedAt is for an officer logging a complaint the school made earlier',
    );
  if (isBefore(at, receivedAt))
    throw ruleBroken('RECEIVED_IN_FUTURE', 'receivedAt must not be later than now');
  if (Date.parse(at) - Date.parse(receivedAt) > OLDEST_RECEIPT_DAYS * 86_400_000)
    throw ruleBroken(
      'RECEIVED_TOO_LONG_AGO',
      `receivedAt must be within the last ${OLDEST_RECEIPT_DAYS} days: log a complaint made longer ago as received now, and say when the school first raised it in its details`,
    );
  return new Date(receivedAt).toISOString();
}

/**
 * A complaint is lodged with its reference; the triage clock starts from when the council
 * received it. Files lodged with it
 * are added in the same append, so a complaint is never seen without the files it came with.
 */
export function lodgeComplaint(
  command: CommandOf<'LodgeComplaint'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const by = lodgedBy(command);
  if (state.exists)
    throw conflict('COMPLAINT_EXISTS', `Complaint ${command.complaintId} already exists`);
  if (!parseReference(command.reference)) {
    throw ruleBroken(
      'INVALID_REFERENCE',
      `${JSON.stringify(command.reference)} is not a reference`,
    );
  }
  const summary = requireLine(command.summary, 'summary');
  const details = requireText(command.details, 'details');
  const unknown = command.standards.filter((standard) => !QUALITY_STANDARD_IDS.includes(standard));
  if (unknown.length > 0)
    throw ruleBroken('UNKNOWN_STANDARD', `Unknown quality standard: ${unknown.join(', ')}`);
  const contact = {
    ...command.contact,
    name: requireLine(command.contact?.name, 'contact.name'),
    ...(command.contact?.role ? { role: withoutDirectionControls(command.contact.role) } : {}),
  };
  const desiredOutcome =
    typeof command.desiredOutcome === 'string' && command.desiredOutcome.trim() !== ''
      ? command.desiredOutcome.trim()
      : null;
  const at = command.at;
  const receivedAt = receivedAtOf(command, by);
  const attached = attachmentsAdded(command.attachments ?? [], [], by, at);
  const lodged: ComplaintEvent = {
    type: 'ComplaintLodged',
    data: {
      complaintId: command.complaintId,
      reference: command.reference,
      channel: command.channel,
      schoolUrn: command.schoolUrn,
      serviceId: command.serviceId,
      summary,
      details,
      desiredOutcome,
      standards: [...new Set(command.standards)],
      contact,
      relatedContractId: command.relatedContractId,
      relatedBookingId: command.relatedBookingId,
      policy: command.policy,
      loggedByOfficer: by.role === 'school-staff' ? null : { name: command.actor.name },
      emailMessageId: command.channel === 'email' ? (command.emailMessageId ?? null) : null,
      filesNotKept: command.filesNotKept ?? [],
      receivedAt,
      matchedBy: command.channel === 'email' ? (command.matchedBy ?? null) : null,
      by,
      at,
    },
  };
  return [
    lodged,
    startClock(context.calendar, { clocks: {}, policy: command.policy }, 'triage', receivedAt, by),
    ...attached,
  ];
}

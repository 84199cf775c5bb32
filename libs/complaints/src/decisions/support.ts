import { type WorkingDayCalendar } from '@sg/working-days';
import { type ActedBy, type Actor, isSchoolStaffOf, type Role } from '../actor';
import { type SchoolConsentGiven } from '../commands';
import { type ClosureOutcome, type SchoolConsent } from '../events';
import { conflict, forbidden, notFound, ruleBroken } from '../errors';
import {
  COMPLAINT_STATUSES,
  type ComplaintState,
  type ComplaintStatus,
  type OpenComplaint,
} from '../state';

/** What a decision may consult besides the command and the state: pure lookups, no I/O. */
export interface DecisionContext {
  readonly calendar: WorkingDayCalendar;
  /**
   * The service of a contract or booking the complaint names, as the directory has it (looked up
   * before deciding); absent, or null for one it does not know.
   */
  readonly serviceOfAgreement?: (kind: 'contract' | 'booking', id: string) => string | null;
  /**
   * The complaint an id or reference names, as the store has it (looked up before deciding);
   * absent, or null for one it does not know.
   */
  readonly complaintNamed?: (idOrReference: string) => NamedComplaint | null;
  /**
   * A Board member who already backs what the Board has not yet settled (a decision, a closing, an
   * approval), as the directory has them now (looked up before deciding): null for one no longer
   * in it. Absent: each is taken as they were when they acted.
   */
  readonly memberNow?: (memberId: string) => Actor | null;
  /**
   * What is left of the fees of the contract or booking the proposal awaiting approval is set
   * against, less what other proposals have reserved or spent, as the ledger has it now (looked up
   * before deciding an approval); absent where not looked up. The ledger's own reservation still
   * decides the last approval, which a race between two may change.
   */
  readonly feesLeft?: number;
  /**
   * The references of the complaints whose payment was recorded under the payment reference a
   * payment gives, as the read model has them (looked up before deciding a payment); absent where
   * not looked up.
   */
  readonly paidUnderReference?: readonly string[];
}

/** Another complaint, as far as a decision about this one needs to know it. */
export interface NamedComplaint {
  readonly complaintId: string;
  readonly reference: string;
  readonly schoolUrn: string;
  /** How it closed; null while it is open (and where the lookup does not say). */
  readonly closedAs?: ClosureOutcome | null;
  /**
   * Still waiting for triage, so that it could itself be closed as a duplicate. Where the lookup
   * does not say, taken as so.
   */
  readonly awaitingTriage?: boolean;
}

export function existing(state: ComplaintState): OpenComplaint {
  if (!state.exists) throw notFound('COMPLAINT_NOT_FOUND', 'There is no such complaint');
  return state;
}

/** The complaint, provided it is in one of the states the action is allowed from. */
export function inStatus(
  state: ComplaintState,
  allowed: readonly ComplaintStatus[],
  action: string,
): OpenComplaint {
  const complaint = existing(state);
  if (complaint.status === 'closed') {
    throw conflict(
      'COMPLAINT_CLOSED',
      `Cannot ${action}: complaint ${complaint.reference} is closed`,
    );
  }
  if (!allowed.includes(complaint.status)) {
    throw conflict(
      'INVALID_TRANSITION',
      `Cannot ${action}: complaint ${complaint.reference} is ${complaint.status.replace(/-/g, ' ')}`,
    );
  }
  return complaint;
}

export const NOT_CLOSED: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter(
  (status) => status !== 'closed',
);

/** The first of `roles` the actor may act in here, or a refusal naming the action. */
/** One way someone may act: a role, and when it counts (staff of this school, say). */
export interface AllowedRole {
  readonly role: Role;
  readonly when?: (actor: Actor) => boolean;
}

/** The complaining school's own staff. */
export const staffOf = (complaint: { readonly schoolUrn: string }): AllowedRole => ({
  role: 'school-staff',
  when: (actor: Actor) => isSchoolStaffOf(actor, complaint.schoolUrn),
});

/** The first of `allowed` the actor holds, as the decision would record them; null for none. */
export function actingRole(actor: Actor, ...allowed: readonly AllowedRole[]): Role | null {
  for (const { role, when } of allowed)
    if (actor.roles.some((grant) => grant.role === role) && (when?.(actor) ?? true)) return role;
  return null;
}

export function actingAs(actor: Actor, action: string, ...allowed: AllowedRole[]): ActedBy {
  const role = actingRole(actor, ...allowed);
  if (role === null) throw forbidden(`${actor.name} may not ${action}`);
  return { id: actor.id, role };
}

/** Something a reader can see: not only spaces, line breaks, or invisible formatting marks. */
export const hasVisibleText = (value: string): boolean =>
  /[^\p{White_Space}\p{Cc}\p{Cf}]/u.test(value);

export function requireText(value: string | null | undefined, field: string): string {
  if (typeof value !== 'string' || !hasVisibleText(value)) {
    throw ruleBroken('FIELD_REQUIRED', `${field} must not be empty`);
  }
  return value.trim();
}

/**
 * The characters that override or isolate the direction text runs in: a line holding one shows
 * in a queue or a mail's subject other than it reads ("Invoice \u202Efdp.exe" shows as
 * "Invoice exe.pdf"). Nobody means them in a one-line answer, so they are taken out, whichever
 * channel the line came by (a page, the API, an email's subject); file names lose them too.
 */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** Text of one line without direction controls; what is not text, as it was. */
export const withoutDirectionControls = <T>(value: T): T =>
  (typeof value === 'string' ? value.replace(DIRECTION_CONTROLS, '') : value) as T;

/** Required text of one line (a summary, a name, a reference), without direction controls. */
export function requireLine(value: string | null | undefined, field: string): string {
  return requireText(withoutDirectionControls(value), field);
}

/**
 * School staff acting themselves are the school's consent: a consent they send as well is refused
 * rather than dropped, since whoever sent it meant it to be recorded.
 */
export function noConsentGiven(command: { readonly consent: SchoolConsentGiven | null }): null {
  if (command.consent !== null && command.consent !== undefined)
    throw ruleBroken(
      'CONSENT_NOT_APPLICABLE',
      'consent is for an officer acting for the school: the school’s own staff acting are its consent, so leave it out',
    );
  return null;
}

/**
 * The school's consent to something done for it: school staff acting themselves are the consent
 * (given through the portal); an officer acting for the school must say who agreed, when and how:
 * no sooner than what was agreed to existed (the complaint, or the resolution the school accepts).
 */
export function schoolConsent(
  by: ActedBy,
  command: {
    readonly actor: Actor;
    readonly at: string;
    readonly consent: SchoolConsentGiven | null;
  },
  refusal: { readonly code: string; readonly what: string },
  earliest: { readonly at: string; readonly what: string; readonly code: string },
): SchoolConsent {
  if (by.role === 'school-staff') {
    noConsentGiven(command);
    return { givenBy: command.actor.name, givenAt: command.at, method: 'portal' };
  }
  const consent = command.consent;
  const givenBy = withoutDirectionControls(consent?.givenBy);
  if (!consent || typeof givenBy !== 'string' || givenBy.trim() === '') {
    throw ruleBroken(
      refusal.code,
      `${refusal.what} needs the school’s consent: say who agreed, when and how`,
    );
  }
  const givenAt = Date.parse(consent.givenAt);
  if (Number.isNaN(givenAt)) {
    throw ruleBroken('INVALID_DATE', 'consent.givenAt must be a date-time');
  }
  if (givenAt > Date.parse(command.at)) {
    throw ruleBroken('CONSENT_IN_FUTURE', 'consent.givenAt must not be in the future');
  }
  // Times of agreement are given to the minute: one in the minute the thing agreed to began counts.
  if (givenAt < Math.floor(Date.parse(earliest.at) / 60_000) * 60_000) {
    throw ruleBroken(earliest.code, `consent.givenAt must not be before ${earliest.what}`, {
      since: earliest.at,
    });
  }
  return { givenBy: givenBy.trim(), givenAt: consent.givenAt, method: consent.method };
}

/** What a consent may come no sooner than: the complaint itself. */
export const sinceLodged = (complaint: OpenComplaint) => ({
  at: complaint.lodgedAt,
  what: 'the complaint was lodged',
  code: 'CONSENT_BEFORE_LODGED',
});

/**
 * The consent recorded with something done for the school: none when its own staff do it (they
 * are its consent), else the officer's account of who agreed, when and how (see schoolConsent).
 */
export function consentIfForTheSchool(
  by: ActedBy,
  command: Parameters<typeof schoolConsent>[1],
  what: string,
  earliest: Parameters<typeof schoolConsent>[3],
): SchoolConsent | null {
  return by.role === 'school-staff'
    ? noConsentGiven(command)
    : schoolConsent(by, command, { code: 'CONSENT_REQUIRED', what }, earliest);
}

import { type RoleGrant } from '@sg/complaints';
import { type RecordedEvent } from '@sg/event-store';

export const SCHOOL_PHASES = [
  'nursery',
  'primary',
  'middle',
  'secondary',
  'all-through',
  'special',
  '16-plus',
  'not-applicable',
] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

export interface SchoolDetails {
  readonly urn: string;
  readonly name: string;
  readonly phase: SchoolPhase;
  /** As the DfE names it, e.g. "Community school", "Academy converter", "Foundation special school". */
  readonly type: string;
  readonly localAuthority: string;
  /**
   * The town GIAS gives, to tell apart schools of one name (a county has several St Mary's);
   * absent where it was not given, as for every school registered before towns were kept.
   */
  readonly town?: string;
  readonly inCounty: boolean;
  readonly pupils: number | null;
  readonly emails: readonly string[];
  readonly domains: readonly string[];
}

export interface ServiceDetails {
  readonly serviceId: string;
  readonly name: string;
  readonly description: string;
}

export interface FeeAgreementDetails {
  readonly kind: 'contract' | 'booking';
  readonly id: string;
  readonly schoolUrn: string;
  readonly serviceId: string;
  /** A contract's financial year ("2026-27") or what a booking was for. */
  readonly description: string;
  readonly feesPaidPence: number;
}

/** The complaint events an approval will append, exactly as they will be stored. */
export interface PendingComplaintEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>> & { readonly schemaVersion: number };
}

export interface ReimbursementReservation {
  readonly complaintId: string;
  readonly proposalId: string;
  readonly amountPence: number;
  readonly holder: string;
  /** The complaint's revision the approval was decided at and must be appended after. */
  readonly complaintRevision: string;
  readonly complaintEvents: readonly PendingComplaintEvent[];
}

/** Directory facts, each in the stream of the thing it is about. */
export interface DirectoryEventMap {
  ServiceRegistered: ServiceDetails;
  SchoolRegistered: SchoolDetails;
  SchoolDetailsChanged: SchoolDetails;
  FeeAgreementRecorded: FeeAgreementDetails;
  /** Written before the reservations below existed: fees committed outright to a proposal. */
  ReimbursementCommitted: {
    readonly complaintId: string;
    readonly proposalId: string;
    readonly amountPence: number;
  };
  /** Written before the reservations below existed: a commitment given back. */
  ReimbursementCommitmentReleased: {
    readonly complaintId: string;
    readonly proposalId: string;
    readonly amountPence: number;
    readonly reason: string;
  };
  /**
   * Fees held for a proposal by one attempt to approve it (the holder: the id of the approval
   * event that attempt will append to the complaint). The approval's complaint events and the
   * revision they must be appended at are kept, so a reservation left by a crash can be settled.
   */
  ReimbursementReserved: ReimbursementReservation;
  /** The holder's approval is recorded on the complaint: the fees are spent. */
  ReimbursementReservationConfirmed: {
    readonly proposalId: string;
    readonly holder: string;
  };
  /** The holder's approval can never be recorded: the fees are free again. */
  ReimbursementReservationReleased: {
    readonly proposalId: string;
    readonly holder: string;
    readonly reason: string;
  };
  /** Someone the council knows (imported, or from the demo county); they may be given sign-in later. */
  PersonRegistered: { readonly personId: string; readonly name: string; readonly email: string };
  /** An administrator added someone, who signs in as `signIn` says. */
  PersonInvited: {
    readonly personId: string;
    readonly name: string;
    readonly email: string;
    readonly signIn: SignInMethod;
  };
  /**
   * A role; granting a role the person holds replaces it (a service manager's services), except
   * that school staff hold one grant per school (a trust's central staff, several).
   */
  RoleGranted: { readonly personId: string; readonly grant: RoleGrant };
  /** `schoolUrn` says which school's staff role ends; without it, every grant of the role. */
  RoleRevoked: {
    readonly personId: string;
    readonly role: RoleGrant['role'];
    readonly schoolUrn?: string;
  };
  /**
   * An administrator changed how the person signs in (moving the council to its identity
   * provider, say). Leaving a password behind leaves its second factor too: coming back to one,
   * they choose a new password and enrol again.
   */
  SignInMethodChanged: {
    readonly personId: string;
    readonly from: SignInMethod | null;
    readonly signIn: SignInMethod;
  };
  /** The person may no longer sign in; their sessions and tokens end. */
  AccountDisabled: { readonly personId: string; readonly reason: string };
  AccountEnabled: { readonly personId: string };
  /** A password was set (the hash is kept apart from the events, and changes). */
  PasswordSet: { readonly personId: string };
  SecondFactorEnrolled: { readonly personId: string };
  /** An administrator cleared the second factor; the person enrols again at their next sign-in. */
  SecondFactorReset: { readonly personId: string };
  RecoveryCodeUsed: { readonly personId: string; readonly remaining: number };
  /** The council's identity provider vouches for this person under `subject`. */
  IdentityProviderLinked: {
    readonly personId: string;
    readonly issuer: string;
    readonly subject: string;
  };
  SignedIn: {
    readonly personId: string;
    readonly method: SignInMethod;
    /** A digest of the session, never its id: enough to match a sign-out to its sign-in. */
    readonly session: string;
    readonly at: string;
  };
  SignInFailed: {
    readonly personId: string | null;
    readonly method: SignInMethod;
    readonly reason: string;
    readonly at: string;
  };
  AccountLockedOut: { readonly personId: string; readonly until: string; readonly at: string };
  SignedOut: {
    readonly personId: string;
    readonly session: string;
    /** `self`, or the id of the administrator who ended the session. */
    readonly by: string;
    readonly at: string;
  };
  /**
   * The kinds of notification (as `@sg/notifications` names them) the person chose not to be
   * sent, all of them each time: what is not listed, they get. `by` is who chose (the person, or
   * an administrator for them).
   */
  MailPreferencesChanged: {
    readonly personId: string;
    readonly turnedOff: readonly string[];
    readonly by: string;
    readonly at: string;
  };
  /** An email address claimed by one person, so no two people sign in as the same address. */
  PersonEmailClaimed: { readonly personId: string; readonly email: string };
  /** Indexes of who is who: every person, listed once. */
  PersonListed: { readonly personId: string };
  /** An address or domain the school's mail and sign-in links may come from. */
  SchoolAddressRegistered: { readonly urn: string; readonly address: SchoolAddress };
  SchoolAddressRemoved: { readonly urn: string; readonly address: SchoolAddress };
  ApiTokenCreated: {
    readonly tokenId: string;
    readonly name: string;
    readonly roles: readonly RoleGrant[];
    readonly expiresAt: string;
  };
  ApiTokenRevoked: { readonly tokenId: string; readonly reason: string };
}

export const SIGN_IN_METHODS = [
  'password',
  'identity-provider',
  'email-link',
  'api-token',
] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** A whole address (`head@brookside.lancs.sch.uk`) or everyone at a domain (`brookside.lancs.sch.uk`). */
export interface SchoolAddress {
  readonly kind: 'email' | 'domain';
  readonly value: string;
}

export type DirectoryEventType = keyof DirectoryEventMap;
export type DirectoryEvent = {
  [T in DirectoryEventType]: { readonly type: T; readonly data: DirectoryEventMap[T] };
}[DirectoryEventType];

export const DIRECTORY_EVENT_SCHEMA_VERSION = 1;

/**
 * Where personal data sits in each directory event, for subject access and erasure (see the
 * complaint events' list). Every type is listed, none by default: a new one says what it holds.
 * An event about a person names them by `personId`, which is how their sign-ins, roles and
 * account's changes are found once their address has given their id; a school's addresses and
 * an administrator's free text may name a person too. Schools, services and fees are not people.
 */
export const DIRECTORY_PERSONAL_DATA_FIELDS: Readonly<
  Record<DirectoryEventType, readonly string[]>
> = {
  ServiceRegistered: [],
  SchoolRegistered: ['emails'],
  SchoolDetailsChanged: ['emails'],
  FeeAgreementRecorded: [],
  ReimbursementCommitted: [],
  ReimbursementCommitmentReleased: [],
  ReimbursementReserved: [],
  ReimbursementReservationConfirmed: [],
  ReimbursementReservationReleased: [],
  PersonRegistered: ['personId', 'name', 'email'],
  PersonInvited: ['personId', 'name', 'email', 'signIn'],
  RoleGranted: ['personId', 'grant'],
  RoleRevoked: ['personId', 'role', 'schoolUrn'],
  AccountDisabled: ['personId', 'reason'],
  AccountEnabled: ['personId'],
  SignInMethodChanged: ['personId', 'from', 'signIn'],
  PasswordSet: ['personId'],
  SecondFactorEnrolled: ['personId'],
  SecondFactorReset: ['personId'],
  RecoveryCodeUsed: ['personId', 'remaining'],
  IdentityProviderLinked: ['personId', 'issuer', 'subject'],
  SignedIn: ['personId', 'method', 'session', 'at'],
  // A failure's reason can quote a mail server refusing the link: "550 <her address>: … her name".
  SignInFailed: ['personId', 'method', 'reason', 'at'],
  AccountLockedOut: ['personId', 'until', 'at'],
  SignedOut: ['personId', 'session', 'by', 'at'],
  MailPreferencesChanged: ['personId', 'turnedOff', 'by', 'at'],
  PersonEmailClaimed: ['personId', 'email'],
  PersonListed: ['personId'],
  SchoolAddressRegistered: ['address.value'],
  SchoolAddressRemoved: ['address.value'],
  ApiTokenCreated: ['name'],
  ApiTokenRevoked: ['reason'],
};

export const directoryStreams = {
  service: (serviceId: string) => `service-${serviceId}`,
  school: (urn: string) => `school-${urn}`,
  feeAgreement: (kind: 'contract' | 'booking', id: string) => `${kind}-${id}`,
  person: (personId: string) => `person-${personId}`,
  people: () => 'people',
  /** Keyed by a digest, so the stream's name does not carry the address. */
  personEmail: (emailDigest: string) => `person-email-${emailDigest}`,
  identity: (digest: string) => `identity-${digest}`,
  schoolAddress: (digest: string) => `school-address-${digest}`,
  apiToken: (tokenId: string) => `api-token-${tokenId}`,
  /** Sign-ins and sign-outs, apart from the person's own stream, which every request reads. */
  signInLog: (personId: string) => `sign-in-log-${personId}`,
  signInFailures: (day: string) => `sign-in-failures-${day}`,
};

/** A stored event of a directory stream, as the directory's folds take it. */
export const asDirectoryEvent = (recorded: RecordedEvent): DirectoryEvent =>
  ({ type: recorded.type, data: recorded.data }) as DirectoryEvent;

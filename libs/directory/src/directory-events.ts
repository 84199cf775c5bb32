import { type RoleGrant } from '@sg/complaints';

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
  PersonRegistered: { readonly personId: string; readonly name: string; readonly email: string };
  RoleGranted: { readonly personId: string; readonly grant: RoleGrant };
  RoleRevoked: { readonly personId: string; readonly role: RoleGrant['role'] };
}

export type DirectoryEventType = keyof DirectoryEventMap;
export type DirectoryEvent = {
  [T in DirectoryEventType]: { readonly type: T; readonly data: DirectoryEventMap[T] };
}[DirectoryEventType];

export const DIRECTORY_EVENT_SCHEMA_VERSION = 1;

export const DIRECTORY_PERSONAL_DATA_FIELDS: Partial<
  Record<DirectoryEventType, readonly string[]>
> = {
  PersonRegistered: ['name', 'email'],
};

export const directoryStreams = {
  service: (serviceId: string) => `service-${serviceId}`,
  school: (urn: string) => `school-${urn}`,
  feeAgreement: (kind: 'contract' | 'booking', id: string) => `${kind}-${id}`,
  person: (personId: string) => `person-${personId}`,
};

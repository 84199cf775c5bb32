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

/** Directory facts, each in the stream of the thing it is about. */
export interface DirectoryEventMap {
  ServiceRegistered: ServiceDetails;
  SchoolRegistered: SchoolDetails;
  SchoolDetailsChanged: SchoolDetails;
  FeeAgreementRecorded: FeeAgreementDetails;
  ReimbursementCommitted: {
    readonly complaintId: string;
    readonly proposalId: string;
    readonly amountPence: number;
  };
  ReimbursementCommitmentReleased: {
    readonly complaintId: string;
    readonly proposalId: string;
    readonly amountPence: number;
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

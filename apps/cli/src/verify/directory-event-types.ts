import { type DirectoryEventType } from '@sg/directory';

/**
 * Every directory event type this release knows. @sg/directory declares them as a type only; the
 * `satisfies` makes the compiler refuse this list as soon as a type is added there and not here.
 */
const KNOWN = {
  ServiceRegistered: true,
  SchoolRegistered: true,
  SchoolDetailsChanged: true,
  FeeAgreementRecorded: true,
  ReimbursementCommitted: true,
  ReimbursementCommitmentReleased: true,
  ReimbursementReserved: true,
  ReimbursementReservationConfirmed: true,
  ReimbursementReservationReleased: true,
  PersonRegistered: true,
  PersonInvited: true,
  RoleGranted: true,
  RoleRevoked: true,
  AccountDisabled: true,
  AccountEnabled: true,
  SignInMethodChanged: true,
  PasswordSet: true,
  SecondFactorEnrolled: true,
  SecondFactorReset: true,
  RecoveryCodeUsed: true,
  IdentityProviderLinked: true,
  SignedIn: true,
  SignInFailed: true,
  AccountLockedOut: true,
  SignedOut: true,
  MailPreferencesChanged: true,
  PersonEmailClaimed: true,
  PersonListed: true,
  SchoolAddressRegistered: true,
  SchoolAddressRemoved: true,
  ApiTokenCreated: true,
  ApiTokenRevoked: true,
} as const satisfies Record<DirectoryEventType, true>;

export const isDirectoryEventType = (type: string): type is DirectoryEventType =>
  Object.hasOwn(KNOWN, type);

export { LLE_SERVICES, serviceNameOf } from './catalogue';
export { deterministicUuid } from './deterministic-id';
export { demoCounty, type DemoCounty, type DemoPerson } from './demo/demo-county';
export { type DemoLoadResult, loadDemoCountyIfEmpty } from './demo/load-demo-county';
export { seededRandom } from './demo/seeded-random';
export { Directory, type WriteContext } from './directory';
export {
  actorOf,
  domainOf,
  foldPerson,
  grantKey,
  normalisedAddress,
  type Person,
  schoolStaffOnly,
  signsInBy,
} from './people/person';
export { findPeople, type PeopleSearch } from './people/people-search';
export { foldSchool, hasAddress } from './people/school-addresses';
export { madeFromTheirAddress, schoolUserId } from './people/school-user-id';
export { requireGrantableRoles } from './people/grantable-roles';
export { GRANTABLE_ROLES, roleGrantsProblem } from './people/role-grant-shape';
export { type NewPerson, PeopleRecords } from './people/people-records';
export * from './directory-events';
export { DirectoryWriter, type ImportCounts } from './directory-writer';
export {
  confirmReservation,
  type FeeLedger,
  foldFeeLedger,
  type LedgerEntry,
  releaseReservation,
  reserveReimbursement,
  type ReservationOutcome,
} from './fee-ledger';
export { CONTRACT_COLUMNS, readContracts } from './importers/contracts';
export { ImportRefused, type RowProblem } from './importers/csv-rows';
export { GIAS_COLUMNS, readGiasSchools } from './importers/gias-schools';
export {
  type ImportFileEncoding,
  type ImportFileText,
  importFileText,
} from './importers/import-file-text';
export { URN_PATTERN, URN_RULE } from './urn';
export { isAddressAtSchool } from './people/address-at-school';

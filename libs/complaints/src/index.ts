export * from './access';
export * from './actor';
export * from './catalogue';
export * from './clocks';
export * from './commands';
export { decide } from './decide';
export { MAX_ATTACHMENT_NAME_LENGTH, requireMayAttach } from './decisions/attachments';
export { firstWordsLine } from './decisions/first-words';
export {
  type DecisionContext,
  hasVisibleText,
  type NamedComplaint,
  requireLine,
} from './decisions/support';
export * from './errors';
export * from './events';
export { evolve, foldComplaint, handlerIn } from './evolve';
export * from './money';
export { DEFAULT_POLICY } from './policy/default-policy';
export { type Policy, PolicyError, parsePolicy, unreachableQuorum } from './policy/policy';
export { formatReference, parseReference, typedReference } from './reference';
export * from './state';
export * from './upcasting';
export {
  boardShortfall,
  conflictOfInterest,
  stillCounting,
  WAITING_FOR_THE_BOARD,
} from './decisions/conflicts';
export {
  lodgedBy,
  OLDEST_RECEIPT_DAYS,
  ROLES_THAT_LOG_FOR_SCHOOLS,
  schoolClaimsAnotherChannel,
} from './decisions/lodge';
export { approvalRefusal, declineRefusal, paymentRefusal, waiverRefusal } from './decisions/board';
export { asksSchoolConsent, type DoneForTheSchool } from './decisions/consent-asked';
export { extensionDaysLeft, type LapsedQuestion, lapsedQuestion } from './decisions/service';
export {
  eventsReadBy,
  isBoardWorkingClock,
  readsAsCouncil,
  schoolReads,
  statusAsTheSchoolReadsIt,
} from './school-reading';

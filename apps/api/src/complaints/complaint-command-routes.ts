import { type Type } from '@nestjs/common';
import { type ComplaintCommand, type Role, ruleBroken } from '@sg/complaints';
import { type Directory } from '@sg/directory';
import { type CommandRequest } from './command-request';
import {
  BoardDecisionDto,
  CaseOfficerDto,
  ConflictOfInterestDto,
  ContactDto,
  DeclineDto,
  DuplicateDto,
  ExtensionDto,
  ForTheSchoolDto,
  InformationDto,
  PaymentDto,
  ProposalDto,
  QuestionDto,
  ReasonDto,
  ReferDto,
  ReimbursementProposalDto,
  RerouteDto,
  ResolutionDto,
  SchoolContactDto,
  TextDto,
  WithdrawalDto,
} from './dto/commands.dto';

type Body<C> = C extends unknown ? Omit<C, 'actor' | 'at'> : never;
/** A command as a request gives it: who acts and when are the channel's to add. */
export type ComplaintCommandBody = Body<ComplaintCommand>;

/** What turning a request into a command may need besides its body. */
export interface CommandRouteContext {
  readonly request: CommandRequest;
  /** A new id for what the command creates (a note, a proposal); the same on a retry. */
  readonly idFor: (kind: string) => string;
  readonly directory: Directory;
}

/**
 * One command on a complaint, declared once: where it is posted, what it takes, who may send it
 * (checked before anything else), and how its input becomes the domain's command. The API serves
 * every declaration; the pages will render and post the same ones.
 */
export interface ComplaintCommandRoute<Dto extends object = object> {
  /** The route's name: its handler, its operation id. */
  readonly name: string;
  /** Under /api/complaints/:id/. */
  readonly path: string;
  readonly summary: string;
  readonly body: Type<Dto>;
  /** The roles that may send it at all; the domain then decides for this complaint. */
  readonly roles: readonly Role[];
  readonly toCommand: (
    body: Dto,
    context: CommandRouteContext,
  ) => ComplaintCommandBody | Promise<ComplaintCommandBody>;
}

const declare = <Dto extends object>(route: ComplaintCommandRoute<Dto>) =>
  route as unknown as ComplaintCommandRoute;

const consentOf = (body: ForTheSchoolDto) =>
  body.consent ? { ...body.consent, givenAt: new Date(body.consent.givenAt).toISOString() } : null;

const BOARD: readonly Role[] = ['board-member'];
const BUSINESS_SUPPORT: readonly Role[] = ['business-support'];
const SERVICE: readonly Role[] = ['service-manager'];
/** The school answers for itself; Business Support for it, with its consent. */
const FOR_THE_SCHOOL: readonly Role[] = ['school-staff', 'business-support'];
const THE_SERVICE_OR_THE_SCHOOL: readonly Role[] = ['service-manager', 'school-staff'];
/** Those who read the council's notes: not finance, which reads a complaint to pay it. */
const NOTE_READERS: readonly Role[] = ['business-support', 'service-manager', 'board-member'];

export const COMPLAINT_COMMAND_ROUTES: readonly ComplaintCommandRoute[] = [
  declare({
    name: 'refer',
    path: 'referral',
    summary: 'Business Support: refer to the service; starts the 10-working-day clock',
    body: ReferDto,
    roles: BUSINESS_SUPPORT,
    toCommand: (body) => ({
      type: 'ReferComplaint',
      serviceId: body.serviceId ?? null,
      note: body.note ?? null,
    }),
  }),
  declare({
    name: 'reroute',
    path: 'rerouting',
    summary: 'Business Support: move the complaint to another service',
    body: RerouteDto,
    roles: BUSINESS_SUPPORT,
    toCommand: (body) => ({
      type: 'RerouteComplaint',
      toServiceId: body.toServiceId,
      reason: body.reason,
      relatedContractId: body.relatedContractId ?? null,
      relatedBookingId: body.relatedBookingId ?? null,
    }),
  }),
  declare({
    name: 'askToReroute',
    path: 'rerouting-requests',
    summary:
      'The service’s staff: ask Business Support to move the complaint to another service, saying why',
    body: ReasonDto,
    roles: SERVICE,
    toCommand: (body) => ({ type: 'AskToReroute', reason: body.reason }),
  }),
  declare({
    name: 'keepWithService',
    path: 'rerouting-requests/refusal',
    summary: 'Business Support: keep with the service a complaint it asked to move, saying why',
    body: ReasonDto,
    roles: BUSINESS_SUPPORT,
    toCommand: (body) => ({ type: 'KeepWithService', reason: body.reason }),
  }),
  declare({
    name: 'reclassify',
    path: 'reclassification',
    summary: 'Business Support: close as a service request, not a complaint',
    body: ReasonDto,
    roles: BUSINESS_SUPPORT,
    toCommand: (body) => ({ type: 'ReclassifyAsServiceRequest', reason: body.reason }),
  }),
  declare({
    name: 'reject',
    path: 'rejection',
    summary: 'Business Support: reject as out of scope',
    body: ReasonDto,
    roles: BUSINESS_SUPPORT,
    toCommand: (body) => ({ type: 'RejectAsOutOfScope', reason: body.reason }),
  }),
  declare({
    name: 'duplicate',
    path: 'duplicate',
    summary: 'Business Support: close as a duplicate of another complaint',
    body: DuplicateDto,
    roles: BUSINESS_SUPPORT,
    toCommand: (body) => ({
      type: 'MarkAsDuplicate',
      duplicateOf: body.duplicateOf,
      reason: body.reason ?? null,
    }),
  }),
  declare({
    name: 'withdraw',
    path: 'withdrawal',
    summary:
      'The school withdraws the complaint (any time before payment is approved); Business Support may, with its consent',
    body: WithdrawalDto,
    roles: FOR_THE_SCHOOL,
    toCommand: (body) => ({
      type: 'WithdrawComplaint',
      reason: body.reason,
      consent: consentOf(body),
    }),
  }),
  declare({
    name: 'contact',
    path: 'contacts',
    summary: 'Service manager: record contact with the school',
    body: ContactDto,
    roles: SERVICE,
    toCommand: (body) => ({
      type: 'RecordContact',
      contactedAt: new Date(body.contactedAt).toISOString(),
      method: body.method,
      note: body.note,
    }),
  }),
  declare({
    name: 'requestInformation',
    path: 'information-requests',
    summary: 'Service manager: ask the school for information (stops the clock)',
    body: QuestionDto,
    roles: SERVICE,
    toCommand: (body) => ({ type: 'RequestInformation', question: body.question }),
  }),
  declare({
    name: 'informationReceived',
    path: 'information',
    summary: 'The school’s answer, recorded by the school or the service (restarts the clock)',
    body: InformationDto,
    roles: THE_SERVICE_OR_THE_SCHOOL,
    toCommand: (body) => ({
      type: 'RecordInformationReceived',
      summary: body.summary,
      ...(body.receivedAt ? { receivedAt: body.receivedAt } : {}),
    }),
  }),
  declare({
    name: 'extend',
    path: 'extensions',
    summary: 'Agree more working days with the school (capped by policy)',
    body: ExtensionDto,
    roles: THE_SERVICE_OR_THE_SCHOOL,
    toCommand: (body) => ({
      type: 'AgreeExtension',
      extraWorkingDays: body.extraWorkingDays,
      reason: body.reason,
      consent: consentOf(body),
    }),
  }),
  declare({
    name: 'proposeResolution',
    path: 'resolution',
    summary: 'Service manager: propose a resolution (the school then confirms or disputes)',
    body: ResolutionDto,
    roles: SERVICE,
    toCommand: (body) => ({ type: 'ProposeResolution', resolution: body.resolution }),
  }),
  declare({
    name: 'confirm',
    path: 'resolution/confirmation',
    summary:
      'The school confirms the resolution (or Business Support, with its consent); the complaint closes',
    body: ForTheSchoolDto,
    roles: FOR_THE_SCHOOL,
    toCommand: (body) => ({ type: 'ConfirmResolution', consent: consentOf(body) }),
  }),
  declare({
    name: 'dispute',
    path: 'resolution/dispute',
    summary:
      'The school disputes the resolution; reopens it, or escalates once the deadline has passed',
    body: ReasonDto,
    roles: FOR_THE_SCHOOL,
    toCommand: (body) => ({ type: 'DisputeResolution', reason: body.reason }),
  }),
  declare({
    name: 'declareConflict',
    path: 'conflicts-of-interest',
    summary: 'Board member: stand aside from deciding this complaint',
    body: ConflictOfInterestDto,
    roles: BOARD,
    toCommand: (body) => ({ type: 'DeclareConflictOfInterest', reason: body.reason }),
  }),
  declare({
    name: 'assignCaseOfficer',
    path: 'case-officer',
    summary: 'The service’s staff: give the complaint to one of them to work',
    body: CaseOfficerDto,
    roles: SERVICE,
    toCommand: async (body, { directory }) => ({
      type: 'AssignCaseOfficer',
      officerId: body.officerId,
      officerName: (await directory.person(body.officerId))?.name ?? '',
    }),
  }),
  declare({
    name: 'decide',
    path: 'board-decision',
    summary: 'Board member: upheld, partly upheld or not upheld, with the level of failure',
    body: BoardDecisionDto,
    roles: BOARD,
    toCommand: (body) => ({
      type: 'RecordBoardDecision',
      outcome: body.outcome,
      failureLevel: body.failureLevel ?? null,
      rationale: body.rationale,
    }),
  }),
  declare({
    name: 'closeWithoutReimbursement',
    path: 'closure-without-reimbursement',
    summary: 'Board member: close an upheld complaint without reimbursing',
    body: ReasonDto,
    roles: BOARD,
    toCommand: (body) => ({ type: 'CloseWithoutReimbursement', reason: body.reason }),
  }),
  declare({
    name: 'proposeReimbursement',
    path: 'reimbursement',
    summary: 'Board member: propose a reimbursement against a contract’s or booking’s fees',
    body: ReimbursementProposalDto,
    roles: BOARD,
    toCommand: async (body, { directory, idFor }) => {
      const ledger = await directory.feeLedger(body.basisKind, body.basisId);
      // Refused as lodging refuses an unknown contract: 422, not a 404 that reads as no complaint.
      if (!ledger)
        throw ruleBroken('UNKNOWN_FEE_AGREEMENT', `There is no ${body.basisKind} ${body.basisId}`);
      return {
        type: 'ProposeReimbursement',
        proposalId: idFor('proposal'),
        amountPence: body.amountPence,
        basis: {
          kind: ledger.agreement.kind,
          id: ledger.agreement.id,
          feesPaidPence: ledger.agreement.feesPaidPence,
          schoolUrn: ledger.agreement.schoolUrn,
          serviceId: ledger.agreement.serviceId,
          reimbursedPence: ledger.committedPence,
        },
        overrideReason: body.overrideReason ?? null,
      };
    },
  }),
  declare({
    name: 'approve',
    path: 'reimbursement/approvals',
    summary: 'Board member (not the proposer): approve the proposed reimbursement',
    body: ProposalDto,
    roles: BOARD,
    toCommand: (body) => ({ type: 'ApproveReimbursement', proposalId: body.proposalId }),
  }),
  declare({
    name: 'decline',
    path: 'reimbursement/declines',
    summary: 'Board member: decline the proposed reimbursement',
    body: DeclineDto,
    roles: BOARD,
    toCommand: (body) => ({
      type: 'DeclineReimbursement',
      proposalId: body.proposalId,
      reason: body.reason,
    }),
  }),
  declare({
    name: 'paid',
    path: 'reimbursement/payment',
    summary: 'Finance: record the approved reimbursement as paid (payment or credit note)',
    body: PaymentDto,
    roles: ['finance'],
    toCommand: (body) => ({
      type: 'RecordReimbursementPaid',
      proposalId: body.proposalId,
      method: body.method,
      paymentReference: body.paymentReference,
      paidOn: body.paidOn,
      ...(body.sameReferenceConfirmed === undefined
        ? {}
        : { sameReferenceConfirmed: body.sameReferenceConfirmed }),
    }),
  }),
  declare({
    name: 'note',
    path: 'notes',
    summary: 'Council staff: an internal note the school (and finance) does not see',
    body: TextDto,
    roles: NOTE_READERS,
    toCommand: (body, { idFor }) => ({
      type: 'AddInternalNote',
      noteId: idFor('note'),
      text: body.text,
    }),
  }),
  declare({
    name: 'message',
    path: 'messages',
    summary:
      'A message the school sees, from the council or from the school. The school’s own, while a proposed resolution waits for its answer, is that answer, as its email reply would be: a plain "resolved" confirms it and closes the complaint; anything else tells the service it is not accepted, which takes the complaint back (or, past its deadline, to the Board)',
    body: TextDto,
    roles: ['school-staff', ...NOTE_READERS, 'finance'],
    toCommand: (body, { idFor }) => ({
      type: 'SendMessage',
      messageId: idFor('message'),
      text: body.text,
    }),
  }),
  declare({
    name: 'changeSchoolContact',
    path: 'school-contact',
    summary:
      'Whom the council writes to at the school about the complaint from now on: the school, or Business Support with its consent',
    body: SchoolContactDto,
    roles: FOR_THE_SCHOOL,
    toCommand: (body) => ({
      type: 'ChangeSchoolContact',
      consent: consentOf(body),
      contact: {
        name: body.contact.name,
        ...(body.contact.role !== undefined ? { role: body.contact.role } : {}),
        ...(body.contact.email !== undefined ? { email: body.contact.email } : {}),
        ...(body.contact.phone !== undefined ? { phone: body.contact.phone } : {}),
      },
    }),
  }),
];

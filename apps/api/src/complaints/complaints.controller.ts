import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CLOCK,
  type Clock,
  type ComplaintCommandResult,
  ExecuteComplaintCommand,
  LodgeComplaint,
  POLICY,
} from '@sg/complaint-service';
import {
  type ComplaintCommand,
  INITIAL_STATE,
  notFound,
  type Policy,
  requireAccess,
} from '@sg/complaints';
import { deterministicUuid, Directory } from '@sg/directory';
import { ComplaintQueries, ReadModelProjector, timelineOf } from '@sg/read-models';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables } from '@sg/config';
import { type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ActingPersonGuard } from '../http/acting-person.guard';
import { IdempotencyInterceptor } from '../http/idempotency.interceptor';
import { RecordedNotYetReadable } from '../http/recorded-not-yet-readable';
import { type CommandRequest, CommandRequestOf } from './command-request';
import { basisOf, complaintView, readsAsCouncil } from './complaint-view';
import {
  BoardDecisionDto,
  ContactDto,
  DeclineDto,
  DuplicateDto,
  ExtensionDto,
  InformationDto,
  CaseOfficerDto,
  ConflictOfInterestDto,
  ForTheSchoolDto,
  PaymentDto,
  ProposalDto,
  QuestionDto,
  ReasonDto,
  ReferDto,
  ReimbursementProposalDto,
  RerouteDto,
  ResolutionDto,
  TextDto,
  WithdrawalDto,
} from './dto/commands.dto';
import { LodgeComplaintDto } from './dto/lodge-complaint.dto';

type Body<C> = C extends unknown ? Omit<C, 'actor' | 'at'> : never;
type ComplaintCommandBody = Body<ComplaintCommand>;

const consentOf = (body: ForTheSchoolDto) =>
  body.consent ? { ...body.consent, givenAt: new Date(body.consent.givenAt).toISOString() } : null;

const Id = () =>
  Param(
    'id',
    new ParseUUIDPipe({
      exceptionFactory: () => notFound('COMPLAINT_NOT_FOUND', 'There is no such complaint'),
    }),
  );

@ApiTags('complaints')
@ApiHeader({
  name: 'X-Acting-Person',
  required: true,
  description: 'Development only: the directory id of the person acting',
})
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'POST only: a retry with the same key returns the first answer',
})
@ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'POST only: the ETag last read; 412 if the complaint has changed since',
})
@Controller('api/complaints')
@UseGuards(ActingPersonGuard)
@UseInterceptors(IdempotencyInterceptor)
export class ComplaintsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
    private readonly projector: ReadModelProjector,
    private readonly queries: ComplaintQueries,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.readWaitMs = config.get('READ_YOUR_WRITES_TIMEOUT_MS', { infer: true });
  }

  private readonly readWaitMs: number;

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Lodge a complaint (school staff by web form or email; Business Support from any channel)',
  })
  async lodge(
    @Body() body: LodgeComplaintDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const complaintId = request.idSeed
      ? deterministicUuid('complaint', request.idSeed)
      : randomUUID();
    const result = await this.commands.execute(
      new LodgeComplaint(
        {
          complaintId,
          actor: request.actor,
          at: this.now(),
          channel: body.channel,
          schoolUrn: body.schoolUrn,
          serviceId: body.serviceId ?? null,
          summary: body.summary,
          details: body.details,
          standards: body.standards,
          contact: body.contact,
          relatedContractId: body.relatedContractId ?? null,
          relatedBookingId: body.relatedBookingId ?? null,
          policy: this.policy,
        },
        request,
      ),
    );
    res.setHeader('Location', `/api/complaints/${complaintId}`);
    return this.respond(res, result);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One complaint’s current state and clocks, from the read model; for council readers, its reimbursement basis',
  })
  async get(
    @Id() id: string,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const found = await this.queries.complaint(id);
    const complaint = requireAccess(request.actor, found?.state ?? INITIAL_STATE);
    res.setHeader('ETag', `"${found!.revision}"`);
    const view = complaintView(complaint, BigInt(found!.revision));
    // The Board's working (the schedule's sums) is for the council; the school lists its own fees.
    if (!readsAsCouncil(request.actor, complaint)) return view;
    return { ...view, basis: await basisOf(complaint, this.directory, this.queries.feeAgreements) };
  }

  @Get(':id/timeline')
  @ApiOperation({
    summary: 'Who did what, when: the complaint’s events (internal notes hidden from the school)',
  })
  async timeline(@Id() id: string, @CommandRequestOf() request: CommandRequest) {
    const found = await this.queries.complaint(id);
    const complaint = requireAccess(request.actor, found?.state ?? INITIAL_STATE);
    return timelineOf(found!.history, readsAsCouncil(request.actor, complaint));
  }

  @Post(':id/referral')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Business Support: refer to the service; starts the 10-working-day clock',
  })
  refer(
    @Id() id: string,
    @Body() body: ReferDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'ReferComplaint',
      serviceId: body.serviceId ?? null,
      note: body.note ?? null,
    });
  }

  @Post(':id/rerouting')
  @HttpCode(200)
  @ApiOperation({ summary: 'Business Support: move the complaint to another service' })
  reroute(
    @Id() id: string,
    @Body() body: RerouteDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'RerouteComplaint',
      toServiceId: body.toServiceId,
      reason: body.reason,
      relatedContractId: body.relatedContractId ?? null,
      relatedBookingId: body.relatedBookingId ?? null,
    });
  }

  @Post(':id/reclassification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Business Support: close as a service request, not a complaint' })
  reclassify(
    @Id() id: string,
    @Body() body: ReasonDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, { type: 'ReclassifyAsServiceRequest', reason: body.reason });
  }

  @Post(':id/rejection')
  @HttpCode(200)
  @ApiOperation({ summary: 'Business Support: reject as out of scope' })
  reject(
    @Id() id: string,
    @Body() body: ReasonDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, { type: 'RejectAsOutOfScope', reason: body.reason });
  }

  @Post(':id/duplicate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Business Support: close as a duplicate of another complaint' })
  duplicate(
    @Id() id: string,
    @Body() body: DuplicateDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'MarkAsDuplicate',
      duplicateOf: body.duplicateOf,
      reason: body.reason ?? null,
    });
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The school withdraws the complaint (any time before payment is approved); Business Support may, with its consent',
  })
  withdraw(
    @Id() id: string,
    @Body() body: WithdrawalDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'WithdrawComplaint',
      reason: body.reason,
      consent: consentOf(body),
    });
  }

  @Post(':id/contacts')
  @HttpCode(200)
  @ApiOperation({ summary: 'Service manager: record contact with the school' })
  contact(
    @Id() id: string,
    @Body() body: ContactDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'RecordContact',
      contactedAt: new Date(body.contactedAt).toISOString(),
      method: body.method,
      note: body.note,
    });
  }

  @Post(':id/information-requests')
  @HttpCode(200)
  @ApiOperation({ summary: 'Service manager: ask the school for information (stops the clock)' })
  requestInformation(
    @Id() id: string,
    @Body() body: QuestionDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, { type: 'RequestInformation', question: body.question });
  }

  @Post(':id/information')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The school’s answer, recorded by the school or the service (restarts the clock)',
  })
  informationReceived(
    @Id() id: string,
    @Body() body: InformationDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, { type: 'RecordInformationReceived', summary: body.summary });
  }

  @Post(':id/extensions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Agree more working days with the school (capped by policy)' })
  extend(
    @Id() id: string,
    @Body() body: ExtensionDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'AgreeExtension',
      extraWorkingDays: body.extraWorkingDays,
      reason: body.reason,
      consent: consentOf(body),
    });
  }

  @Post(':id/resolution')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Service manager: propose a resolution (the school then confirms or disputes)',
  })
  proposeResolution(
    @Id() id: string,
    @Body() body: ResolutionDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, { type: 'ProposeResolution', resolution: body.resolution });
  }

  @Post(':id/resolution/confirmation')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The school confirms the resolution (or Business Support, with its consent); the complaint closes',
  })
  confirm(
    @Id() id: string,
    @Body() body: ForTheSchoolDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, { type: 'ConfirmResolution', consent: consentOf(body) });
  }

  @Post(':id/conflicts-of-interest')
  @HttpCode(200)
  @ApiOperation({ summary: 'Board member: stand aside from deciding this complaint' })
  declareConflict(
    @Id() id: string,
    @Body() body: ConflictOfInterestDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, { type: 'DeclareConflictOfInterest', reason: body.reason });
  }

  @Post(':id/case-officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'The service’s staff: give the complaint to one of them to work' })
  async assignCaseOfficer(
    @Id() id: string,
    @Body() body: CaseOfficerDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const officer = await this.directory.person(body.officerId);
    return this.run(res, id, request, {
      type: 'AssignCaseOfficer',
      officerId: body.officerId,
      officerName: officer?.name ?? '',
    });
  }

  @Post(':id/resolution/dispute')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The school disputes the resolution; reopens it, or escalates once the deadline has passed',
  })
  dispute(
    @Id() id: string,
    @Body() body: ReasonDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, { type: 'DisputeResolution', reason: body.reason });
  }

  @Post(':id/board-decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Board member: upheld, partly upheld or not upheld, with the level of failure',
  })
  decide(
    @Id() id: string,
    @Body() body: BoardDecisionDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'RecordBoardDecision',
      outcome: body.outcome,
      failureLevel: body.failureLevel ?? null,
      rationale: body.rationale,
    });
  }

  @Post(':id/closure-without-reimbursement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Board member: close an upheld complaint without reimbursing' })
  closeWithoutReimbursement(
    @Id() id: string,
    @Body() body: ReasonDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, { type: 'CloseWithoutReimbursement', reason: body.reason });
  }

  @Post(':id/reimbursement')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Board member: propose a reimbursement against a contract’s or booking’s fees',
  })
  async proposeReimbursement(
    @Id() id: string,
    @Body() body: ReimbursementProposalDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ledger = await this.directory.feeLedger(body.basisKind, body.basisId);
    if (!ledger)
      throw notFound('FEE_AGREEMENT_NOT_FOUND', `There is no ${body.basisKind} ${body.basisId}`);
    return this.run(res, id, request, {
      type: 'ProposeReimbursement',
      proposalId: request.idSeed ? deterministicUuid('proposal', request.idSeed) : randomUUID(),
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
    });
  }

  @Post(':id/reimbursement/approvals')
  @HttpCode(200)
  @ApiOperation({ summary: 'Board member (not the proposer): approve the proposed reimbursement' })
  approve(
    @Id() id: string,
    @Body() body: ProposalDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'ApproveReimbursement',
      proposalId: body.proposalId,
    });
  }

  @Post(':id/reimbursement/declines')
  @HttpCode(200)
  @ApiOperation({ summary: 'Board member: decline the proposed reimbursement' })
  decline(
    @Id() id: string,
    @Body() body: DeclineDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'DeclineReimbursement',
      proposalId: body.proposalId,
      reason: body.reason,
    });
  }

  @Post(':id/reimbursement/payment')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Finance: record the approved reimbursement as paid (payment or credit note)',
  })
  paid(
    @Id() id: string,
    @Body() body: PaymentDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'RecordReimbursementPaid',
      proposalId: body.proposalId,
      method: body.method,
      paymentReference: body.paymentReference,
      paidOn: body.paidOn,
    });
  }

  @Post(':id/notes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Council staff: an internal note the school does not see' })
  note(
    @Id() id: string,
    @Body() body: TextDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'AddInternalNote',
      noteId: this.idFor('note', request),
      text: body.text,
    });
  }

  @Post(':id/messages')
  @HttpCode(200)
  @ApiOperation({ summary: 'A message the school sees, from the council or from the school' })
  message(
    @Id() id: string,
    @Body() body: TextDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(res, id, request, {
      type: 'SendMessage',
      messageId: this.idFor('message', request),
      text: body.text,
    });
  }

  private idFor(kind: string, request: CommandRequest) {
    return request.idSeed ? deterministicUuid(kind, request.idSeed) : randomUUID();
  }

  private now() {
    return this.clock.now().toISOString();
  }

  private async run(
    res: Response,
    complaintId: string,
    request: CommandRequest,
    body: ComplaintCommandBody,
  ) {
    const command = { ...body, actor: request.actor, at: this.now() } as ComplaintCommand;
    return this.respond(
      res,
      await this.commands.execute(new ExecuteComplaintCommand(complaintId, command, request)),
    );
  }

  /**
   * The command's outcome, once this node's read model shows it (read-your-writes); if it has not
   * within READ_YOUR_WRITES_TIMEOUT_MS, 202 with the outcome and the complaint's address to poll.
   */
  private async respond(res: Response, result: ComplaintCommandResult) {
    if (!result.state.exists) throw notFound('COMPLAINT_NOT_FOUND', 'There is no such complaint');
    const etag = `"${String(result.revision)}"`;
    const view = complaintView(result.state, BigInt(result.revision));
    if (result.position && !(await this.projector.caughtUp(result.position, this.readWaitMs)))
      throw new RecordedNotYetReadable(`/api/complaints/${result.complaintId}`, etag, view);
    res.setHeader('ETag', etag);
    return view;
  }
}

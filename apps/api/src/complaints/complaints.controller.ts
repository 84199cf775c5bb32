import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIdempotencyKey } from './command-headers';
import {
  CLOCK,
  type Clock,
  type ComplaintCommandResult,
  ExecuteComplaintCommand,
  POLICY,
} from '@sg/complaint-service';
import {
  type Actor,
  COMPLAINT_ROLES,
  type ComplaintCommand,
  INITIAL_STATE,
  type Policy,
  eventsFor,
  readsAsCouncil,
  readsCouncilNotes,
  requireAccess,
} from '@sg/complaints';
import { deterministicUuid, Directory } from '@sg/directory';
import { ComplaintQueries, ReadModelProjector, timelineOf } from '@sg/read-models';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables } from '@sg/config';
import { type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { RolesAllowed, SignedIn } from '../auth/access-policy';
import { LodgingRateLimit } from '../auth/lodging-rate-limit.guard';
import { ComplaintIdempotencyInterceptor } from './complaint-idempotency.interceptor';
import { answerWithView } from './command-answer';
import { type CommandRequest, CommandRequestOf } from './command-request';
import { basisOf, complaintView, versionFor } from './complaint-view';
import {
  COMPLAINT_COMMAND_ROUTES,
  type ComplaintCommandBody,
  type ComplaintCommandRoute,
} from './complaint-command-routes';
import { type ComplaintNamed, Id, IdOrReference } from './complaint-id.param';
import { lodgeComplaint } from './complaint-lodging';
import { serveCommandRoutes } from './serve-command-routes';
import { LodgeComplaintDto } from './dto/lodge-complaint.dto';

@ApiTags('complaints')
@Controller('api/complaints')
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
  // On the writes alone: on a read, Nest's interceptor chain cost a twentieth of the answer.
  @UseInterceptors(ComplaintIdempotencyInterceptor)
  @ApiIdempotencyKey
  // A school lodges here by its web form (by email, through the mail intake); Business Support and
  // any officer the school told log one for it: the domain decides which channel each may use.
  @RolesAllowed(...COMPLAINT_ROLES)
  @UseGuards(LodgingRateLimit)
  @ApiOperation({
    summary:
      'Lodge a complaint (school staff by web form; Business Support from any channel; another council officer the school told, by phone, visit or email)',
  })
  async lodge(
    @Body() body: LodgeComplaintDto,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { complaintId, result } = await lodgeComplaint(this.commands, {
      body,
      request,
      at: this.now(),
      policy: this.policy,
    });
    res.setHeader('Location', `/api/complaints/${complaintId}`);
    return this.respond(res, result, request.actor);
  }

  @Get(':id')
  @SignedIn()
  @ApiOperation({
    summary:
      'One complaint’s current state and clocks, from the read model; for council readers, its reimbursement basis',
  })
  async get(
    @IdOrReference() named: ComplaintNamed,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    // By reference as by id: one the caller may not read is no complaint, as one that is none.
    const id = 'id' in named ? named.id : this.queries.complaintIdByReference(named.reference);
    const found = id === null ? null : await this.queries.complaint(id);
    const complaint = requireAccess(request.actor, found?.state ?? INITIAL_STATE);
    const version = versionFor(request.actor, complaint, found!.history);
    res.setHeader('ETag', `"${version}"`);
    const view = complaintView(complaint, version, request.actor);
    // The Board's working (the schedule's sums, what other complaints hold on the contract) is
    // for those who handle the complaint for the council: not its school, which lists its own
    // fees, nor finance paying it or an officer who only logged it.
    if (!readsCouncilNotes(request.actor, complaint)) return view;
    return { ...view, basis: await basisOf(complaint, this.directory, this.queries) };
  }

  @Get(':id/timeline')
  @SignedIn()
  @ApiOperation({
    summary: 'Who did what, when: the complaint’s events (internal notes hidden from the school)',
  })
  async timeline(@Id() id: string, @CommandRequestOf() request: CommandRequest) {
    const found = await this.queries.complaint(id);
    const complaint = requireAccess(request.actor, found?.state ?? INITIAL_STATE);
    return timelineOf(
      eventsFor(request.actor, complaint, found!.history),
      readsAsCouncil(request.actor, complaint.schoolUrn),
    );
  }

  /** Serves one declared command: what every route in COMPLAINT_COMMAND_ROUTES runs. */
  async runDeclared(
    route: ComplaintCommandRoute,
    complaintId: string,
    body: object,
    request: CommandRequest,
    res: Response,
  ) {
    const command = await route.toCommand(body, {
      request,
      idFor: (kind) => this.idFor(kind, request),
      directory: this.directory,
    });
    return this.run(res, complaintId, request, command);
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
      request.actor,
    );
  }

  /** The command's outcome, once this node's read model shows it (read-your-writes). */
  private respond(res: Response, result: ComplaintCommandResult, reader: Actor) {
    return answerWithView(res, result, this.projector, this.readWaitMs, reader);
  }
}

serveCommandRoutes(ComplaintsController, COMPLAINT_COMMAND_ROUTES);

import { Inject, Logger, Optional } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Actor,
  type CommandOf,
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
  conflict,
  decide,
  type DecisionContext,
  DomainError,
  evolve,
  eventsGivenTo,
  type EventOf,
  managesService,
  membersBehind,
  requireAccessFor,
  ruleBroken,
  typedReference,
} from '@sg/complaints';
import { Directory } from '@sg/directory';
import { requireContactAtSchool } from './contact-at-school';
import {
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type RecordedEvent,
  WrongExpectedVersion,
} from '@sg/event-store';
import { COMMAND_OBSERVER, type CommandObserver, type CommandOutcome } from '@sg/observability';
import { WorkingDayCalendar } from '@sg/working-days';
import {
  type AppendContext,
  asComplaintEvent,
  ComplaintRepository,
  type LoadedComplaint,
  recordedAnswer,
} from './complaint-repository';
import { KeyedQueue } from './keyed-queue';
import { ReferenceAllocator } from './reference-allocator';
import { ReservationSettler } from './reservations/reservation-settler';
import { type SeenRevision, staleVersion, StaleVersion } from './seen-revision';

export interface ComplaintCommandResult {
  readonly complaintId: string;
  readonly state: ComplaintState;
  /** The stream's revision after the command (unchanged when it recorded nothing). */
  readonly revision: ExpectedRevision;
  readonly appended: readonly ComplaintEvent[];
  /** The store position of the last event appended, for read-your-writes. */
  readonly position: Position | null;
  /**
   * The version the actor is given then, to send back as If-Match (see `eventsGivenTo`).
   */
  readonly readerVersion: bigint;
}

/**
 * The actor's version of `history` up to and including `through`, and of `appended` after it:
 * the number of the last event they read, each reader numbering only what they are given.
 */
function readerVersionOf(
  reader: Actor,
  state: ComplaintState,
  history: readonly RecordedEvent[],
  through: ExpectedRevision,
  appended: readonly ComplaintEvent[] = [],
): bigint {
  const last = typeof through === 'bigint' ? through : -1n;
  if (!state.exists) return last;
  const first = last - BigInt(appended.length) + 1n;
  const events = [
    ...history
      .filter((recorded) => recorded.revision < first)
      .map((recorded) => ({ ...asComplaintEvent(recorded), revision: recorded.revision })),
    ...appended.map((event, i) => ({ ...event, revision: first + BigInt(i) })),
  ];
  return eventsGivenTo(reader, state, events).at(-1)?.revision ?? -1n;
}

/** The id of the complaint a reference names, or null; a port, since the read model knows it. */
export type ComplaintByReference = (reference: string) => Promise<string | null>;
export const COMPLAINT_BY_REFERENCE = Symbol('ComplaintByReference');

const COMPLAINT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The references of the complaints whose payment was recorded under a payment reference; a port,
 * since the read model knows them.
 */
export type PaymentsUnderReference = (paymentReference: string) => Promise<readonly string[]>;
export const PAYMENTS_UNDER_REFERENCE = Symbol('PaymentsUnderReference');

/** The client's If-Match named a revision the complaint has moved on from. */
export class ExecuteComplaintCommand extends Command<ComplaintCommandResult> {
  constructor(
    readonly complaintId: string,
    readonly command: ComplaintCommand,
    readonly context: AppendContext & SeenRevision,
  ) {
    super();
  }
}

/** What `decided` gives, unless `stale`: then that, but a refusal to act comes before it. */
function refusedFirst<T>(decided: () => T, stale: StaleVersion | null): T {
  if (!stale) return decided();
  try {
    decided();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'forbidden') throw error;
  }
  throw stale;
}

const MAX_ATTEMPTS = 8;
/** What a lodge is decided with before it has a reference, so a refusal uses none up. */
const NO_REFERENCE_YET = 'SG-0000-000000';

const logger = new Logger('Complaints');

const approvalIn = (events: readonly ComplaintEvent[]) =>
  events.find(
    (event): event is EventOf<'ReimbursementApproved'> => event.type === 'ReimbursementApproved',
  );

/**
 * Load, decide, append, with optimistic concurrency: when another writer got there first, the
 * command is decided again against the new state (unless the client pinned a version).
 *
 * A request with an idempotency seed is answered from the stream if its events are already there
 * (a retry after a crash, or a concurrent retry on another node); on this node, requests with one
 * seed run one at a time.
 *
 * An approval that completes the quorum first reserves the money on the contract's or booking's
 * ledger under the id of the approval event it is about to append; only that holder's outcome
 * confirms or releases it. See docs/decisions/0013-reimbursement-reservations.md.
 */
@CommandHandler(ExecuteComplaintCommand)
export class ExecuteComplaintCommandHandler implements ICommandHandler<ExecuteComplaintCommand> {
  private readonly bySeed = new KeyedQueue();

  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly directory: Directory,
    private readonly references: ReferenceAllocator,
    private readonly settler: ReservationSettler,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
    /** Told how each command went (metrics, logs); the handler works the same without one. */
    @Optional() @Inject(COMMAND_OBSERVER) private readonly observer?: CommandObserver,
    /** Where a reference is looked up; without one, a complaint is named by its id alone. */
    @Optional()
    @Inject(COMPLAINT_BY_REFERENCE)
    private readonly byReference?: ComplaintByReference,
    /** Where a payment reference is looked up; without one, none is taken as used before. */
    @Optional()
    @Inject(PAYMENTS_UNDER_REFERENCE)
    private readonly paymentsUnder?: PaymentsUnderReference,
  ) {}

  async execute(command: ExecuteComplaintCommand): Promise<ComplaintCommandResult> {
    const seed = command.context.idSeed;
    const started = performance.now();
    const observe = (outcome: CommandOutcome) =>
      this.observer?.observe({
        type: command.command.type,
        outcome,
        correlationId: command.context.correlationId,
        seconds: (performance.now() - started) / 1000,
      });
    try {
      const result = await (seed
        ? this.bySeed.run(seed, () => this.attempt(command))
        : this.attempt(command));
      observe(result.appended.length > 0 ? 'recorded' : 'unchanged');
      return result;
    } catch (error) {
      observe(outcomeOfFailure(error));
      throw error;
    }
  }

  private async attempt({
    complaintId,
    command,
    context,
  }: ExecuteComplaintCommand): Promise<ComplaintCommandResult> {
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await this.complaints.load(complaintId);
      // Before anything that could tell a stranger of the complaint: its answer, version or state.
      requireAccessFor(command, loaded.state);
      const answered = context.idSeed
        ? this.answerGiven(complaintId, loaded, context, context.idSeed, command.actor)
        : null;
      if (answered) return answered;
      const stale = staleVersion(loaded, context, command.actor);
      const lookups: DecisionContext = {
        calendar: this.calendar,
        serviceOfAgreement: await this.agreementServices(command, loaded.state),
        complaintNamed: await this.complaintsNamed(command),
        memberNow: await this.membersBacking(command, loaded.state),
        feesLeft: await this.feesLeft(command, loaded.state),
        paidUnderReference:
          command.type === 'RecordReimbursementPaid'
            ? await this.paymentsUnder?.(command.paymentReference)
            : undefined,
      };
      // The decider says whether the caller may act at all before the directory is consulted, so
      // a refused caller cannot learn which schools, contracts or officers exist; and before the
      // version the caller saw is judged, so one who may not act is not told the current one.
      const decided = refusedFirst(() => decide(unnumbered(command), loaded.state, lookups), stale);
      await this.checkReferences(command, loaded.state);
      await this.checkOfficer(command, loaded.state);
      await this.checkSchoolsContact(decided, loaded.state);
      const events = await this.numbered(command, decided, loaded.state, context, lookups);
      if (events.length === 0) {
        return {
          complaintId,
          state: loaded.state,
          revision: loaded.revision,
          appended: [],
          position: null,
          readerVersion: readerVersionOf(
            command.actor,
            loaded.state,
            loaded.history,
            loaded.revision,
          ),
        };
      }
      const prepared = this.complaints.prepare(complaintId, events, context);
      const approval = approvalIn(events);
      if (approval && !(await this.reserve(complaintId, approval, prepared, loaded, context))) {
        if (attempt >= MAX_ATTEMPTS) {
          throw conflict(
            'APPROVAL_IN_PROGRESS',
            'Another approval of this reimbursement is being recorded; try again shortly',
          );
        }
        continue;
      }
      try {
        const result = await this.complaints.append(complaintId, prepared, loaded.revision);
        if (approval) await this.confirm(approval, prepared, context);
        if (context.idSeed) {
          // A retry on another node may have stored its own events under these ids first.
          return this.answerGiven(
            complaintId,
            await this.complaints.load(complaintId),
            context,
            context.idSeed,
            command.actor,
          )!;
        }
        const state = events.reduce(evolve, loaded.state);
        return {
          complaintId,
          state,
          revision: result.nextExpectedRevision,
          appended: events,
          position: result.position,
          readerVersion: readerVersionOf(
            command.actor,
            state,
            loaded.history,
            result.nextExpectedRevision,
            events,
          ),
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        if (approval) await this.releaseKeeping(error, approval, prepared, context);
        // Decided again, and the version the caller saw judged again in their own numbering: what
        // got there first may be nothing they read (a note, for a school or finance).
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private answerGiven(
    complaintId: string,
    loaded: LoadedComplaint,
    context: AppendContext,
    idSeed: string,
    reader: Actor,
  ): ComplaintCommandResult | null {
    const answer = recordedAnswer(loaded.history, idSeed, context.requestDigest);
    if (!answer) return null;
    return {
      complaintId,
      state: answer.state,
      revision: answer.revision,
      appended: answer.events.map(asComplaintEvent),
      position: answer.events[answer.events.length - 1].position,
      readerVersion: readerVersionOf(reader, answer.state, loaded.history, answer.revision),
    };
  }

  /**
   * A lodge takes the year's next reference only once it is sure to be recorded; any refusal
   * (who may lodge, a missing field, an unknown contract) comes first and uses no number up.
   */
  private async numbered(
    command: ComplaintCommand,
    decided: ComplaintEvent[],
    state: ComplaintState,
    context: AppendContext,
    lookups: DecisionContext,
  ): Promise<ComplaintEvent[]> {
    if (!needsReference(command)) return decided;
    const reference = await this.references.allocate(new Date(command.at), context.correlationId);
    return decide({ ...command, reference }, state, lookups);
  }

  /**
   * The Board members already backing what a Board command may settle, as the directory has them
   * now: a quorum is counted of those who may still judge the complaint.
   */
  private async membersBacking(
    command: ComplaintCommand,
    state: ComplaintState,
  ): Promise<DecisionContext['memberNow']> {
    if (!state.exists) return undefined;
    const pending =
      command.type === 'RecordBoardDecision'
        ? state.pendingDecision
        : command.type === 'CloseWithoutReimbursement'
          ? state.pendingWaiver
          : null;
    const backing = pending
      ? membersBehind(pending)
      : command.type === 'ApproveReimbursement'
        ? (state.proposal?.approvals ?? [])
        : null;
    return backing === null ? undefined : this.directory.actorsNow(backing);
  }

  /** For an approval: what is left of its proposal's fees, less what other proposals hold. */
  private async feesLeft(
    command: ComplaintCommand,
    state: ComplaintState,
  ): Promise<DecisionContext['feesLeft']> {
    const proposal = state.exists ? state.proposal : null;
    if (command.type !== 'ApproveReimbursement' || !proposal) return undefined;
    const ledger = await this.directory.feeLedger(proposal.basis.kind, proposal.basis.id);
    if (!ledger) return undefined;
    const ownPence = ledger.entries.get(proposal.proposalId)?.amountPence ?? 0;
    return ledger.agreement.feesPaidPence - (ledger.committedPence - ownPence);
  }

  /** The services of the contract and booking the complaint names, for a proposal or a referral. */
  private async agreementServices(
    command: ComplaintCommand,
    state: ComplaintState,
  ): Promise<DecisionContext['serviceOfAgreement']> {
    if (
      (command.type !== 'ProposeReimbursement' && command.type !== 'ReferComplaint') ||
      !state.exists
    )
      return undefined;
    // Referred to a service there is not: that is the refusal, not the contract's service.
    if (
      command.type === 'ReferComplaint' &&
      command.serviceId &&
      !(await this.directory.service(command.serviceId))
    )
      return undefined;
    const services = new Map<string, string>();
    const named = [
      { kind: 'contract' as const, id: state.relatedContractId },
      { kind: 'booking' as const, id: state.relatedBookingId },
    ];
    for (const { kind, id } of named) {
      const ledger = id ? await this.directory.feeLedger(kind, id) : null;
      if (ledger) services.set(`${kind}-${id}`, ledger.agreement.serviceId);
    }
    return (kind, id) => services.get(`${kind}-${id}`) ?? null;
  }

  /** The complaint a duplicate names, by its id or its reference, as the store has it. */
  private async complaintsNamed(
    command: ComplaintCommand,
  ): Promise<DecisionContext['complaintNamed']> {
    if (command.type !== 'MarkAsDuplicate' || typeof command.duplicateOf !== 'string')
      return undefined;
    const named = command.duplicateOf.trim();
    const reference = typedReference(named);
    const complaintId = COMPLAINT_ID.test(named)
      ? named.toLowerCase()
      : reference
        ? ((await this.byReference?.(reference)) ?? null)
        : null;
    const { state } = complaintId
      ? await this.complaints.load(complaintId)
      : { state: { exists: false as const } };
    const found = state.exists
      ? {
          complaintId: state.complaintId,
          reference: state.reference,
          schoolUrn: state.schoolUrn,
          closedAs: state.closure?.outcome ?? null,
          awaitingTriage: state.status === 'lodged',
        }
      : null;
    return (idOrReference) => (idOrReference.trim() === named ? found : null);
  }

  /**
   * Reserves the approval's money, held by the approval event's id. When another attempt holds
   * it, that attempt is settled instead (its approval recorded, or its money freed) and the
   * command is decided again: false.
   */
  private async reserve(
    complaintId: string,
    approval: EventOf<'ReimbursementApproved'>,
    prepared: readonly NewEvent[],
    loaded: LoadedComplaint,
    context: AppendContext,
  ): Promise<boolean> {
    const outcome = await this.directory.reserveReimbursement(
      approval.data.basis,
      {
        complaintId,
        proposalId: approval.data.proposalId,
        amountPence: approval.data.amountPence,
        holder: holderOf(prepared),
        complaintRevision: String(loaded.revision),
        complaintEvents: prepared,
      },
      { actor: approval.data.by, correlationId: context.correlationId },
    );
    if (outcome.kind !== 'held-by-another') return true;
    await this.settler.settle(approval.data.basis, outcome.entry, context.correlationId);
    return false;
  }

  /**
   * The approval is recorded, so the money is spent whatever happens next; if the ledger cannot
   * be told now, the reservation settler will find the approval and confirm it.
   */
  private async confirm(
    approval: EventOf<'ReimbursementApproved'>,
    prepared: readonly NewEvent[],
    context: AppendContext,
  ): Promise<void> {
    try {
      await this.directory.confirmReservation(
        approval.data.basis,
        approval.data.proposalId,
        holderOf(prepared),
        { actor: approval.data.by, correlationId: context.correlationId },
      );
    } catch (error) {
      logger.warn(
        `approval of ${approval.data.proposalId} is recorded but its reservation is not yet confirmed (the settler will): ${(error as Error).message}`,
      );
    }
  }

  /** Gives back this attempt's own reservation; a failure to do so never hides why. */
  private async releaseKeeping(
    cause: Error,
    approval: EventOf<'ReimbursementApproved'>,
    prepared: readonly NewEvent[],
    context: AppendContext,
  ): Promise<void> {
    try {
      await this.directory.releaseReservation(
        approval.data.basis,
        approval.data.proposalId,
        holderOf(prepared),
        'another change to the complaint was recorded first',
        { actor: approval.data.by, correlationId: context.correlationId },
      );
    } catch (error) {
      logger.warn(
        `could not release the reservation for ${approval.data.proposalId} (the settler will): ${(error as Error).message}`,
      );
      throw cause;
    }
  }

  /** The schools, services and contracts a command names must be in the directory. */
  private async checkReferences(command: ComplaintCommand, state: ComplaintState): Promise<void> {
    const services = [
      command.type === 'LodgeComplaint' || command.type === 'ReferComplaint'
        ? command.serviceId
        : null,
      command.type === 'RerouteComplaint' ? command.toServiceId : null,
    ];
    for (const serviceId of services) {
      if (serviceId && !(await this.directory.service(serviceId))) {
        throw ruleBroken('UNKNOWN_SERVICE', `There is no service ${serviceId}`);
      }
    }
    if (command.type === 'LodgeComplaint') {
      if (!(await this.directory.school(command.schoolUrn))) {
        throw ruleBroken('UNKNOWN_SCHOOL', `There is no school with URN ${command.schoolUrn}`);
      }
      await this.checkRelated(command, command.schoolUrn, command.serviceId);
    }
    if (command.type === 'RerouteComplaint' && state.exists) {
      await this.checkRelated(command, state.schoolUrn, command.toServiceId);
    }
  }

  /**
   * The address a school's own staff give the council to write to is at the school (see
   * isAddressAtSchool). The acknowledgement and every letter after go there in the council's name,
   * with the complaint's words in them; an address anywhere would let whoever signs in for a school
   * send those to anyone. The council's officers name whom the school told them to.
   */
  private async checkSchoolsContact(
    decided: readonly ComplaintEvent[],
    state: ComplaintState,
  ): Promise<void> {
    for (const event of decided) {
      const named =
        event.type === 'ComplaintLodged'
          ? { urn: event.data.schoolUrn, contact: event.data.contact, by: event.data.by }
          : event.type === 'SchoolContactChanged' && state.exists
            ? { urn: state.schoolUrn, contact: event.data.contact, by: event.data.by }
            : null;
      const email = named?.contact.email;
      if (!named || !email || named.by.role !== 'school-staff') continue;
      const school = await this.directory.school(named.urn);
      if (school) requireContactAtSchool(school, email);
    }
  }

  /**
   * A case officer must be on the service's staff. Checked once the decider has let the caller
   * act, so nobody else learns who is in the directory.
   */
  private async checkOfficer(command: ComplaintCommand, state: ComplaintState): Promise<void> {
    if (command.type !== 'AssignCaseOfficer' || !state.exists) return;
    const officer = await this.directory.actor(command.officerId);
    if (!officer || !managesService(officer, state.serviceId)) {
      throw ruleBroken(
        'NOT_SERVICE_STAFF',
        `${command.officerId} is not on the staff of ${state.serviceId ?? 'the service'}`,
      );
    }
  }

  /** A contract or booking a command names must be the school's, with the service it names. */
  private async checkRelated(
    named: { relatedContractId: string | null; relatedBookingId: string | null },
    schoolUrn: string,
    serviceId: string | null,
  ): Promise<void> {
    const related = [
      { kind: 'contract' as const, id: named.relatedContractId },
      { kind: 'booking' as const, id: named.relatedBookingId },
    ];
    const services = new Set<string>();
    for (const { kind, id } of related) {
      if (!id) continue;
      const ledger = await this.directory.feeLedger(kind, id);
      const matches =
        ledger?.agreement.schoolUrn === schoolUrn &&
        (serviceId === null || ledger.agreement.serviceId === serviceId);
      if (!matches) {
        throw ruleBroken(
          'UNKNOWN_FEE_AGREEMENT',
          `There is no ${kind} ${id} for school ${schoolUrn}${serviceId ? ` with ${serviceId}` : ''}`,
        );
      }
      services.add(ledger.agreement.serviceId);
    }
    // A complaint is about one service: a contract of one and a booking of another could never
    // be referred to either.
    if (services.size > 1)
      throw ruleBroken(
        'AGREEMENTS_OF_DIFFERENT_SERVICES',
        `The contract and the booking named are with different services (${[...services].join(', ')}): name the one the complaint is about`,
      );
  }
}

/** Refusals that say the command lost a race to another writer, not that a rule refused it. */
const RACES_LOST = new Set(['APPROVAL_IN_PROGRESS']);

/**
 * A race lost to another writer, a refusal by the rules (a step the complaint's state does not
 * allow, though answered 409, is one), or something that broke.
 */
function outcomeOfFailure(error: unknown): CommandOutcome {
  if (error instanceof StaleVersion || error instanceof WrongExpectedVersion) return 'conflict';
  if (error instanceof DomainError) return RACES_LOST.has(error.code) ? 'conflict' : 'refused';
  return 'failed';
}

/** A lodge asks for the next reference by naming none. */
const needsReference = (command: ComplaintCommand): command is CommandOf<'LodgeComplaint'> =>
  command.type === 'LodgeComplaint' && command.reference === '';

/** The command as decided before it has a reference. */
const unnumbered = (command: ComplaintCommand): ComplaintCommand =>
  needsReference(command) ? { ...command, reference: NO_REFERENCE_YET } : command;

const holderOf = (prepared: readonly NewEvent[]) =>
  prepared.find((event) => event.type === 'ReimbursementApproved')!.id;

/** The command handler and what it needs, on one store, for a process without Nest (a bench). */
export function complaintCommandHandler(
  store: EventStore,
  calendar: WorkingDayCalendar,
): ExecuteComplaintCommandHandler {
  const complaints = new ComplaintRepository(store);
  const directory = new Directory(store);
  return new ExecuteComplaintCommandHandler(
    complaints,
    directory,
    new ReferenceAllocator(store),
    new ReservationSettler(store, complaints, directory),
    calendar,
  );
}

import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import {
  CLOCK,
  type Clock,
  type ComplaintCommandResult,
  ExecuteComplaintCommand,
  StaleVersion,
} from '@sg/complaint-service';
import {
  type ComplaintCommand,
  conflictOfInterest,
  DomainError,
  hasRole,
  isSchoolStaffOf,
  type OpenComplaint,
  type Role,
} from '@sg/complaints';
import { type EnvironmentVariables } from '@sg/config';
import { deterministicUuid, Directory } from '@sg/directory';
import { WrongExpectedVersion } from '@sg/event-store';
import { ReadModelProjector } from '@sg/read-models';
import { randomUUID } from 'node:crypto';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { type CommandRequest, correlationIdOf } from '../../complaints/command-request';
import { fieldRefused } from '../../http/field-refused';
import { requestHash } from '../../http/idempotency-store';
import {
  COMPLAINT_COMMAND_ROUTES,
  type ComplaintCommandBody,
  type ComplaintCommandRoute,
} from '../../complaints/complaint-command-routes';
import { checkForm, type FormMessages } from './page-form';
import { type PageError } from './page-renderer';
import { PageNotAllowed } from './page-not-allowed';
import { refusalAsPageError } from './refusal-wording';

/** The fields every complaint form carries besides the command's own. */
export interface PageCommandForm {
  /** The complaint's version the page showed: a change since refuses the action. */
  readonly version?: string;
  /** One per rendering of the form: a double submit records once. */
  readonly idempotencyKey?: string;
}

export type PageCommandOutcome =
  | { readonly ok: true; readonly result: ComplaintCommandResult }
  | {
      readonly ok: false;
      readonly errors: PageError[];
      /** The form was sent before with other fields: shown again, it is a new form to send. */
      readonly sentAlready?: boolean;
    };

export const VERSION = /^\d{1,18}$/;

/** A hidden version that is not one a page gives: a hand-made post, refused rather than taken unchecked. */
export const malformedVersion = () =>
  fieldRefused('version', 'version must be the version the page showed, a number');
const KEY = /^[\w-]{8,100}$/;

/** Whether a refusal says the form was sent before, with other fields, under the same key. */
export const sentAlready = (error: unknown) =>
  error instanceof DomainError && error.code === 'IDEMPOTENCY_KEY_REUSED';

export const STALE_PAGE_MESSAGE =
  'This complaint has changed since you opened the page, perhaps in another tab or by someone else. Check what has changed, then try again.';

/**
 * Sends a declared complaint command from a page: the declaration's roles first, then its body
 * checked by the API's DTO, then the command, exactly as the API does. A refusal the person can act
 * on (a rule, a stale page) comes back as a page error; anything else is thrown.
 */
@Injectable()
export class PageCommands {
  private readonly readWaitMs: number;

  constructor(
    private readonly commands: CommandBus,
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projector: ReadModelProjector,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.readWaitMs = config.get('READ_YOUR_WRITES_TIMEOUT_MS', { infer: true });
  }

  route(name: string): ComplaintCommandRoute {
    const route = COMPLAINT_COMMAND_ROUTES.find((declared) => declared.name === name);
    if (!route) throw new Error(`No complaint command is declared as ${name}`);
    return route;
  }

  /**
   * Whether the person holds a role the declaration allows: what the page offers them. On a
   * complaint, the school's part is offered only to staff of its school, not to staff of another
   * school who read it in a council role; the Board's actions are not offered to a member the
   * decider would refuse for a conflict of interest.
   */
  mayOffer(request: RequestWithIdentity, name: string, complaint?: OpenComplaint): boolean {
    const actor = request.actor;
    if (actor === undefined) return false;
    const roles = this.route(name).roles;
    const ofTheSchool = complaint !== undefined && isSchoolStaffOf(actor, complaint.schoolUrn);
    const counts = (role: Role) =>
      hasRole(actor, role) && (!complaint || role !== 'school-staff' || ofTheSchool);
    if (!roles.some(counts)) return false;
    const boardOnly = roles.every((role) => role === 'board-member');
    return !(boardOnly && complaint && conflictOfInterest(complaint, actor));
  }

  async send(
    request: RequestWithIdentity,
    name: string,
    complaintId: string,
    body: object,
    form: PageCommandForm,
    messages: FormMessages<object> = {},
  ): Promise<PageCommandOutcome> {
    const route = this.route(name);
    if (!this.mayOffer(request, name)) throw new PageNotAllowed();
    const checked = await checkForm(route.body, body, messages);
    if (!checked.ok) return checked;
    const commandRequest = this.commandRequest(request, form, checked.value);
    try {
      const command = await route.toCommand(checked.value, {
        request: commandRequest,
        idFor: (kind) => this.idFor(kind, commandRequest),
        directory: this.directory,
      });
      return { ok: true, result: await this.execute(complaintId, command, commandRequest) };
    } catch (error) {
      const refusal = this.refusal(error, Object.keys(checked.value));
      if (refusal) return { ok: false, errors: [refusal], sentAlready: sentAlready(error) };
      throw error;
    }
  }

  /** Runs a command built by the page and waits, briefly, for the read model to show it. */
  async execute(
    complaintId: string,
    body: ComplaintCommandBody,
    request: CommandRequest,
  ): Promise<ComplaintCommandResult> {
    const command = { ...body, actor: request.actor, at: this.now() } as ComplaintCommand;
    return this.shown(
      await this.commands.execute(new ExecuteComplaintCommand(complaintId, command, request)),
    );
  }

  /** Waits, briefly, until the read model the next page reads shows what the command recorded. */
  async shown(result: ComplaintCommandResult): Promise<ComplaintCommandResult> {
    if (result.position) await this.projector.caughtUp(result.position, this.readWaitMs);
    return result;
  }

  /**
   * Who sends the page's command, the version they saw and the form's key; `asked`, the form's
   * checked fields, is recorded beside the key, so a form sent again with other fields (Back, an
   * edit, Send) is refused rather than taken as the first one sent again.
   */
  commandRequest(
    request: RequestWithIdentity,
    form: PageCommandForm,
    asked?: object,
  ): CommandRequest {
    const actor = request.actor!;
    const version = typeof form.version === 'string' && VERSION.test(form.version);
    const key = typeof form.idempotencyKey === 'string' && KEY.test(form.idempotencyKey);
    // Left empty, they are not given (a form rendered without them); given wrong, the action
    // would be taken without the check they ask for: a hand-made post is refused instead.
    const given = (value: unknown) => value !== undefined && value !== '';
    if (given(form.version) && !version) throw malformedVersion();
    if (given(form.idempotencyKey) && !key)
      throw fieldRefused('idempotencyKey', 'idempotencyKey must be the key the page gave');
    return {
      actor,
      correlationId: correlationIdOf(request),
      ...(version ? { expectedRevision: BigInt(form.version), onlyPeopleMakeStale: true } : {}),
      ...(key ? { idSeed: `${actor.id}\u0000page\u0000${form.idempotencyKey}` } : {}),
      ...(key && asked ? { requestDigest: requestHash('POST', request.path, asked) } : {}),
    };
  }

  idFor(kind: string, request: CommandRequest): string {
    return request.idSeed ? deterministicUuid(kind, request.idSeed) : randomUUID();
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  /** What the person is told when the command is refused for a reason they can act on. */
  private refusal(error: unknown, fields: readonly string[]): PageError | null {
    if (error instanceof StaleVersion || error instanceof WrongExpectedVersion)
      return { text: STALE_PAGE_MESSAGE, href: '#main-content' };
    if (error instanceof DomainError && (error.kind === 'rule' || error.kind === 'conflict'))
      return refusalAsPageError(error, fields);
    // The person may act on the complaint, just not on this one for the Board: say why.
    if (error instanceof DomainError && error.code === 'CONFLICT_OF_INTEREST')
      return refusalAsPageError(error, fields);
    return null;
  }
}

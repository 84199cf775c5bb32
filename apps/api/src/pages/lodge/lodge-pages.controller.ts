import { Body, Get, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AttachmentIntake, readableSize, WHAT_MAY_BE_SENT } from '@sg/attachments';
import { Sessions } from '@sg/auth';
import { POLICY, requireContactAtSchool } from '@sg/complaint-service';
import {
  type Actor,
  type AttachmentRef,
  DomainError,
  INITIAL_STATE,
  notFound,
  type Policy,
  QUALITY_STANDARD_IDS,
  QUALITY_STANDARDS,
  type QualityStandard,
  requireAccess,
} from '@sg/complaints';
import { Directory, LLE_SERVICES, serviceNameOf } from '@sg/directory';
import { sentToPeopleAt } from '@sg/notifications';
import { ComplaintQueries, type FeeAgreementSummary } from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { LodgingRateLimit } from '../../auth/lodging-rate-limit.guard';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { readUploadedFiles } from '../../attachments/uploaded-files';
import { Id } from '../../complaints/complaint-id.param';
import { lodgeComplaint } from '../../complaints/complaint-lodging';
import { LodgeComplaintDto } from '../../complaints/dto/lodge-complaint.dto';
import { PageCommands } from '../core/page-commands';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import {
  checkForm,
  errorsByField,
  fieldId,
  type FormMessages,
  listField,
  optionalTextField,
  textField,
} from '../core/page-form';
import { type PageError, PageRenderer } from '../core/page-renderer';
import { refusalAsPageError } from '../core/refusal-wording';
import { uploadRefusal } from '../core/upload-refusal';
import { contactToStartWith } from './contact-to-start-with';
import { lodgeBodyOf } from './lodge-body';
import { answersDigest, draftFrom, type LodgeDraft, newDraft, SESSION_KEY } from './lodge-draft';
import {
  answered,
  isLodgeStep,
  LODGE_STEPS,
  type LodgeStep,
  STEP_FIELDS,
  stepPath,
} from './lodge-steps';
import { latestResolutionDate } from './resolve-by';

type Form = Record<string, unknown>;

/** The files page's form sends these beside the files: its token, a change, which button. */
const FILES_FORM_FIELDS = ['csrfToken', 'change', 'then'] as const;

const NOT_SURE = 'not-sure';
const NONE = 'none';

/** What each question's page says when its answer is missing or wrong. */
const MESSAGES: FormMessages<LodgeComplaintDto> = {
  summary: {
    empty: 'Enter a summary of what went wrong',
    invalid: 'Summary must be 200 characters or fewer',
  },
  details: {
    empty: 'Enter the details of what went wrong',
    invalid: 'Details must be 10,000 characters or fewer',
  },
  desiredOutcome: {
    empty: 'Enter what would put it right, or leave it blank',
    invalid: 'What would put it right must be 2,000 characters or fewer',
  },
  'contact.name': { empty: 'Enter your name', invalid: 'Name must be 200 characters or fewer' },
  'contact.role': {
    empty: 'Enter your role, or leave it blank',
    invalid: 'Role must be 200 characters or fewer',
  },
  'contact.email': {
    empty: 'Enter your email address',
    invalid: 'Enter an email address in the correct format, like name@school.sch.uk',
  },
  'contact.phone': {
    empty: 'Enter your telephone number',
    invalid: 'Enter a telephone number, like 01772 123456',
  },
};

/** The question pages' titles: each page asks one thing. */
const TITLES: Record<LodgeStep, string> = {
  school: 'Which school is the complaint from?',
  service: 'Which service is your complaint about?',
  contract: 'Which contract or booking is it about?',
  'what-went-wrong': 'What went wrong?',
  standards: 'Which service standards were not met?',
  'put-right': 'What would put it right?',
  files: 'Do you want to send any files with your complaint?',
  contact: 'Who should the service contact about it?',
};

const agreementValue = (agreement: LodgeDraft['agreement']) =>
  agreement === undefined
    ? undefined
    : agreement.kind === 'none'
      ? NONE
      : `${agreement.kind}:${agreement.id}`;

/** Sent from a check page whose answers another tab or window has changed since. */
const ANSWERS_CHANGED: PageError = {
  text: 'Your answers were changed in another tab or window after this page was shown. Check them again, then send your complaint',
  href: '#send',
};

/**
 * Lodging a complaint as a school's staff, one question a page, the answers kept with the session
 * until "Check your answers" sends them: the API's body, checked by the API's DTO, lodged by the
 * same command. What each page lists is the school's own (its contracts and bookings) and the
 * catalogue's (services, standards).
 */
@PageController('complaints')
export class LodgePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: PageCommands,
    private readonly bus: CommandBus,
    private readonly sessions: Sessions,
    private readonly queries: ComplaintQueries,
    private readonly directory: Directory,
    private readonly intake: AttachmentIntake,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
  ) {}

  @Get('new/check')
  @RolesAllowed('school-staff')
  async checkPage(@Req() request: RequestWithIdentity, @Res() response: Response) {
    const draft = this.openDraftOf(request);
    const missing = this.firstUnanswered(request, draft);
    if (missing) return response.redirect(303, stepPath(missing));
    await this.renderCheck(request, response, draft, []);
  }

  @Post('new/check')
  @RolesAllowed('school-staff')
  @UseGuards(LodgingRateLimit)
  async send(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    checkCsrf(request, form.csrfToken);
    const draft = this.draftOf(request);
    // A second press of "Send" after the first lodged it finds the complaint it lodged.
    if (draft.lodgedId) return response.redirect(303, `/complaints/${draft.lodgedId}/received`);
    const missing = this.firstUnanswered(request, draft);
    if (missing) return response.redirect(303, stepPath(missing));
    if (textField(form, 'answers') !== answersDigest(draft))
      return this.renderCheck(request, response, draft, [ANSWERS_CHANGED], 409);
    const checked = await checkForm(
      LodgeComplaintDto,
      lodgeBodyOf(draft, this.schoolOf(request.actor!, draft)),
      MESSAGES,
    );
    if (!checked.ok)
      return this.renderCheck(request, response, draft, this.onStepPages(checked.errors), 400);
    const body = checked.value;
    const commandRequest = this.commands.commandRequest(request, { idempotencyKey: draft.key });
    let complaintId: string;
    try {
      const lodged = await lodgeComplaint(this.bus, {
        body,
        request: commandRequest,
        at: this.commands.now(),
        policy: this.policy,
        attachments: draft.attachments ?? [],
      });
      await this.commands.shown(lodged.result);
      complaintId = lodged.complaintId;
    } catch (error) {
      if (!(error instanceof DomainError) || (error.kind !== 'rule' && error.kind !== 'conflict'))
        throw error;
      return this.renderCheck(
        request,
        response,
        draft,
        this.onStepPages([refusalAsPageError(error, Object.values(STEP_FIELDS).flat())]),
        400,
      );
    }
    await this.keep(request, { key: draft.key, lodgedId: complaintId });
    this.pages.redirect(response, `/complaints/${complaintId}/received`);
  }

  @Get(':id/received')
  @RolesAllowed('school-staff')
  async received(@Id() id: string, @Req() request: RequestWithIdentity, @Res() response: Response) {
    const found = await this.queries.complaint(id);
    const complaint = requireAccess(request.actor!, found?.state ?? INITIAL_STATE);
    const triage = complaint.clocks.triage;
    const acknowledgedAt = sentToPeopleAt(this.calendar, complaint.loggedAt);
    this.pages.render(request, response, 'lodge/received.njk', {
      pageTitle: 'Complaint received',
      complaint,
      triageDueDate: triage?.status === 'running' ? triage.timing.dueDate : null,
      resolveBy: latestResolutionDate(this.calendar, complaint),
      resolutionDays: complaint.policy.resolutionTargetWorkingDays,
      // Mail to people waits for the working day: a complaint sent at night is told when its
      // copy will come, rather than left to wonder whether it arrived.
      acknowledgement: complaint.contact.email
        ? {
            to: complaint.contact.email,
            at: acknowledgedAt.toISOString(),
            sent: acknowledgedAt <= new Date(this.commands.now()),
          }
        : null,
    });
  }

  @Get('new/:step')
  @RolesAllowed('school-staff')
  async question(
    @Param('step') step: string,
    @Query('change') change: unknown,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    if (!isLodgeStep(step)) throw notFound('PAGE_NOT_FOUND', 'There is no such page');
    const draft = this.openDraftOf(request);
    if (!this.applies(request, draft, step))
      return response.redirect(303, stepPath(this.next(request, draft, step) ?? 'check'));
    const values = this.valuesOf(draft);
    // Who complains is most often who is signed in: their name and address to start with.
    if (step === 'contact' && draft.contact === undefined) {
      const person = await this.directory.person(request.actor!.id);
      if (person) Object.assign(values, contactToStartWith(person));
    }
    await this.renderQuestion(request, response, step, draft, values, [], {
      changing: change === 'yes',
    });
  }

  /**
   * The files page's form: multipart, so the handler reads it (the edge parses no multipart body
   * outside /api) and checks its token once read. Not posted to the page's own path, which the
   * files of a lodged complaint (`:id/files`) would take. "Add files" takes in what was chosen and
   * comes back to list it; "Continue" takes in anything chosen and goes on, so choosing nothing
   * skips the question.
   */
  @Post('new/files/upload')
  @RolesAllowed('school-staff')
  async addFiles(@Req() request: RequestWithIdentity, @Res() response: Response) {
    const draft = this.openDraftOf(request);
    const outcome = await this.filesAdded(request, response, draft);
    if ('errors' in outcome) {
      // What passed with the refused is kept, and the page lists it with the draft's files.
      if (outcome.draft) await this.keep(request, outcome.draft);
      return this.renderQuestion(
        request,
        response,
        'files',
        outcome.draft ?? draft,
        {},
        outcome.errors,
        { changing: outcome.changing, status: 400 },
      );
    }
    await this.keep(request, outcome.draft);
    if (!outcome.again)
      return this.goOn(request, response, outcome.draft, 'files', outcome.changing);
    const added = outcome.added.map((file) => file.name);
    this.pages.redirect(
      response,
      `${stepPath('files')}${outcome.changing ? '?change=yes' : ''}`,
      added.length === 0
        ? 'Those files were already added'
        : added.length === 1
          ? `${added[0]} added`
          : `${added.length} files added`,
    );
  }

  /** Takes a file off the draft (its bytes stay in the store, which keeps bytes by their hash). */
  @Post('new/files/remove')
  @RolesAllowed('school-staff')
  async removeFile(
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const draft = this.openDraftOf(request);
    const held = draft.attachments ?? [];
    const removed = held.find((file) => file.attachmentId === textField(form, 'attachmentId'));
    if (removed)
      await this.keep(request, {
        ...draft,
        attachments: held.filter((file) => file !== removed),
      });
    const back =
      textField(form, 'from') === 'check'
        ? stepPath('check')
        : `${stepPath('files')}${textField(form, 'change') === 'yes' ? '?change=yes' : ''}`;
    this.pages.redirect(response, back, removed ? `${removed.name} removed` : undefined);
  }

  @Post('new/:step')
  @RolesAllowed('school-staff')
  async answer(
    @Param('step') step: string,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    if (!isLodgeStep(step)) throw notFound('PAGE_NOT_FOUND', 'There is no such page');
    const changing = textField(form, 'change') === 'yes';
    const draft = this.openDraftOf(request);
    const outcome = await this.answerOf(request, draft, step, form);
    if ('errors' in outcome)
      return this.renderQuestion(request, response, step, draft, form, outcome.errors, {
        changing,
        status: 400,
      });
    await this.keep(request, outcome.draft);
    this.goOn(request, response, outcome.draft, step, changing);
  }

  /**
   * After an answer: after a change, on to whatever the change left unanswered (another
   * service's contracts), else straight back to the answers; otherwise to the next question.
   */
  private goOn(
    request: RequestWithIdentity,
    response: Response,
    draft: LodgeDraft,
    step: LodgeStep,
    changing: boolean,
  ) {
    const next = changing ? this.firstUnanswered(request, draft) : this.next(request, draft, step);
    response.redirect(
      303,
      next ? `${stepPath(next)}${changing ? '?change=yes' : ''}` : stepPath('check'),
    );
  }

  /**
   * The draft with the files chosen taken in by the same intake as the API's upload (checked,
   * stored by hash, refused by name), or what to tell the person. Nothing is taken in before the
   * form's token is checked; a file already on the draft (same bytes, same name) is not listed twice.
   */
  private async filesAdded(
    request: RequestWithIdentity,
    response: Response,
    draft: LodgeDraft,
  ): Promise<
    | { draft: LodgeDraft; added: AttachmentRef[]; again: boolean; changing: boolean }
    | { errors: PageError[]; changing: boolean; draft?: LodgeDraft }
  > {
    let changing = false;
    try {
      const files = await readUploadedFiles(
        request,
        response,
        this.intake.limits,
        FILES_FORM_FIELDS.length,
      );
      const form = (request.body ?? {}) as Form;
      checkCsrf(request, form.csrfToken);
      changing = textField(form, 'change') === 'yes';
      const again = textField(form, 'then') === 'add';
      const held = draft.attachments ?? [];
      if (files.length === 0 && !again)
        return { draft: { ...draft, attachments: held }, added: [], again, changing };
      // The complaint's files are lodged together, so together they keep to one upload's limit.
      if (held.length + files.length > this.intake.limits.maxFiles)
        return {
          errors: [
            {
              text: `You can send up to ${this.intake.limits.maxFiles} files with a complaint. Remove a file to add another`,
              href: '#files',
            },
          ],
          changing,
        };
      const outcome = await this.intake.acceptEach(files);
      const added = outcome.accepted.filter(
        (file) => !held.some((other) => other.sha256 === file.sha256 && other.name === file.name),
      );
      const withAdded = { ...draft, attachments: [...held, ...added] };
      if (outcome.refused.length > 0)
        return {
          errors: outcome.refused.map((refused) => ({ text: refused.message, href: '#files' })),
          changing,
          ...(added.length > 0 ? { draft: withAdded } : {}),
        };
      return { draft: withAdded, added, again, changing };
    } catch (error) {
      const refusal = uploadRefusal(error);
      if (!refusal) throw error;
      return { errors: [refusal], changing };
    }
  }

  /** The draft with the page's answer in it, or what is wrong with the answer. */
  private async answerOf(
    request: RequestWithIdentity,
    draft: LodgeDraft,
    step: LodgeStep,
    form: Form,
  ): Promise<{ draft: LodgeDraft } | { errors: PageError[] }> {
    const actor = request.actor!;
    switch (step) {
      case 'school': {
        const urn = textField(form, 'schoolUrn');
        if (!this.urnsOf(actor).includes(urn))
          return {
            errors: [{ text: 'Select which school the complaint is from', href: '#schoolUrn' }],
          };
        return {
          draft:
            urn === draft.schoolUrn ? draft : { ...draft, schoolUrn: urn, agreement: undefined },
        };
      }
      case 'service': {
        const chosen = textField(form, 'serviceId');
        const serviceId = chosen === NOT_SURE ? null : chosen;
        if (serviceId !== null && !LLE_SERVICES.some((service) => service.serviceId === serviceId))
          return {
            errors: [{ text: 'Select which service your complaint is about', href: '#serviceId' }],
          };
        return {
          draft:
            serviceId === draft.serviceId ? draft : { ...draft, serviceId, agreement: undefined },
        };
      }
      case 'contract': {
        const chosen = textField(form, 'agreement');
        if (chosen === NONE) return { draft: { ...draft, agreement: { kind: NONE } } };
        const listed = this.agreementsOf(actor, draft).find(
          (agreement) => `${agreement.kind}:${agreement.id}` === chosen,
        );
        if (!listed)
          return {
            errors: [
              {
                text: 'Select the contract or booking, or “None of these or not sure”',
                href: '#agreement',
              },
            ],
          };
        return { draft: { ...draft, agreement: { kind: listed.kind, id: listed.id } } };
      }
      case 'what-went-wrong':
        return this.checked(actor, step, {
          ...draft,
          summary: textField(form, 'summary').trim(),
          details: textField(form, 'details').trim(),
        });
      case 'standards':
        return this.checked(actor, step, {
          ...draft,
          standards: QUALITY_STANDARD_IDS.filter((id) => listField(form, 'standards').includes(id)),
        });
      case 'put-right':
        return this.checked(actor, step, {
          ...draft,
          desiredOutcome: optionalTextField(form, 'desiredOutcome') ?? null,
        });
      // The files page posts its multipart form to its own route (addFiles); passing adds nothing.
      case 'files':
        return { draft: { ...draft, attachments: draft.attachments ?? [] } };
      case 'contact': {
        const contact = {
          name: textField(form, 'contact-name').trim(),
          role: optionalTextField(form, 'contact-role'),
          email: optionalTextField(form, 'contact-email'),
          phone: optionalTextField(form, 'contact-phone'),
        };
        const checked = await this.checked(actor, step, {
          ...draft,
          contact: Object.fromEntries(
            Object.entries(contact).filter(([, value]) => value !== undefined),
          ),
        });
        return 'draft' in checked && contact.email
          ? this.withContactAtSchool(actor, checked.draft, contact.email)
          : checked;
      }
    }
  }

  /**
   * The draft, if the address is one the council holds for the school: asked here, where it is
   * typed, rather than only when the complaint is sent.
   */
  private async withContactAtSchool(
    actor: Actor,
    draft: LodgeDraft,
    email: string,
  ): Promise<{ draft: LodgeDraft } | { errors: PageError[] }> {
    const urn = this.schoolOf(actor, draft);
    const school = urn ? await this.directory.school(urn) : null;
    try {
      if (school) requireContactAtSchool(school, email);
      return { draft };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { errors: [refusalAsPageError(error, STEP_FIELDS.contact)] };
    }
  }

  /** The draft, if the API's DTO finds nothing wrong with this page's fields. */
  private async checked(
    actor: Actor,
    step: LodgeStep,
    draft: LodgeDraft,
  ): Promise<{ draft: LodgeDraft } | { errors: PageError[] }> {
    const result = await checkForm(
      LodgeComplaintDto,
      lodgeBodyOf(draft, this.schoolOf(actor, draft)),
      MESSAGES,
    );
    const ours = new Set(STEP_FIELDS[step].map((field) => `#${fieldId(field)}`));
    const errors = result.ok ? [] : result.errors.filter((error) => ours.has(error.href));
    // The contact as a whole is refused only when its name is missing: say so on the name.
    const worded = errors.map((error) =>
      error.href === '#contact' ? { text: 'Enter your name', href: '#contact-name' } : error,
    );
    return worded.length > 0 ? { errors: worded } : { draft };
  }

  /** Errors found at the end, each linked to the question page that asks for its field. */
  private onStepPages(errors: readonly PageError[]): PageError[] {
    return errors.map((error) => {
      const step = LODGE_STEPS.find((candidate) =>
        STEP_FIELDS[candidate].some((field) => `#${fieldId(field)}` === error.href),
      );
      return step ? { text: error.text, href: `${stepPath(step)}?change=yes${error.href}` } : error;
    });
  }

  private async renderQuestion(
    request: RequestWithIdentity,
    response: Response,
    step: LodgeStep,
    draft: LodgeDraft,
    values: Form,
    errors: PageError[],
    options: { changing: boolean; status?: number },
  ) {
    const previous = this.previous(request, draft, step);
    this.pages.render(
      request,
      response,
      `lodge/${step}.njk`,
      {
        pageTitle: TITLES[step],
        backLink: options.changing
          ? { href: stepPath('check'), text: 'Back to check your answers' }
          : { href: previous ? stepPath(previous) : '/complaints' },
        step,
        action: stepPath(step),
        changing: options.changing,
        values,
        errorList: errors,
        fieldErrors: errorsByField(errors),
        ...(await this.lookupsFor(request, draft, step)),
      },
      options.status ?? 200,
    );
  }

  /** What a question lists: the person's schools, the services, the school's contracts, the standards. */
  private async lookupsFor(request: RequestWithIdentity, draft: LodgeDraft, step: LodgeStep) {
    const actor = request.actor!;
    switch (step) {
      case 'school':
        return {
          schools: await Promise.all(
            this.urnsOf(actor).map(async (urn) => ({
              urn,
              name: (await this.directory.school(urn))?.name ?? urn,
            })),
          ),
        };
      case 'service':
        return { services: LLE_SERVICES, notSure: NOT_SURE };
      case 'contract': {
        // Not sure of the service, the school sees all its agreements, each with its service.
        return {
          agreements: this.agreementsOf(actor, draft).map((agreement) => ({
            ...agreement,
            serviceName: serviceNameOf(agreement.serviceId),
          })),
          // Not `none`: Nunjucks reads that name as its null.
          noAgreement: NONE,
          serviceChosen: draft.serviceId ? serviceNameOf(draft.serviceId) : null,
        };
      }
      case 'standards':
        return {
          standards: QUALITY_STANDARD_IDS.map((id) => ({ id, text: QUALITY_STANDARDS[id] })),
        };
      case 'files':
        return {
          files: filesShown(draft),
          maxFiles: this.intake.limits.maxFiles,
          maxSize: readableSize(this.intake.limits.maxBytes, 'down'),
          allowed: WHAT_MAY_BE_SENT,
        };
      default:
        return {};
    }
  }

  private async renderCheck(
    request: RequestWithIdentity,
    response: Response,
    draft: LodgeDraft,
    errors: PageError[],
    status = 200,
  ) {
    const actor = request.actor!;
    const urn = this.schoolOf(actor, draft);
    const school = urn ? await this.directory.school(urn) : null;
    const agreements = this.agreementsOf(actor, draft);
    const agreement = draft.agreement;
    this.pages.render(
      request,
      response,
      'lodge/check.njk',
      {
        pageTitle: 'Check your answers before sending your complaint',
        answers: answersDigest(draft),
        backLink: { href: stepPath('contact') },
        draft,
        askedForSchool: this.urnsOf(actor).length > 1,
        schoolName: school?.name ?? urn,
        serviceName: LLE_SERVICES.find((service) => service.serviceId === draft.serviceId)?.name,
        askedForAgreement: agreements.length > 0,
        agreement:
          agreement && agreement.kind !== NONE
            ? agreements.find(
                (listed) => listed.kind === agreement.kind && listed.id === agreement.id,
              )
            : null,
        standards: (draft.standards ?? []).map((id: QualityStandard) => QUALITY_STANDARDS[id]),
        files: filesShown(draft),
        errorList: errors,
      },
      status,
    );
  }

  private valuesOf(draft: LodgeDraft): Form {
    return {
      schoolUrn: draft.schoolUrn,
      serviceId: draft.serviceId === null ? NOT_SURE : draft.serviceId,
      agreement: agreementValue(draft.agreement),
      summary: draft.summary,
      details: draft.details,
      standards: draft.standards,
      desiredOutcome: draft.desiredOutcome ?? undefined,
      'contact-name': draft.contact?.name,
      'contact-role': draft.contact?.role,
      'contact-email': draft.contact?.email,
      'contact-phone': draft.contact?.phone,
    };
  }

  /** The draft the session holds, lodged or not. */
  private draftOf(request: RequestWithIdentity): LodgeDraft {
    return draftFrom(request.session?.data[SESSION_KEY]) ?? newDraft();
  }

  /** The draft under way; once one has been lodged, the next complaint starts afresh. */
  private openDraftOf(request: RequestWithIdentity): LodgeDraft {
    const draft = this.draftOf(request);
    return draft.lodgedId ? newDraft() : draft;
  }

  private async keep(request: RequestWithIdentity, draft: LodgeDraft) {
    request.session = await this.sessions.remember(request.session!, {
      [SESSION_KEY]: JSON.stringify(draft),
    });
  }

  private urnsOf(actor: Actor): string[] {
    return actor.roles.flatMap((grant) => (grant.role === 'school-staff' ? [grant.schoolUrn] : []));
  }

  /** The school the complaint is from: the one chosen, or the person's only school. */
  private schoolOf(actor: Actor, draft: LodgeDraft): string | undefined {
    const urns = this.urnsOf(actor);
    if (urns.length === 1) return urns[0];
    return draft.schoolUrn && urns.includes(draft.schoolUrn) ? draft.schoolUrn : undefined;
  }

  /** The school's own contracts and bookings, of the service chosen if it is known. */
  private agreementsOf(actor: Actor, draft: LodgeDraft): FeeAgreementSummary[] {
    const urn = this.schoolOf(actor, draft);
    if (!urn) return [];
    return this.queries.feeAgreements.ofSchool(
      urn,
      { all: true },
      draft.serviceId ? { serviceId: draft.serviceId } : {},
      { limit: 50 },
    ).items;
  }

  private applies(request: RequestWithIdentity, draft: LodgeDraft, step: LodgeStep) {
    if (step === 'school') return this.urnsOf(request.actor!).length > 1;
    if (step === 'contract') return this.agreementsOf(request.actor!, draft).length > 0;
    return true;
  }

  private next(request: RequestWithIdentity, draft: LodgeDraft, after: LodgeStep) {
    for (const step of LODGE_STEPS.slice(LODGE_STEPS.indexOf(after) + 1))
      if (this.applies(request, draft, step)) return step;
    return null;
  }

  private previous(request: RequestWithIdentity, draft: LodgeDraft, before: LodgeStep) {
    for (const step of LODGE_STEPS.slice(0, LODGE_STEPS.indexOf(before)).reverse())
      if (this.applies(request, draft, step)) return step;
    return null;
  }

  private firstUnanswered(request: RequestWithIdentity, draft: LodgeDraft) {
    for (const step of LODGE_STEPS)
      if (this.applies(request, draft, step) && !answered(draft, step)) return step;
    return null;
  }
}

/** The draft's files as the pages list them: name, and size as a person reads it. */
const filesShown = (draft: LodgeDraft) =>
  (draft.attachments ?? []).map((file) => ({
    attachmentId: file.attachmentId,
    name: file.name,
    size: readableSize(file.sizeBytes),
  }));

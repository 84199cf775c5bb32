import { Body, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CLOCK, type Clock, POLICY } from '@sg/complaint-service';
import { clockTimingFrom, complaintStream, notFound, type Policy } from '@sg/complaints';
import { type EnvironmentVariables } from '@sg/config';
import { Directory } from '@sg/directory';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@sg/event-store';
import { type InboundMailState, type MailActedBy, MailIntake, receivedAtOf } from '@sg/mail';
import { ComplaintQueries, InboundMailQueries, ReadModelProjector } from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import {
  checkForm,
  errorsByField,
  type FormCheck,
  optionalTextField,
  textField,
} from '../core/page-form';
import { type PageError, PageRenderer } from '../core/page-renderer';
import { MailId } from './mail-id.param';
import {
  COMPLAINT_MESSAGES,
  MailComplaintDto,
  MailSchoolDto,
  MailSetAsideDto,
  SCHOOL_MESSAGES,
  SET_ASIDE_MESSAGES,
} from './mail-matching-forms';
import { matchingRefusal } from './mail-matching-refusal';
import { lastMatch, mailMessageView, waitingWords } from './mail-message-view';
import { SchoolChoices } from '../core/school-choices';
import { schoolNamed, type SchoolNamed } from '../core/school-named';
import { whyItWaits, whySetAside } from './why-it-waits';

type Form = Record<string, unknown>;

/** The fields of the three forms, as a page shown again keeps what was typed into them. */
const FIELDS = ['schoolUrn', 'contactName', 'contactEmail', 'reference', 'reason'] as const;

/**
 * Business Support's matching queue: the emails the intake could not file by itself, each shown
 * as plain text with what proved its sender, and the three things a person can do with one. What
 * becomes of an email is the intake's decision; the pages only say it in words.
 */
@PageController('mail')
@RolesAllowed('business-support')
export class MailMatchingPagesController {
  private readonly schools: SchoolChoices;
  private readonly readWaitMs: number;

  constructor(
    private readonly pages: PageRenderer,
    private readonly intake: MailIntake,
    private readonly mail: InboundMailQueries,
    private readonly complaints: ComplaintQueries,
    private readonly projector: ReadModelProjector,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly directory: Directory,
    private readonly calendar: WorkingDayCalendar,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(CLOCK) private readonly clock: Clock,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.schools = new SchoolChoices(directory);
    this.readWaitMs = config.get('READ_YOUR_WRITES_TIMEOUT_MS', { infer: true });
  }

  @Get()
  async queue(@Req() request: RequestWithIdentity, @Res() response: Response) {
    const now = this.clock.now();
    const waiting = await Promise.all(
      this.mail.awaitingMatch().map(async (row) => ({
        ...row,
        // One that names no complaint is most likely a new one, counted from when it came.
        triage: row.complaintId
          ? null
          : this.complaints.clockAt(
              'triage',
              // Counted as the lodge will count it: one waiting past the oldest date a complaint
              // may be dated back to counts from when it is filed.
              clockTimingFrom(
                this.calendar,
                this.policy,
                'triage',
                receivedAtOf(row.receivedAt, now.toISOString()),
              ),
              now,
            ),
        // Only the complaint's refusal is not in the row: read from the email's own stream.
        why:
          row.reason === 'refused-by-complaint'
            ? waitingWords((await this.intake.load(row.mailId)).history)
            : whyItWaits(row.reason),
      })),
    );
    const setAside = this.mail
      .setAside()
      .map((row) => ({ ...row, why: whySetAside(row.status, row.reason) }));
    this.pages.render(request, response, 'mail/queue.njk', {
      pageTitle: 'Emails to match',
      columnClasses: 'govuk-grid-column-full',
      waiting,
      setAside,
    });
  }

  @Get(':mailId')
  async message(
    @MailId() mailId: string,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    await this.show(request, response, mailId, {}, []);
  }

  @Post(':mailId/lodging')
  async lodge(
    @MailId() mailId: string,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const school = await schoolNamed(
      textField(form, 'schoolUrn'),
      this.schools,
      'schoolUrn',
      textField(form, 'schoolChoice'),
    );
    const contactName = optionalTextField(form, 'contactName');
    const contactEmail = optionalTextField(form, 'contactEmail');
    const checked = await checkForm(
      MailSchoolDto,
      {
        schoolUrn: school.urn,
        // An address alone names nobody: the name is then what is missing.
        ...(contactName !== undefined || contactEmail !== undefined
          ? { contactName: contactName ?? '' }
          : {}),
        ...(contactEmail !== undefined ? { contactEmail } : {}),
      },
      SCHOOL_MESSAGES,
    );
    if (school.error) {
      const others = checked.ok
        ? []
        : checked.errors.filter((error) => error.href !== '#schoolUrn');
      return this.show(request, response, mailId, form, [school.error, ...others], 400, school);
    }
    // Shown again (another field wrong), the school found stands as its URN, chosen or typed.
    const shown = school.urn ? { ...form, schoolUrn: school.urn } : form;
    await this.act(request, response, mailId, shown, checked, 'schoolUrn', (value) =>
      this.intake.match(
        mailId,
        value.schoolUrn,
        this.by(request),
        value.contactName ? { name: value.contactName, email: value.contactEmail ?? null } : null,
      ),
    );
  }

  @Post(':mailId/filing')
  async file(
    @MailId() mailId: string,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const checked = await checkForm(
      MailComplaintDto,
      { reference: textField(form, 'reference').trim() },
      COMPLAINT_MESSAGES,
    );
    await this.act(request, response, mailId, form, checked, 'reference', (value) =>
      this.intake.attachTo(mailId, value.reference, this.by(request)),
    );
  }

  @Post(':mailId/setting-aside')
  async setAside(
    @MailId() mailId: string,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const checked = await checkForm(
      MailSetAsideDto,
      { reason: textField(form, 'reason').trim() },
      SET_ASIDE_MESSAGES,
    );
    await this.act(request, response, mailId, form, checked, 'reason', (value) =>
      this.intake.discard(mailId, value.reason, this.by(request)),
    );
  }

  /** Back in the queue, and back to its page to be matched: set aside by mistake, or a person's. */
  @Post(':mailId/putting-back')
  async putBack(
    @MailId() mailId: string,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    try {
      await this.intake.putBack(mailId, this.by(request));
    } catch (error) {
      const refusal = matchingRefusal(error, 'mail-status');
      if (!refusal) throw error;
      return this.show(request, response, mailId, {}, [refusal], 409);
    }
    const { state, history } = await this.intake.load(mailId);
    await this.shown(state, history);
    this.pages.redirect(response, `/mail/${mailId}`, 'The email is back in the queue');
  }

  private by(request: RequestWithIdentity): MailActedBy {
    return { id: request.actor!.id, role: 'business-support' };
  }

  /**
   * Does what a checked form asks, then goes where the email went: to its complaint's page when
   * it was filed on one, else back to the queue. A refusal the person can put right shows the
   * email's page again, with the refusal beside `field`.
   */
  private async act<Dto>(
    request: RequestWithIdentity,
    response: Response,
    mailId: string,
    form: Form,
    checked: FormCheck<Dto>,
    field: string,
    action: (value: Dto) => Promise<unknown>,
  ): Promise<void> {
    if (!checked.ok) return this.show(request, response, mailId, form, checked.errors, 400);
    try {
      await action(checked.value);
    } catch (error) {
      const refusal = matchingRefusal(error, field);
      if (!refusal) throw error;
      return this.show(request, response, mailId, form, [refusal], 400);
    }
    const { state, history } = await this.intake.load(mailId);
    await this.shown(state, history);
    if (state.status !== 'filed' || !state.complaintId) {
      const done = state.status === 'discarded' ? 'The email was set aside' : 'Email updated';
      return this.pages.redirect(response, '/mail', done);
    }
    const reference =
      (await this.complaints.complaint(state.complaintId))?.state.reference ?? 'the complaint';
    const lodged = history.some(
      (event) =>
        event.type === 'InboundMailFiled' && (event.data as { as: string }).as === 'lodged',
    );
    this.pages.redirect(
      response,
      `/complaints/${state.complaintId}`,
      lodged
        ? `The email was lodged as complaint ${reference}`
        : `The email was added to complaint ${reference}`,
    );
  }

  /** Waits, briefly, until the queue and the complaint's page show what the action recorded. */
  private async shown(state: InboundMailState, history: readonly RecordedEvent[]): Promise<void> {
    const last = history[history.length - 1];
    if (last) await this.projector.inboundMailCaughtUp(last.position, this.readWaitMs);
    if (!state.complaintId) return;
    for await (const event of this.events.readStream(complaintStream(state.complaintId), {
      direction: 'backwards',
      maxCount: 1,
    }))
      await this.projector.caughtUp(event.position, this.readWaitMs);
  }

  private async show(
    request: RequestWithIdentity,
    response: Response,
    mailId: string,
    form: Form,
    errors: readonly PageError[],
    status = 200,
    school: Pick<SchoolNamed, 'candidates'> = { candidates: [] },
  ): Promise<void> {
    const { state, history } = await this.intake.load(mailId);
    const received = state.received;
    if (!received) throw notFound('MAIL_NOT_FOUND', 'There is no such email');
    const complaint = state.complaintId ? await this.complaints.complaint(state.complaintId) : null;
    const reference = complaint?.state.reference ?? null;
    const email = mailMessageView(received, state, history, reference);
    const values: Record<string, string> = Object.fromEntries(
      FIELDS.map((name) => [name, textField(form, name)]),
    );
    // A waiting email that names a complaint is most likely to belong on that one.
    if (!('reference' in form) && email.standing.awaiting && reference)
      values.reference = reference;
    // The schools the sender's address is registered to, though it waits (its domain did not
    // vouch for it, say): most likely its school, and the only ones its email can go to.
    const registeredTo =
      email.standing.awaiting && received.from?.email
        ? await this.directory.schoolsReachedAt(received.from.email)
        : [];
    if (!('schoolUrn' in form) && registeredTo.length === 1) values.schoolUrn = registeredTo[0].urn;
    const senderSchools = registeredTo.map((school) => `${school.name} (${school.urn})`);
    // Who vouched for the sender, where the intake could not: the complaint's trace of it.
    const match = !email.standing.awaiting ? lastMatch(history) : null;
    const matched = match && {
      school: (await this.directory.school(match.schoolUrn))?.name ?? match.schoolUrn,
      by: (await this.directory.actor(match.by.id))?.name ?? 'someone no longer in the directory',
      at: match.at,
    };
    this.pages.render(
      request,
      response,
      'mail/message.njk',
      {
        pageTitle: received.subject || 'Email with no subject',
        backLink: { href: '/mail', text: 'Back to emails to match' },
        email,
        namedComplaint:
          email.standing.awaiting && complaint
            ? { id: state.complaintId, reference: complaint.state.reference }
            : null,
        filedOn:
          !email.standing.awaiting && complaint
            ? { id: state.complaintId, reference: complaint.state.reference }
            : null,
        senderSchools,
        matched,
        schoolCandidates: school.candidates,
        values,
        errorList: errors,
        fieldErrors: errorsByField(errors),
      },
      status,
    );
  }
}

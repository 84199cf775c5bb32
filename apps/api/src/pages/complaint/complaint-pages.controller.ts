import { Body, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CLOCK, type Clock } from '@sg/complaint-service';
import { type RecordedEvent } from '@sg/event-store';
import {
  type Actor,
  asksSchoolConsent,
  conflictOfInterest,
  hasRole,
  lapsedQuestion,
  QUALITY_STANDARDS,
  COMPLAINT_ROLES,
  INITIAL_STATE,
  membersBehind,
  notFound,
  type OpenComplaint,
  eventsFor,
  readsAsCouncil,
  readsCouncilNotes,
  requireAccess,
  stillCounting,
  boardShortfall,
  WAITING_FOR_THE_BOARD,
} from '@sg/complaints';
import { actorOf, Directory } from '@sg/directory';
import { TO_THE_SCHOOL } from '@sg/notifications';
import {
  ComplaintQueries,
  InboundMailQueries,
  timelineOf,
  type TimelineLine,
} from '@sg/read-models';
import { londonDate } from '@sg/web';
import { WorkingDayCalendar } from '@sg/working-days';
import { type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { Id } from '../../complaints/complaint-id.param';
import { asTheSchoolReadsIt, basisOf, versionFor } from '../../complaints/complaint-view';
import { PageCommands } from '../core/page-commands';
import { DirectoryNames } from '../core/directory-names';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { errorsByField, textField } from '../core/page-form';
import { type PageError, PageRenderer } from '../core/page-renderer';
import { PAGE_ACTIONS } from './actions';
import { boardForTheSchool } from './board-for-the-school';
import { closedAs, membersOf, type TimelineEntry, timelineEntries } from './timeline-entries';
import { whatHappensNextForTheSchool } from './what-happens-next';
import {
  boardRationale,
  filesNotKept,
  lastQuestion,
  lastResolution,
  lodgedDetails,
  reimbursementWords,
} from './lodged-details';
import { offeredAtThisStage, type PageAction } from './page-action';
import { standingServiceDeadline } from './standing-service-deadline';

type Form = Record<string, unknown>;

/** The form fields people write in (a reason, a message, a note), as the action pages name them. */
const WRITTEN_FIELDS = [
  'text',
  'reason',
  'note',
  'question',
  'resolution',
  'rationale',
  'summary',
  'overrideReason',
];

/** What someone wrote in a form that could not be sent, to give back for them to copy. */
const writtenIn = (form: Form): string[] =>
  WRITTEN_FIELDS.flatMap((field) => {
    const value = form[field];
    return typeof value === 'string' && value.trim() !== '' ? [value.trim()] : [];
  });

/** An action in the words of whoever reads it: the school's own where it has them. */
const wordedFor = (action: PageAction, council: boolean): PageAction =>
  !council && action.forTheSchool ? { ...action, ...action.forTheSchool } : action;

const actionNamed = (name: string): PageAction => {
  const action = PAGE_ACTIONS.find((candidate) => candidate.name === name);
  if (!action) throw notFound('PAGE_NOT_FOUND', 'There is no such page');
  return action;
};

/**
 * A complaint's page and the page of each action on it, for everyone who may see the complaint:
 * its school's staff, its service's, and the council's. What each is offered follows the declared
 * commands' roles; what happens is the domain's decision, exactly as through the API.
 */
@PageController('complaints')
export class ComplaintPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: PageCommands,
    private readonly queries: ComplaintQueries,
    private readonly inboundMail: InboundMailQueries,
    private readonly directory: Directory,
    private readonly names: DirectoryNames,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WorkingDayCalendar) private readonly calendar: WorkingDayCalendar,
  ) {}

  @Get(':id')
  @RolesAllowed(...COMPLAINT_ROLES)
  async complaint(
    @Id() id: string,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const { complaint, revision, history } = await this.visible(id, request);
    const council = readsAsCouncil(request.actor!, complaint.schoolUrn);
    // The council's own handling (its notes, emails, the Board's working on the fees, a request to
    // move it): not for finance paying it nor an officer who only logged it.
    const handling = readsCouncilNotes(request.actor!, complaint);
    const [schoolName, serviceName] = await Promise.all([
      this.names.school(complaint.schoolUrn),
      complaint.serviceId ? this.names.service(complaint.serviceId) : null,
    ]);
    const shown = council ? complaint : asTheSchoolReadsIt(complaint);
    const proposalMailPending = this.proposalMailPending(shown);
    this.pages.render(request, response, 'complaint/complaint.njk', {
      pageTitle: `${complaint.reference}: ${complaint.summary}`,
      columnClasses: 'govuk-grid-column-full',
      complaint: shown,
      closedAs: shown.closure ? closedAs(shown.closure.outcome) : null,
      details: lodgedDetails(history),
      filesNotKept: filesNotKept(history),
      // What the school said of the standards and its contract, as it chose them when lodging.
      standardsNotMet: complaint.standards.map((id) => QUALITY_STANDARDS[id]),
      boardRationale: boardRationale(history),
      ...(await this.boardWorking(council, complaint, history)),
      schoolBoard: council ? null : boardForTheSchool(shown, history),
      workingDaysLeft: this.workingDaysLeft(shown),
      serviceDeadline: this.serviceDeadline(shown),
      proposalMailPending,
      // Council readers have their actions and the clocks; the school is told in words.
      whatHappensNext: council
        ? []
        : whatHappensNextForTheSchool(complaint, serviceName, proposalMailPending?.goesAt ?? null),
      // What the school is asked to answer, where it is told to answer it.
      askedOfTheSchool: council ? null : askedOfTheSchool(complaint, history),
      // A Board member who may not judge this one is told why, not left to wonder.
      boardConflict:
        council && hasRole(request.actor!, 'board-member')
          ? conflictOfInterest(complaint, request.actor!)
          : null,
      revision,
      council,
      schoolName: schoolName ?? complaint.schoolUrn,
      serviceName,
      basis: handling ? await basisOf(complaint, this.directory, this.queries) : null,
      timelineItems: await this.timelineItems(request.actor!, complaint, history, council),
      emails: handling ? this.inboundMail.ofComplaint(id) : [],
      rerouteAsked: handling ? (complaint.rerouteAsked ?? null) : null,
      emailsToTheSchool: council ? this.inboundMail.sentOn(id, TO_THE_SCHOOL) : [],
      actions: PAGE_ACTIONS.filter((action) => this.offers(action, complaint, request)).map(
        (action) => wordedFor(action, council),
      ),
    });
  }

  @Get(':id/actions/:action')
  @RolesAllowed(...COMPLAINT_ROLES)
  async actionPage(
    @Id() id: string,
    @Param('action') name: string,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const { complaint, revision, history } = await this.visible(id, request);
    const action = actionNamed(name);
    if (this.closedTo(request, action, complaint))
      return this.renderNotOpen(request, response, action, complaint);
    await this.renderAction(request, response, action, complaint, revision, history, {
      values: action.initial?.(complaint) ?? {},
    });
  }

  @Post(':id/actions/:action')
  @RolesAllowed(...COMPLAINT_ROLES)
  async act(
    @Id() id: string,
    @Param('action') name: string,
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    checkCsrf(request, form.csrfToken);
    const { complaint } = await this.visible(id, request);
    const action = wordedFor(
      actionNamed(name),
      readsAsCouncil(request.actor!, complaint.schoolUrn),
    );
    const outcome = await this.commands.send(
      request,
      action.name,
      complaint.complaintId,
      action.toBody(form, complaint),
      {
        version: action.standsWhateverChanged ? '' : textField(form, 'version'),
        idempotencyKey: textField(form, 'idempotencyKey'),
      },
      typeof action.messages === 'function' ? action.messages(complaint) : action.messages,
    );
    if (outcome.ok)
      return this.pages.redirect(
        response,
        `/complaints/${complaint.complaintId}`,
        action.doneAs?.(outcome.result.appended, complaint) ?? action.done,
      );
    const latest = await this.visible(id, request);
    // Refused because the complaint moved on, and no longer theirs to do: not the form again, but
    // what happened since they opened it, and what they wrote, to copy.
    if (this.closedTo(request, action, latest.complaint)) {
      const council = readsAsCouncil(request.actor!, latest.complaint.schoolUrn);
      // A form without the version it was opened at (only a hand-made one) is told nothing since.
      const version = textField(form, 'version').trim();
      const seen = version === '' ? Number.NaN : Number(version);
      const since = await this.timelineItems(
        request.actor!,
        latest.complaint,
        latest.history,
        council,
        (line) => Number.isInteger(seen) && line.revision > seen,
      );
      return this.renderNotOpen(
        request,
        response,
        action,
        latest.complaint,
        outcome.errors.map((error) => error.text),
        { since, written: writtenIn(form) },
      );
    }
    await this.renderAction(
      request,
      response,
      action,
      latest.complaint,
      latest.revision,
      latest.history,
      // A new key for what they changed since they first sent it: sent again, it is saved too.
      {
        values: outcome.sentAlready ? { ...form, idempotencyKey: '' } : form,
        errors: outcome.errors,
      },
      400,
    );
  }

  /** The timeline as the reader reads it; council readers are told who acted, by name. */
  private async timelineItems(
    reader: Actor,
    complaint: OpenComplaint,
    history: readonly RecordedEvent[],
    council: boolean,
    which: (line: TimelineLine) => boolean = () => true,
  ) {
    const lines = timelineOf(eventsFor(reader, complaint, history), council).filter(which);
    if (!council) return timelineEntries(lines.filter(shownToTheSchool));
    const ids = [...new Set(lines.flatMap((line) => [line.by.id, ...membersOf(line)]))];
    const found = await Promise.all(ids.map((personId) => this.names.person(personId)));
    // The engine's own acts (a timer, the mail intake) have no person's name.
    const names = new Map(ids.map((personId, i) => [personId, found[i] ?? undefined]));
    return timelineEntries(lines, (personId) => names.get(personId));
  }

  /** Theirs to do, but not now: done already, the complaint moved on, or their part in it. */
  private closedTo(request: RequestWithIdentity, action: PageAction, complaint: OpenComplaint) {
    return this.commands.mayOffer(request, action.name) && !this.offers(action, complaint, request);
  }

  /** A page that says why the action is not open to them, rather than a form only refused. */
  private renderNotOpen(
    request: RequestWithIdentity,
    response: Response,
    action: PageAction,
    complaint: OpenComplaint,
    said: readonly string[] = [],
    sent: { since: readonly TimelineEntry[]; written: readonly string[] } = {
      since: [],
      written: [],
    },
  ) {
    const conflicted = !this.commands.mayOffer(request, action.name, complaint);
    // Said as the complaint page says it: which part of theirs keeps them from it.
    const conflict = conflicted ? conflictOfInterest(complaint, request.actor!) : null;
    const theirPart =
      offeredAtThisStage(action, complaint, request.actor!) &&
      action.notOfferedBecause?.(complaint, request.actor!);
    this.pages.render(
      request,
      response,
      'errors/error.njk',
      {
        pageTitle: wordedFor(action, readsAsCouncil(request.actor!, complaint.schoolUrn)).title,
        caption: complaint.reference,
        backLink: { href: `/complaints/${complaint.complaintId}`, text: 'Back to the complaint' },
        paragraphs: [
          ...said,
          conflicted
            ? conflict
              ? `You cannot act on this complaint for the Board: you ${conflict}.`
              : 'You cannot act on this complaint for the Board because of your part in it.'
            : theirPart
              ? `${theirPart}.`
              : 'This is not open to you at the complaint’s current stage: it may have been done already, or the complaint has moved on.',
        ],
        happenedSince: sent.since,
        written: sent.written,
        link: {
          href: `/complaints/${complaint.complaintId}`,
          text: 'See where the complaint stands',
        },
      },
      409,
    );
  }

  /** Whether the complaint page offers `action` to this person now. */
  private offers(action: PageAction, complaint: OpenComplaint, request: RequestWithIdentity) {
    return (
      offeredAtThisStage(action, complaint, request.actor!) &&
      this.commands.mayOffer(request, action.name, complaint) &&
      !action.notOfferedBecause?.(complaint, request.actor!)
    );
  }

  /** Each running clock's working days left, as the queues count them. */
  private workingDaysLeft(complaint: OpenComplaint): Record<string, number> {
    const now = this.clock.now();
    return Object.fromEntries(
      Object.values(complaint.clocks).flatMap((clock) =>
        clock.status === 'running'
          ? [[clock.kind, this.queries.workingDaysLeft(now, clock.timing.deadline)]]
          : [],
      ),
    );
  }

  /**
   * A proposed resolution whose email waits for the working day (proposed in the evening or at a
   * weekend): the school's window counts from when the email goes, which is when its clock says
   * its days start; the page says so while that is still to come.
   */
  private proposalMailPending(complaint: OpenComplaint) {
    const window = complaint.clocks['school-confirmation'];
    if (complaint.status !== 'resolution-proposed' || complaint.resolutionSentAt !== null)
      return null;
    return window && this.clock.now() < new Date(window.timing.anchor)
      ? { goesAt: window.timing.anchor }
      : null;
  }

  /**
   * The service's date that still stands while the school decides, with its working days left;
   * once it has passed, the day the service proposed its resolution, within it, in their place:
   * the service is not late, it is the school's answer that now sends the complaint to the Board.
   */
  private serviceDeadline(complaint: OpenComplaint) {
    const standing = standingServiceDeadline(complaint);
    if (!standing) return null;
    const workingDaysLeft = this.queries.workingDaysLeft(this.clock.now(), standing.deadline);
    return {
      dueDate: standing.dueDate,
      workingDaysLeft,
      // The domain's own word that the proposal met the deadline, as its clock stopped.
      metOn:
        workingDaysLeft < 0 &&
        complaint.clocks.resolution?.metDeadline === true &&
        complaint.resolutionProposedAt
          ? londonDate(complaint.resolutionProposedAt)
          : null,
    };
  }

  /**
   * What council readers see of the Board's working on a reimbursement: the proposal's words the
   * history keeps, and the names of the members who have acted. The school sees none of it.
   */
  private async boardWorking(
    council: boolean,
    complaint: OpenComplaint,
    history: readonly RecordedEvent[],
  ) {
    return council
      ? {
          reimbursement: reimbursementWords(history, complaint.proposal?.proposalId ?? null),
          memberNames: await this.boardMemberNames(complaint),
          approvals: await this.approvalsCounting(complaint),
          backing: {
            decision:
              complaint.pendingDecision &&
              (await this.stillBacking(complaint, membersBehind(complaint.pendingDecision))),
            waiver:
              complaint.pendingWaiver &&
              (await this.stillBacking(complaint, membersBehind(complaint.pendingWaiver))),
          },
          boardShort: await this.boardShort(complaint),
        }
      : {
          reimbursement: null,
          memberNames: {},
          approvals: null,
          backing: { decision: null, waiver: null },
          boardShort: null,
        };
  }

  /**
   * While the complaint waits for the Board, whether too few members may act on it for the Board
   * to settle it (the others work for its service or at the school, lodged or handled it, or stood
   * aside): nobody can fix that on the complaint, so its readers are told, as the chairs are by
   * mail. Read only then, since it looks at everyone in the directory.
   */
  private async boardShort(complaint: OpenComplaint) {
    if (!WAITING_FOR_THE_BOARD.includes(complaint.status)) return null;
    const eligible = (await this.directory.people())
      .map(actorOf)
      .filter(
        (member): member is Actor =>
          member !== null &&
          hasRole(member, 'board-member') &&
          conflictOfInterest(complaint, member) === null,
      )
      .map((member) => member.id);
    const short = boardShortfall(complaint, eligible);
    return short && { ...short, ...complaint.policy };
  }

  /** The approvals of the proposal awaiting approval, as they count (see stillBacking). */
  private async approvalsCounting(complaint: OpenComplaint) {
    const proposal = complaint.proposal;
    if (!proposal || proposal.status !== 'proposed') return null;
    return this.stillBacking(complaint, proposal.approvals);
  }

  /**
   * Of the members behind something awaiting the Board (approvals, a decision or a closing put to
   * it), those still counted towards its quorum, as the decider will count them, and those no
   * longer: they have left the Board or come to have a conflict with the complaint since.
   */
  private async stillBacking(complaint: OpenComplaint, members: readonly string[]) {
    const counting = stillCounting(complaint, members, await this.directory.actorsNow(members));
    return { counting, noLongerCounting: members.filter((id) => !counting.includes(id)) };
  }

  /**
   * The names of the Board members whose part in what awaits the Board is shown (who proposed,
   * who supports or approved), so members see who has acted, not only how many.
   */
  private async boardMemberNames(complaint: OpenComplaint): Promise<Record<string, string>> {
    const ids = new Set([
      ...(complaint.proposal
        ? [complaint.proposal.proposedBy, ...complaint.proposal.approvals]
        : []),
      ...(complaint.pendingDecision ? membersBehind(complaint.pendingDecision) : []),
      ...(complaint.pendingWaiver ? membersBehind(complaint.pendingWaiver) : []),
    ]);
    const named = await Promise.all(
      [...ids].map(async (id) => [id, (await this.names.person(id)) ?? id] as const),
    );
    return Object.fromEntries(named);
  }

  /** The complaint as its reader may see it; anyone else is told there is no such page. */
  private async visible(id: string, request: RequestWithIdentity) {
    const found = await this.queries.complaint(id);
    const complaint = requireAccess(request.actor!, found?.state ?? INITIAL_STATE);
    // The version the page's forms carry is the reader's: a school's moves only with what it sees.
    const revision = Number(versionFor(request.actor!, complaint, found!.history));
    return { complaint, revision, history: found!.history };
  }

  private async renderAction(
    request: RequestWithIdentity,
    response: Response,
    action: PageAction,
    complaint: OpenComplaint,
    revision: number,
    history: readonly RecordedEvent[],
    state: { values: Form; errors?: PageError[] },
    status = 200,
  ) {
    if (!this.commands.mayOffer(request, action.name))
      throw notFound('PAGE_NOT_FOUND', 'There is no such page');
    const extra = action.lookups
      ? await action.lookups(complaint, {
          directory: this.directory,
          complaints: this.queries,
          request,
          calendar: this.calendar,
          now: this.clock.now(),
        })
      : {};
    const errors = state.errors ?? [];
    const council = readsAsCouncil(request.actor!, complaint.schoolUrn);
    const worded = wordedFor(action, council);
    this.pages.render(
      request,
      response,
      `complaint/actions/${action.view}`,
      {
        pageTitle: worded.title,
        backLink: { href: `/complaints/${complaint.complaintId}`, text: 'Back to the complaint' },
        action: worded,
        complaint,
        council,
        // What the school answers, confirms or disputes, on the page where it does.
        question:
          complaint.status === 'awaiting-school' || lapsedQuestion(complaint)
            ? lastQuestion(history)
            : '',
        ...(await this.boardWorking(council, complaint, history)),
        resolution: complaint.status === 'resolution-proposed' ? lastResolution(history) : '',
        // Asked exactly when the domain wants one: not of the school's own staff, whatever else
        // they are.
        consentAsked:
          action.doneForTheSchool !== undefined &&
          asksSchoolConsent(request.actor!, complaint, action.doneForTheSchool),
        // The version the form was shown at: a change since refuses it instead of losing it.
        version: String(revision),
        idempotencyKey:
          typeof state.values.idempotencyKey === 'string' &&
          /^[\w-]{8,100}$/.test(state.values.idempotencyKey)
            ? state.values.idempotencyKey
            : randomUUID(),
        values: state.values,
        errorList: errors,
        fieldErrors: errorsByField(errors),
        ...extra,
      },
      status,
    );
  }
}

/** The question or proposed resolution the school is asked to answer now, with its heading. */
function askedOfTheSchool(complaint: OpenComplaint, history: readonly RecordedEvent[]) {
  if (complaint.status === 'awaiting-school')
    return { heading: 'The service’s question', text: lastQuestion(history) };
  if (complaint.status === 'resolution-proposed')
    return { heading: 'What the service proposes', text: lastResolution(history) };
  return null;
}

/**
 * What the school's page shows of the history it reads: not the council's own warnings that a
 * deadline is near (the page gives the deadline, and the history whether it was missed). Only the
 * page: the school's versions still count them, so an ETag it holds never comes to mean another
 * state.
 */
const shownToTheSchool = (line: { readonly type: string }): boolean =>
  line.type !== 'DeadlineWarningIssued';

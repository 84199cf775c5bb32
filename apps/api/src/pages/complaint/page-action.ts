import {
  type Actor,
  type ComplaintEvent,
  type ComplaintStatus,
  type DoneForTheSchool,
  type OpenComplaint,
} from '@sg/complaints';
import { type Directory } from '@sg/directory';
import { type ComplaintQueries } from '@sg/read-models';
import { type WorkingDayCalendar } from '@sg/working-days';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { type FormMessages } from '../core/page-form';

/** What an action's page may look up to show its form (the services to reroute to, say). */
export interface ActionLookups {
  readonly directory: Directory;
  readonly complaints: ComplaintQueries;
  readonly request: RequestWithIdentity;
  /** To tell the reader the date a clock the action starts would run to. */
  readonly calendar: WorkingDayCalendar;
  readonly now: Date;
}

/**
 * One action on a complaint as the pages offer it: a declared command (by its name in
 * COMPLAINT_COMMAND_ROUTES, whose roles and body rules apply unchanged), the page its form is on,
 * and how the form's fields become the command's body. Which statuses offer it only decides which
 * links the complaint page shows; the domain still decides whether the command is allowed.
 */
export interface PageAction {
  /** The declared command's name; also the last part of the action page's path. */
  readonly name: string;
  /** The link on the complaint page, e.g. "Refer to a service". */
  readonly label: string;
  /** The heading of the action's page. */
  readonly title: string;
  /** The link and heading as the school reads them, where the council's words would not fit. */
  readonly forTheSchool?: {
    readonly label: string;
    readonly title: string;
    /** The form's wording where the school's own fields are labelled as the school says them. */
    readonly messages?: FormMessages<object>;
    /** What the school is told once it is done, where the council's words speak of the school. */
    readonly done?: string;
  };
  /** The Nunjucks template of the form, under complaint/actions/. */
  readonly view: string;
  readonly offeredIn: readonly ComplaintStatus[];
  /** Offered to this person on this complaint in another status too (a late-recorded answer). */
  readonly alsoOffered?: (complaint: OpenComplaint, actor: Actor) => boolean;
  /**
   * Why it is not offered to this person on this complaint, beyond their role and its status, in
   * the domain's words (the member who proposed a reimbursement does not approve it); null: it is.
   */
  readonly notOfferedBecause?: (complaint: OpenComplaint, actor: Actor) => string | null;
  /**
   * What the person does stands whatever others did since the page was opened, so long as what
   * its body names is still there: it is sent without the version the page showed. Two Board
   * members approving a proposal at one meeting both count, where the second was told the page
   * was out of date and had to approve again.
   */
  readonly standsWhateverChanged?: true;
  /** The form's fields as the API's body for the command. */
  readonly toBody: (form: Record<string, unknown>, complaint: OpenComplaint) => object;
  /** How the form's errors are worded; a function where they quote what the complaint allows. */
  readonly messages?: FormMessages<object> | ((complaint: OpenComplaint) => FormMessages<object>);
  /** Shown on the complaint page after it worked, e.g. "Complaint referred". */
  readonly done: string;
  /**
   * What to show instead when what was recorded, or the complaint it was done on, says otherwise;
   * null: `done`.
   */
  readonly doneAs?: (
    recorded: readonly ComplaintEvent[],
    complaint?: OpenComplaint,
  ) => string | null;
  /** More for the form to show; its result is merged into the page's context. */
  readonly lookups?: (
    complaint: OpenComplaint,
    lookups: ActionLookups,
  ) => Promise<Record<string, unknown>>;
  /** The form's values when the page first opens. */
  readonly initial?: (complaint: OpenComplaint) => Record<string, unknown>;
  /** Done for the school: the form asks how the school agreed when the domain wants a consent. */
  readonly doneForTheSchool?: DoneForTheSchool;
}

/** Whether the complaint's stage offers `action` to `actor`, before their role and part in it. */
export const offeredAtThisStage = (action: PageAction, complaint: OpenComplaint, actor: Actor) =>
  action.offeredIn.includes(complaint.status) || (action.alsoOffered?.(complaint, actor) ?? false);

/** What staff are told after writing to a school whose contact has no address: nothing went. */
export const NOT_EMAILED = (complaint: OpenComplaint): string =>
  `The school’s contact, ${complaint.contact.name}, has no email address, so nothing was emailed: tell them yourself${complaint.contact.phone ? ` (${complaint.contact.phone})` : ''}`;

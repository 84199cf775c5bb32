import { type ComplaintEvent, type EventOf } from '@sg/complaints';
import { deterministicUuid } from '@sg/directory';
import { type MailAddress } from '@sg/mail';
import { type WorkingDayCalendar } from '@sg/working-days';
import { DateTime } from 'luxon';
import { type Audience, type ComplaintFacts } from './audience';
import { type Notification, type NotificationKind } from './notification';

interface Draft {
  readonly kind: NotificationKind;
  readonly to: readonly MailAddress[];
  readonly subject: string;
  readonly lines: readonly string[];
}

const longDate = (date: string) =>
  DateTime.fromISO(date, { zone: 'Europe/London' }).toFormat('cccc d LLLL yyyy');

function draftsFor(event: ComplaintEvent, complaint: ComplaintFacts, audience: Audience): Draft[] {
  const school = audience.schoolName(complaint.schoolUrn) ?? `school URN ${complaint.schoolUrn}`;
  const about = [`Complaint ${complaint.reference} from ${school}: ${complaint.summary}`];
  const managers = complaint.serviceId ? audience.managersOf(complaint.serviceId) : [];
  switch (event.type) {
    case 'DeadlineWarningIssued':
      return warning(event, complaint, audience, managers, about);
    case 'DeadlineMissed':
      return missed(event, complaint, audience, about);
    case 'ComplaintEscalated': {
      const why =
        event.data.reason === 'resolution-deadline-missed'
          ? 'it was not resolved by its deadline'
          : 'the school disputed the resolution after the deadline had passed';
      const drafts: Draft[] = [
        {
          kind: 'escalated-to-board',
          to: audience.boardMembers(),
          subject: `${complaint.reference}: escalated to the Board for a decision`,
          lines: [...about, '', `It has been escalated to the Board because ${why}.`],
        },
        {
          kind: 'escalation-for-service',
          to: managers,
          subject: `${complaint.reference}: escalated to the Board`,
          lines: [...about, '', `It has been escalated to the Board because ${why}.`],
        },
      ];
      if (complaint.contact.email) {
        drafts.push({
          kind: 'escalation-for-school',
          to: [{ name: complaint.contact.name, email: complaint.contact.email }],
          subject: `Your complaint ${complaint.reference} has been passed to the Board`,
          lines: [
            `Dear ${complaint.contact.name},`,
            '',
            `Your complaint ${complaint.reference} (${complaint.summary}) was not resolved within the time our service guarantee promises.`,
            'It has been passed to the Board, which will decide on it and on any reimbursement of your fees. We will write to you when it has decided.',
          ],
        });
      }
      return drafts;
    }
    case 'InformationRequestLapsed':
      return [
        ...toSchool(complaint, {
          kind: 'school-reply-lapsed-for-school',
          subject: `Your complaint ${complaint.reference}: the service is carrying on`,
          lines: [
            `We did not hear from you in time about the question the service asked on your complaint ${complaint.reference} (${complaint.summary}).`,
            'The service is carrying on without your answer and its deadline to resolve your complaint is running again. You can still reply.',
          ],
        }),
        {
          kind: 'school-reply-lapsed-for-service',
          to: managers,
          subject: `${complaint.reference}: the school did not answer; your clock is running again`,
          lines: [
            ...about,
            '',
            'The school did not answer in time; the resolution clock is running again.',
          ],
        },
      ];
    default:
      return [];
  }
}

function warning(
  event: EventOf<'DeadlineWarningIssued'>,
  complaint: ComplaintFacts,
  audience: Audience,
  managers: MailAddress[],
  about: string[],
): Draft[] {
  const by = longDate(event.data.dueDate);
  switch (event.data.clock) {
    case 'triage':
      return [
        {
          kind: 'triage-warning',
          to: audience.businessSupport(),
          subject: `${complaint.reference}: refer to a service by ${by}`,
          lines: [...about, '', `It must be referred to a service by the end of ${by}.`],
        },
      ];
    case 'resolution':
      return [
        {
          kind: 'resolution-warning',
          to: managers,
          subject: `${complaint.reference}: resolve by ${by}`,
          lines: [
            ...about,
            '',
            `It must be resolved by the end of ${by}, or it goes to the Board.`,
          ],
        },
      ];
    case 'board-decision':
      return [
        {
          kind: 'board-decision-warning',
          to: audience.boardMembers(),
          subject: `${complaint.reference}: Board decision due by ${by}`,
          lines: [...about, '', `The Board's decision is due by the end of ${by}.`],
        },
      ];
    case 'school-reply':
      return toSchool(complaint, {
        kind: 'school-reply-warning',
        subject: `Your complaint ${complaint.reference}: the service is waiting for your answer`,
        lines: [
          `The service asked you a question about your complaint ${complaint.reference} (${complaint.summary}).`,
          `If we do not hear from you by the end of ${by}, the service will carry on without your answer.`,
        ],
      });
    case 'reimbursement-proposal':
      return [
        {
          kind: 'reimbursement-proposal-warning',
          to: audience.boardMembers(),
          subject: `${complaint.reference}: propose or waive a reimbursement by ${by}`,
          lines: [
            ...about,
            '',
            `The Board upheld it; a reimbursement is to be proposed, or waived, by the end of ${by}.`,
          ],
        },
      ];
    case 'reimbursement-approval':
      return [
        {
          kind: 'reimbursement-approval-warning',
          to: audience.boardMembers(),
          subject: `${complaint.reference}: reimbursement awaiting approval by ${by}`,
          lines: [
            ...about,
            '',
            `Its proposed reimbursement is to be approved or declined by the end of ${by}.`,
          ],
        },
      ];
    case 'reimbursement-payment':
      return [
        {
          kind: 'reimbursement-payment-warning',
          to: audience.finance(),
          subject: `${complaint.reference}: approved reimbursement to pay by ${by}`,
          lines: [...about, '', `Its approved reimbursement is to be paid by the end of ${by}.`],
        },
      ];
    default:
      return [];
  }
}

/** A message to the school's contact, when the complaint has an email address for them. */
function toSchool(
  complaint: ComplaintFacts,
  draft: Omit<Draft, 'to' | 'lines'> & { readonly lines: readonly string[] },
): Draft[] {
  if (!complaint.contact.email) return [];
  return [
    {
      ...draft,
      to: [{ name: complaint.contact.name, email: complaint.contact.email }],
      lines: [`Dear ${complaint.contact.name},`, '', ...draft.lines],
    },
  ];
}

function missed(
  event: EventOf<'DeadlineMissed'>,
  complaint: ComplaintFacts,
  audience: Audience,
  about: string[],
): Draft[] {
  switch (event.data.clock) {
    case 'triage':
      return [
        {
          kind: 'triage-deadline-missed',
          to: audience.businessSupport(),
          subject: `${complaint.reference}: not referred in time`,
          lines: [...about, '', 'Its triage deadline has passed and it has not been referred.'],
        },
      ];
    case 'board-decision': {
      const chairs = audience.boardChairs();
      return [
        {
          kind: 'board-decision-deadline-missed',
          to: chairs.length > 0 ? chairs : audience.boardMembers(),
          subject: `${complaint.reference}: Board decision overdue`,
          lines: [...about, '', "The Board's decision deadline has passed without a decision."],
        },
      ];
    }
    case 'reimbursement-proposal':
    case 'reimbursement-approval': {
      const chairs = audience.boardChairs();
      const what =
        event.data.clock === 'reimbursement-proposal'
          ? 'no reimbursement has been proposed or waived'
          : 'the proposed reimbursement has been neither approved nor declined';
      return [
        {
          kind: `${event.data.clock}-deadline-missed`,
          to: chairs.length > 0 ? chairs : audience.boardMembers(),
          subject: `${complaint.reference}: Board overdue on its reimbursement`,
          lines: [...about, '', `The deadline has passed and ${what}.`],
        },
      ];
    }
    case 'reimbursement-payment':
      return [
        {
          kind: 'reimbursement-payment-deadline-missed',
          to: audience.finance(),
          subject: `${complaint.reference}: approved reimbursement not paid in time`,
          lines: [...about, '', 'The deadline to pay its approved reimbursement has passed.'],
        },
      ];
    default:
      return [];
  }
}

/**
 * The messages a complaint event calls for, each addressed to one person once and held until
 * the next working moment after the event: the escalation happens at the deadline, the people
 * hear of it when they are at work.
 */
export function planNotifications(
  event: ComplaintEvent & { readonly id: string },
  complaint: ComplaintFacts,
  audience: Audience,
  calendar: WorkingDayCalendar,
): Notification[] {
  const raisedAt = new Date(event.data.at).toISOString();
  const sendAfter = calendar.nextWorkingMoment(raisedAt).toISOString();
  return draftsFor(event, complaint, audience).flatMap((draft) => {
    const seen = new Set<string>();
    return draft.to.flatMap((to) => {
      const key = to.email.toLowerCase();
      if (seen.has(key)) return [];
      seen.add(key);
      return [
        {
          id: deterministicUuid('notification', event.id, draft.kind, key),
          complaintId: complaint.complaintId,
          kind: draft.kind,
          to,
          subject: draft.subject,
          text: draft.lines.join('\n'),
          raisedAt,
          sendAfter,
        },
      ];
    });
  });
}

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
    default:
      return [];
  }
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

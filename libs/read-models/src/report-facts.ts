import { type ComplaintEvent, metDeadlineAt, type OpenComplaint } from '@sg/complaints';
import { hasCanonicalUtcForm, startOfLondonDay, type WorkingDayCalendar } from '@sg/working-days';

export type ReportFactKind =
  'received' | 'assigned' | 'referred' | 'resolved' | 'escalated' | 'board-decision' | 'reimbursed';

/**
 * One thing the scrutiny committee counts, at the business time it happened and with the service
 * the complaint was with then, so a report on a closed period never changes afterwards, but for
 * a resolution the school had in fact disputed in time (DeemedAcceptanceSetAside), which was
 * never one.
 */
export interface ReportFact {
  readonly kind: ReportFactKind;
  readonly at: string;
  readonly serviceId: string | null;
  readonly channel?: string;
  readonly outcome?: string;
  readonly withinTarget?: boolean;
  readonly workingDays?: number;
  readonly amountPence?: number;
}

/** The same instant always written the same way, so facts compare and sort as text. */
export const isoInstant = (at: string) =>
  hasCanonicalUtcForm(at) ? at : new Date(at).toISOString();

/**
 * What an event adds to the reports. A complaint counts as resolved when it closes as resolved
 * (the school confirmed, or did not answer in time); it was resolved within target if the
 * accepted resolution was proposed before the resolution deadline, and took the working days
 * from referral to that proposal.
 */
export function reportFactsOf(
  event: ComplaintEvent,
  after: OpenComplaint,
  lastProposalAt: string | null,
  calendar: WorkingDayCalendar,
): ReportFact[] {
  const at = isoInstant(event.data.at);
  const serviceId = after.serviceId;
  switch (event.type) {
    case 'ComplaintLodged': {
      // Received when the council received it: an officer may log it days later (decision 0024),
      // and it was the service's from then, so it is open against that service at a period's end
      // that falls between the two.
      const receivedAt = isoInstant(event.data.receivedAt);
      return [
        { kind: 'received', at: receivedAt, serviceId, channel: event.data.channel },
        ...(serviceId ? [{ kind: 'assigned' as const, at: receivedAt, serviceId }] : []),
      ];
    }
    case 'ComplaintReferred':
      return [
        { kind: 'referred', at, serviceId },
        { kind: 'assigned', at, serviceId },
      ];
    case 'ComplaintRerouted':
      return [{ kind: 'assigned', at, serviceId }];
    case 'ComplaintEscalated':
      return [{ kind: 'escalated', at, serviceId }];
    case 'BoardDecisionRecorded': {
      // Judged as its clock is stopped just after; a complaint escalated before the Board had a
      // clock (working days -1) is counted, but not as on time or late.
      const clock = after.clocks['board-decision'];
      return [
        {
          kind: 'board-decision',
          at,
          serviceId,
          outcome: event.data.outcome,
          ...(clock
            ? {
                withinTarget: metDeadlineAt(clock, at),
                workingDays: calendar.workingDayNumberOf(clock.timing.anchor, at),
              }
            : {}),
        },
      ];
    }
    case 'ReimbursementPaid':
      // Money counts in the period it was paid, not the one finance recorded it in: a payment
      // made on 31 March and recorded on 2 April stays in its financial year.
      return [
        {
          kind: 'reimbursed',
          at: startOfLondonDay(event.data.paidOn).toISOString(),
          serviceId,
          amountPence: event.data.amountPence,
        },
      ];
    case 'ComplaintClosed': {
      // Open at a period's end is read from the complaint's closure time, not from a fact.
      if (event.data.outcome !== 'resolved') return [];
      const proposed = lastProposalAt ?? at;
      return [
        {
          kind: 'resolved',
          at,
          serviceId,
          withinTarget: after.clocks.resolution?.metDeadline === true,
          workingDays: after.referredAt
            ? calendar.workingDayNumberOf(after.referredAt, proposed)
            : 0,
        },
      ];
    }
    default:
      return [];
  }
}

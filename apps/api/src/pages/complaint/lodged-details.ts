import { complaintEventFrom, type ComplaintEventType, type EventOf } from '@sg/complaints';
import { type RecordedEvent } from '@sg/event-store';

/**
 * What the school wrote when it complained. The complaint's state keeps only what decisions need;
 * the words are in the lodging event, the first of its history.
 */
export function lodgedDetails(history: readonly RecordedEvent[]): string {
  const first = history[0];
  if (!first) return '';
  const event = complaintEventFrom(first);
  return event.type === 'ComplaintLodged' ? event.data.details : '';
}

/** Files sent with the complaint, or with a reply since, that were not kept, and why: in the history only. */
export function filesNotKept(
  history: readonly RecordedEvent[],
): readonly { readonly name: string; readonly reason: string }[] {
  return history.flatMap((recorded) => {
    if (recorded.type !== 'ComplaintLodged' && recorded.type !== 'FilesNotKept') return [];
    const event = complaintEventFrom(recorded);
    return event.type === 'ComplaintLodged'
      ? event.data.filesNotKept
      : event.type === 'FilesNotKept'
        ? event.data.files
        : [];
  });
}

/** The last event of `type` in the history; null when there is none. */
function lastOf<T extends ComplaintEventType>(
  history: readonly RecordedEvent[],
  type: T,
): EventOf<T> | null {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i].type !== type) continue;
    const event = complaintEventFrom(history[i]);
    if (event.type === type) return event as EventOf<T>;
  }
  return null;
}

/** Words kept only in the history: those of the last event of `type`; '' when there is none. */
function lastSaid<T extends ComplaintEventType>(
  history: readonly RecordedEvent[],
  type: T,
  words: (event: EventOf<T>) => string,
): string {
  const event = lastOf(history, type);
  return event ? words(event) : '';
}

/**
 * What the Board's members and finance read of a reimbursement beyond its state: the sum the
 * schedule suggested and why a different one was proposed (what an approver weighs), and, once
 * paid, how, with what reference and on which day.
 */
export function reimbursementWords(history: readonly RecordedEvent[], proposalId: string | null) {
  const proposed = lastOf(history, 'ReimbursementProposed');
  if (!proposalId || proposed?.data.proposalId !== proposalId) return null;
  const paid = lastOf(history, 'ReimbursementPaid');
  const declined = lastOf(history, 'ReimbursementDeclined');
  return {
    suggestedPence: proposed.data.suggestedPence,
    // Why the Board turned it down, for whoever proposes the next one.
    declinedReason: declined?.data.proposalId === proposalId ? declined.data.reason : null,
    schedulePercent: proposed.data.schedulePercent,
    overrideReason: proposed.data.overrideReason,
    paid:
      paid?.data.proposalId === proposalId
        ? {
            method: paid.data.method,
            paymentReference: paid.data.paymentReference,
            paidOn: paid.data.paidOn,
          }
        : null,
  };
}

/** The Board's reasons for the decision it recorded last. */
export const boardRationale = (history: readonly RecordedEvent[]): string =>
  lastSaid(history, 'BoardDecisionRecorded', (event) => event.data.rationale);

/** The service's last question to the school: what the school's answer page answers. */
export const lastQuestion = (history: readonly RecordedEvent[]): string =>
  lastSaid(history, 'InformationRequested', (event) => event.data.question);

/** The resolution the service proposed last: what the school confirms or disputes. */
export const lastResolution = (history: readonly RecordedEvent[]): string =>
  lastSaid(history, 'ResolutionProposed', (event) => event.data.resolution);

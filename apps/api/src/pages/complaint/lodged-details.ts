import { complaintEventFrom } from '@sg/complaints';
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

/** Files sent with the complaint that were not kept, and why, also kept only in the history. */
export function filesNotKept(
  history: readonly RecordedEvent[],
): readonly { readonly name: string; readonly reason: string }[] {
  const first = history[0];
  if (!first) return [];
  const event = complaintEventFrom(first);
  return event.type === 'ComplaintLodged' ? event.data.filesNotKept : [];
}

/** The Board's reasons for the decision it recorded last, also kept only in the history. */
export function boardRationale(history: readonly RecordedEvent[]): string {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i].type !== 'BoardDecisionRecorded') continue;
    const event = complaintEventFrom(history[i]);
    if (event.type === 'BoardDecisionRecorded') return event.data.rationale;
  }
  return '';
}

import { type ComplaintEvent, schemaVersionOf } from './events';
import { DEFAULT_POLICY } from './policy/default-policy';

/** Brings one event type's data from one schema version to the next. */
export type Upcaster = (data: unknown) => unknown;

/** For each event type, the upcaster from each old version to the version after it. */
export type UpcasterChain = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/**
 * An old meaning is never rewritten: each step says what the old data meant in today's terms.
 * - ComplaintLodged 1 → 2: policies then had no targets for the waiting states added since (the
 *   school's reply window, and the Board's proposal, approval and payment targets); a complaint
 *   lodged then waits under today's defaults for those, and keeps every target it had.
 * - ComplaintRerouted 1 → 2: a reroute then kept the contract or booking the complaint named
 *   (`related: null`: as it was).
 * - ComplaintLodged 2 → 3: no officer's name was kept (`loggedByOfficer: null`), and a Board
 *   decision was one member's (`decisionQuorum: 1`).
 * - ComplaintWithdrawn and ResolutionConfirmed 1 → 2: no consent was recorded (`consent: null`).
 * - BoardDecisionRecorded 1 → 2: a decision was one member's (`members: [by]`).
 * - BoardDecisionSupported 1 → 2: a supporter's own words were not kept (`rationale: null`).
 * - ReimbursementWaived 1 → 2: closing without a reimbursement was one member's (`members: [by]`).
 * - ComplaintLodged 3 → 4: the form did not yet ask what would put it right
 *   (`desiredOutcome: null`: the school said nothing of it).
 * - ComplaintLodged 4 → 5: the email a complaint came in was not named (`emailMessageId: null`).
 * - ComplaintLodged 5 → 6: files refused on the way in were not listed (`filesNotKept: []`).
 * - ComplaintLodged 6 → 7: a complaint was taken as received when it was logged
 *   (`receivedAt: at`).
 * - ComplaintLodged 7 → 8: who matched an email to its school was not kept (`matchedBy: null`).
 */
/** What the Board decided before a quorum was a setting was the acting member's alone. */
const oneMembersDecision: Upcaster = (data) => ({
  ...(data as object),
  members: [(data as { by: { id: string } }).by.id],
});

export const COMPLAINT_UPCASTERS: UpcasterChain = {
  ComplaintLodged: {
    1: (data) => {
      const lodged = data as { policy: Record<string, unknown> };
      return {
        ...lodged,
        policy: {
          schoolReplyWorkingDays: DEFAULT_POLICY.schoolReplyWorkingDays,
          reimbursementProposalTargetWorkingDays:
            DEFAULT_POLICY.reimbursementProposalTargetWorkingDays,
          reimbursementApprovalTargetWorkingDays:
            DEFAULT_POLICY.reimbursementApprovalTargetWorkingDays,
          reimbursementPaymentTargetWorkingDays:
            DEFAULT_POLICY.reimbursementPaymentTargetWorkingDays,
          ...lodged.policy,
        },
      };
    },
    2: (data) => {
      const lodged = data as { policy: Record<string, unknown> };
      return {
        loggedByOfficer: null,
        ...lodged,
        // One member's decision was the rule before it was a setting.
        policy: { decisionQuorum: 1, ...lodged.policy },
      };
    },
    3: (data) => ({ ...(data as object), desiredOutcome: null }),
    4: (data) => ({ ...(data as object), emailMessageId: null }),
    5: (data) => ({ ...(data as object), filesNotKept: [] }),
    6: (data) => ({ ...(data as object), receivedAt: (data as { at: string }).at }),
    7: (data) => ({ ...(data as object), matchedBy: null }),
  },
  ComplaintRerouted: {
    1: (data) => ({ ...(data as object), related: null }),
  },
  ComplaintWithdrawn: { 1: (data) => ({ ...(data as object), consent: null }) },
  ResolutionConfirmed: { 1: (data) => ({ ...(data as object), consent: null }) },
  BoardDecisionSupported: { 1: (data) => ({ ...(data as object), rationale: null }) },
  BoardDecisionRecorded: { 1: oneMembersDecision },
  ReimbursementWaived: { 1: oneMembersDecision },
};

export class UnreadableEventError extends Error {
  constructor(type: string, version: number, reason: string) {
    super(`Cannot read ${type} at schema version ${version}: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}

/**
 * A stored complaint event as the current code understands it: its data brought up, one version
 * at a time, to the current schema. An event written by a newer release is refused rather than
 * misread.
 */
export function upcastComplaintEvent(
  stored: { readonly type: string; readonly data: unknown; readonly schemaVersion: number },
  chain: UpcasterChain = COMPLAINT_UPCASTERS,
  currentVersion: number | ((type: string) => number) = schemaVersionOf,
): ComplaintEvent {
  const current = typeof currentVersion === 'number' ? currentVersion : currentVersion(stored.type);
  let { data, schemaVersion: version } = stored;
  if (version > current)
    throw new UnreadableEventError(stored.type, version, `this release reads up to ${current}`);
  while (version < current) {
    const step = chain[stored.type]?.[version];
    if (!step) throw new UnreadableEventError(stored.type, version, 'no upcaster from it');
    data = step(data);
    version += 1;
  }
  return { type: stored.type, data } as ComplaintEvent;
}

/** A complaint event as stored (with its metadata), as the current code reads it. */
export const complaintEventFrom = (stored: {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly schemaVersion: number };
}): ComplaintEvent =>
  upcastComplaintEvent({
    type: stored.type,
    data: stored.data,
    schemaVersion: stored.metadata.schemaVersion,
  });

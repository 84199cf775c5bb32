import {
  type Actor,
  CHANNELS,
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
  decide,
  DEFAULT_POLICY,
  evolve,
  formatReference,
  INITIAL_STATE,
} from '@sg/complaints';
import { deterministicUuid, LLE_SERVICES, seededRandom } from '@sg/directory';
import { type WorkingDayCalendar } from '@sg/working-days';

const SUPPORT: Actor = { id: 'support-1', name: 'Support', roles: [{ role: 'business-support' }] };
const BOARD: Actor[] = [1, 2, 3].map((n) => ({
  id: `board-${n}`,
  name: `Board ${n}`,
  roles: [{ role: 'board-member', chair: n === 1 }],
}));
const FINANCE: Actor = { id: 'finance-1', name: 'Finance', roles: [{ role: 'finance' }] };
const SYSTEM: Actor = {
  id: 'deadline-worker',
  name: 'Deadline worker',
  roles: [{ role: 'system' }],
};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FEES = 200_000;

type Issue = (at: string) => ComplaintCommand;

/**
 * Complaint histories made by the domain's own decide, as users would drive them: every complaint
 * lodged and most referred; most resolved and confirmed, some escalated to the Board, upheld and
 * reimbursed, some left open. Lodged at random times across two financial years from April 2024;
 * the same seed gives the same histories.
 */
export function* complaintHistories(
  count: number,
  calendar: WorkingDayCalendar,
  seed = 2026,
): Generator<{ complaintId: string; events: ComplaintEvent[] }> {
  const random = seededRandom(seed);
  const start = Date.parse('2024-04-01T08:00:00Z');
  for (let i = 0; i < count; i += 1) {
    const complaintId = deterministicUuid('bench-complaint', String(i));
    const serviceId = LLE_SERVICES[Math.floor(random() * LLE_SERVICES.length)].serviceId;
    const urn = String(100_000 + Math.floor(random() * 600));
    const head: Actor = {
      id: `head-${urn}`,
      name: 'Head',
      roles: [{ role: 'school-staff', schoolUrn: urn }],
    };
    const manager: Actor = {
      id: `manager-${serviceId}`,
      name: 'Manager',
      roles: [{ role: 'service-manager', serviceIds: [serviceId] }],
    };
    const lodgedAt = start + Math.floor(random() * 700) * DAY + Math.floor(random() * 9) * HOUR;
    const steps: [number, Issue][] = [
      [
        0,
        (at) => ({
          type: 'LodgeComplaint',
          actor: head,
          at,
          complaintId,
          reference: formatReference(2024 + Math.floor(i / 50_000), (i % 50_000) + 1),
          channel: CHANNELS[Math.floor(random() * 2)],
          schoolUrn: urn,
          serviceId,
          summary: `Late advice on case ${i}`,
          details: 'We asked for advice on a staffing matter and waited weeks for an answer.',
          standards: ['listen-and-respond'],
          contact: { name: 'A Head', email: `head@${urn}.example` },
          relatedContractId: null,
          relatedBookingId: null,
          policy: DEFAULT_POLICY,
        }),
      ],
      [1, (at) => ({ type: 'ReferComplaint', actor: SUPPORT, at, serviceId: null, note: null })],
      [
        2,
        (at) => ({
          type: 'RecordContact',
          actor: manager,
          at,
          contactedAt: at,
          method: 'phone',
          note: 'Called the head to talk it through.',
        }),
      ],
    ];
    const fate = random();
    if (fate < 0.3)
      steps.push([
        3,
        (at) => ({
          type: 'AddInternalNote',
          actor: SUPPORT,
          at,
          noteId: `n${i}`,
          text: 'Chased the service.',
        }),
      ]);
    if (fate < 0.7) {
      steps.push([
        6,
        (at) => ({
          type: 'ProposeResolution',
          actor: manager,
          at,
          resolution: 'Advice given and apologised.',
        }),
      ]);
      steps.push([8, (at) => ({ type: 'ConfirmResolution', actor: head, at, consent: null })]);
    } else if (fate < 0.9) {
      const proposalId = deterministicUuid('bench-proposal', String(i));
      steps.push([
        24,
        (at) => ({
          type: 'ReachDeadline',
          actor: SYSTEM,
          at,
          clock: 'resolution',
          revision: 1,
          timer: 'deadline',
        }),
      ]);
      steps.push([
        26,
        (at) => ({
          type: 'RecordBoardDecision',
          actor: BOARD[0],
          at,
          outcome: 'upheld',
          failureLevel: 'significant',
          rationale: 'Missed the deadline.',
        }),
      ]);
      steps.push([
        26.1,
        (at) => ({
          type: 'ProposeReimbursement',
          actor: BOARD[0],
          at,
          proposalId,
          amountPence: FEES / 4,
          basis: {
            kind: 'contract',
            id: `C-${urn}-${serviceId}`,
            feesPaidPence: FEES,
            schoolUrn: urn,
            serviceId,
            reimbursedPence: 0,
          },
          overrideReason: null,
        }),
      ]);
      steps.push([27, (at) => ({ type: 'ApproveReimbursement', actor: BOARD[1], at, proposalId })]);
      steps.push([
        27.1,
        (at) => ({ type: 'ApproveReimbursement', actor: BOARD[2], at, proposalId }),
      ]);
      steps.push([
        33,
        (at) => ({
          type: 'RecordReimbursementPaid',
          actor: FINANCE,
          at,
          proposalId,
          method: 'credit-note',
          paymentReference: `CN-${i}`,
          paidOn: new Date(Date.parse(at)).toISOString().slice(0, 10),
        }),
      ]);
    }
    let state: ComplaintState = INITIAL_STATE;
    const events: ComplaintEvent[] = [];
    for (const [days, issue] of steps) {
      const decided = decide(issue(new Date(lodgedAt + days * DAY).toISOString()), state, {
        calendar,
      });
      for (const event of decided) state = evolve(state, event);
      events.push(...decided);
    }
    yield { complaintId, events };
  }
}

import {
  type Actor,
  conflictOfInterest,
  hasRole,
  type OpenComplaint,
  paymentRefusal,
} from '@sg/complaints';
import { type ComplaintQueries, type InboundMailQueries } from '@sg/read-models';
import { serviceQueueOf } from '../../queries/service-queue-of';
import { yourPartIn } from '../board/your-part';

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What waits for the Board, by the status it waits in. */
const WITH_THE_BOARD = ['escalated', 'board-decided', 'reimbursement-proposed'] as const;

/**
 * Whether a Board member has something to do on the complaint: not one they may not judge (a
 * conflict, standing aside), nor one waiting for other members after their own part.
 */
const memberMayAct = (complaint: OpenComplaint, member: Actor): boolean =>
  conflictOfInterest(complaint, member) === null && yourPartIn(complaint, member) === null;

/**
 * What waits for the person in each place their roles open, by its link, as their home page says
 * it: the work is found there, not by opening every queue to look; and only what is theirs to do
 * (a Board member's count leaves out what they may not judge or have done their part in). Places
 * with nothing to count (reports, search) say nothing.
 */
export async function workWaiting(
  actor: Actor,
  queries: ComplaintQueries,
  mail: InboundMailQueries,
  now: Date,
): Promise<Record<string, string>> {
  const waiting: Record<string, string> = {};
  const counts = queries.countsByStatus(['lodged']);
  /** The folded complaints in `statuses` that `mayAct` says are the person's to act on. */
  const theirs = async (
    statuses: readonly string[],
    mayAct: (complaint: OpenComplaint) => boolean,
  ): Promise<OpenComplaint[]> => {
    const found = await Promise.all(
      queries.complaintIdsIn(statuses).map((id) => queries.complaint(id)),
    );
    return found.flatMap((each) => (each && mayAct(each.state) ? [each.state] : []));
  };
  if (hasRole(actor, 'business-support')) {
    const asked = queries.rerouteAsked(now).length;
    waiting['/triage'] =
      counted(counts.lodged, 'complaint to pass on', 'complaints to pass on') +
      (asked > 0 ? `, ${counted(asked, 'asked to be moved', 'asked to be moved')}` : '');
    waiting['/mail'] = counted(
      mail.awaitingMatchCount().waiting,
      'email waiting',
      'emails waiting',
    );
  }
  if (hasRole(actor, 'service-manager')) {
    const { serviceIds } = serviceQueueOf(actor, {});
    const { toResolve, overdue, atRisk } = queries.serviceQueueCounts(serviceIds, now);
    const mine = queries.serviceQueueCounts(serviceIds, now, { personId: actor.id }).toResolve;
    const urgent = [
      ...(overdue > 0 ? [`${overdue} overdue`] : []),
      ...(atRisk > 0 ? [`${atRisk} at risk`] : []),
    ];
    waiting['/service-queue'] =
      counted(toResolve, 'complaint to resolve', 'complaints to resolve') +
      (urgent.length > 0 ? `: ${urgent.join(', ')}` : '') +
      (mine > 0 ? ` (${mine} assigned to you)` : '');
  }
  if (hasRole(actor, 'board-member')) {
    const forMember = await theirs(WITH_THE_BOARD, (complaint) => memberMayAct(complaint, actor));
    const inStatus = (status: string) => forMember.filter((c) => c.status === status).length;
    waiting['/board'] = [
      counted(inStatus('escalated'), 'to decide', 'to decide'),
      counted(inStatus('board-decided'), 'awaiting a proposal', 'awaiting a proposal'),
      counted(inStatus('reimbursement-proposed'), 'to approve', 'to approve'),
    ].join(', ');
  }
  if (hasRole(actor, 'finance')) {
    // Not what they authorised as a Board member, nor where they have an interest.
    const toPay = await theirs(
      ['reimbursement-approved'],
      (complaint) =>
        !complaint.proposal || paymentRefusal(complaint, complaint.proposal, actor) === null,
    );
    waiting['/finance'] = counted(toPay.length, 'reimbursement to pay', 'reimbursements to pay');
  }
  return waiting;
}

import { type Actor, hasRole } from '@sg/complaints';
import { type ComplaintQueries, type InboundMailQueries } from '@sg/read-models';
import { serviceQueueOf } from '../../queries/service-queue-of';

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What waits for the person in each place their roles open, by its link, as their home page says
 * it: the work is found there, not by opening every queue to look. Places with nothing to count
 * (reports, search) say nothing.
 */
export function workWaiting(
  actor: Actor,
  queries: ComplaintQueries,
  mail: InboundMailQueries,
  now: Date,
): Record<string, string> {
  const waiting: Record<string, string> = {};
  const counts = queries.countsByStatus([
    'lodged',
    'escalated',
    'board-decided',
    'reimbursement-proposed',
    'reimbursement-approved',
  ]);
  if (hasRole(actor, 'business-support')) {
    waiting['/triage'] = counted(counts.lodged, 'complaint to pass on', 'complaints to pass on');
    waiting['/mail'] = counted(
      mail.awaitingMatchCount().waiting,
      'email waiting',
      'emails waiting',
    );
  }
  if (hasRole(actor, 'service-manager')) {
    const { serviceIds, assignee } = serviceQueueOf(actor, {});
    const { toResolve, overdue } = queries.serviceQueueCounts(serviceIds, now, assignee);
    waiting['/service-queue'] =
      counted(toResolve, 'complaint to resolve', 'complaints to resolve') +
      (overdue > 0 ? `, ${overdue} overdue` : '');
  }
  if (hasRole(actor, 'board-member'))
    waiting['/board'] = [
      counted(counts.escalated, 'to decide', 'to decide'),
      counted(counts['board-decided'], 'awaiting a proposal', 'awaiting a proposal'),
      counted(counts['reimbursement-proposed'], 'to approve', 'to approve'),
    ].join(', ');
  if (hasRole(actor, 'finance'))
    waiting['/finance'] = counted(
      counts['reimbursement-approved'],
      'reimbursement to pay',
      'reimbursements to pay',
    );
  return waiting;
}

import { type Actor, grantOf } from '@sg/complaints';
import { type Assignee } from '@sg/read-models';
import { fieldRefused } from '../http/field-refused';

/** What a service queue is asked to show: one of the reader's services or all, whose complaints. */
export interface ServiceQueueAsked {
  readonly assignedTo?: 'me' | 'nobody';
  readonly serviceId?: string;
}

/**
 * The services and case officer a reader's service queue lists, for the API and the page alike: the
 * services they manage (one of them, if asked), and the complaints assigned to them, to nobody, or
 * to anyone. A service they do not manage is refused, naming the field.
 */
export function serviceQueueOf(
  actor: Actor,
  asked: ServiceQueueAsked,
): { readonly serviceIds: readonly string[]; readonly assignee: Assignee } {
  const managed = grantOf(actor, 'service-manager')?.serviceIds ?? [];
  if (asked.serviceId !== undefined && !managed.includes(asked.serviceId))
    throw fieldRefused('serviceId', 'serviceId must be one of the services you manage');
  return {
    serviceIds: asked.serviceId !== undefined ? [asked.serviceId] : managed,
    assignee:
      asked.assignedTo === 'me'
        ? { personId: actor.id }
        : asked.assignedTo === 'nobody'
          ? 'nobody'
          : null,
  };
}

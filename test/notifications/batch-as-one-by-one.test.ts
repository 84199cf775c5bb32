import Database from 'better-sqlite3';
import { DEADLINE_WORKER } from '@sg/complaints';
import { type RecordedEvent } from '@sg/event-store';
import { collect } from '../event-store/event-store-conformance';
import { NotificationStore } from '@sg/notifications';
import {
  lodgeComplaint,
  notificationReactor,
  reactorOverStore,
} from './support/reactor-over-store';
import { MANAGER as manager, SUPPORT as support } from './support/recording-transport';

describe('the notification reactor given a batch', () => {
  it('queues, withdraws and knows exactly what it does given the same events one at a time', async () => {
    // One at a time, as reactorOverStore feeds it: the reference.
    const { events, store, addServiceManager, act, close } = reactorOverStore();
    await addServiceManager('p-manager', 'Hal', 'schools-hr');
    for (const complaintId of ['c-1', 'c-2']) {
      await act(complaintId, lodgeComplaint(complaintId, support, 'phone'));
      const referred = await act(complaintId, {
        type: 'ReferComplaint',
        actor: support,
        at: '2025-06-03T09:00:00.000Z',
        serviceId: null,
        note: null,
      });
      const resolution = referred.exists ? referred.clocks.resolution! : null;
      // A warning queued, then withdrawn by the resolution proposed after it.
      await act(complaintId, {
        type: 'ReachDeadline',
        actor: DEADLINE_WORKER,
        at: resolution!.timing.warningAt!,
        clock: 'resolution',
        revision: resolution!.timing.revision,
        timer: 'warning',
      });
      await act(complaintId, {
        type: 'ProposeResolution',
        actor: manager,
        at: '2025-06-14T10:00:00.000Z',
        resolution: 'The grievance advice was sent today',
      });
    }
    const all: RecordedEvent[] = await collect(events.readAll());

    // The same events in one batch, over a file of the reactor's own.
    const db = new Database(':memory:');
    const batched = new NotificationStore(db);
    const reactor = notificationReactor(batched, events, db);
    await reactor.handleBatch!(all);

    expect(store.outbox().length).toBeGreaterThan(4);
    expect(store.outbox().some((mail) => mail.withdrawnAt !== null)).toBe(true);
    expect(batched.outbox()).toEqual(store.outbox());
    for (const complaintId of ['c-1', 'c-2'])
      expect(batched.complaint(complaintId)).toEqual(store.complaint(complaintId));
    expect(batched.position()).toEqual(all[all.length - 1].position);
    batched.close();
    await close();
  });
});

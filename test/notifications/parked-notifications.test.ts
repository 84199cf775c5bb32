import Database from 'better-sqlite3';
import {
  CheckpointedRunner,
  type NewEvent,
  type RecordedEvent,
  SqliteCheckpointStore,
  SqliteEventStore,
  SqliteParkedEventStore,
  SqliteReactionProgressStore,
} from '@sg/event-store';
import {
  type ComplaintCommand,
  type ComplaintEvent,
  decide,
  foldComplaint,
  schemaVersionOf,
} from '@sg/complaints';
import { MessageWriter, NotificationReactor, NotificationStore } from '@sg/notifications';
import { WorkingDayCalendar } from '@sg/working-days';
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { lodgeComplaint } from './support/reactor-over-store';

const directoryEvent = (type: string, data: object): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { schemaVersion: 1 },
});

const calendar = new WorkingDayCalendar();

/** A complaint's commands decided as the engine decides them, each append's events to store. */
function complaintAppends() {
  let history: ComplaintEvent[] = [];
  return (command: ComplaintCommand): NewEvent[] => {
    const events = decide(command, foldComplaint(history), { calendar });
    history = [...history, ...events];
    return events.map((event) => ({
      id: randomUUID(),
      type: event.type,
      data: event.data,
      metadata: { schemaVersion: schemaVersionOf(event.type) },
    }));
  };
}

describe('the notification reactor parking an event', () => {
  it('moves its own checkpoint past it, and on a retry replays the stream so a later change stands', async () => {
    const events = new SqliteEventStore({ file: ':memory:' });
    const runnerDb = new Database(':memory:');
    const parked = new SqliteParkedEventStore(runnerDb);
    const notificationsDb = new Database(':memory:');
    const store = new NotificationStore(notificationsDb);
    // A real failure of the reactor's file, for Board grants only.
    notificationsDb.exec(`CREATE TRIGGER no_board BEFORE INSERT ON grants WHEN NEW.role = 'board-member'
                          BEGIN SELECT RAISE(ABORT, 'grants refused'); END`);
    const running = new CheckpointedRunner(events, new SqliteCheckpointStore(runnerDb), {
      retryDelayMs: { first: 2, max: 10 },
      retryRequestPollMs: 10,
      attemptsBeforeParking: 2,
      parkedEvents: parked,
      progress: new SqliteReactionProgressStore(runnerDb),
      logger: { error: () => undefined },
    }).start(
      new NotificationReactor(
        store,
        new WorkingDayCalendar(),
        events,
        new MessageWriter('http://localhost:3000'),
      ),
    );

    const person = 'person-p1';
    await events.appendToStream(
      person,
      [directoryEvent('PersonRegistered', { personId: 'p1', name: 'Pat', email: 'pat@x.example' })],
      { expectedRevision: 'no_stream' },
    );
    const granted = await events.appendToStream(
      person,
      [
        directoryEvent('RoleGranted', {
          personId: 'p1',
          grant: { role: 'board-member', chair: true },
        }),
      ],
      { expectedRevision: 0n },
    );
    await running.reached(granted.position);
    expect(store.position()).toEqual(granted.position);
    const [record] = await parked.waiting('notification-reactor');
    expect(record).toMatchObject({ type: 'RoleGranted', error: 'grants refused', attempts: 2 });

    const revoked = await events.appendToStream(
      person,
      [directoryEvent('RoleRevoked', { personId: 'p1', role: 'board-member' })],
      { expectedRevision: 1n },
    );
    await running.reached(revoked.position);

    notificationsDb.exec('DROP TRIGGER no_board');
    await parked.requestRetry(record.id, new Date());
    await eventually(async () => (await parked.get(record.id))?.status === 'retried');
    await running.stop();
    // Handed over late, the grant did not outlive the revocation that came after it.
    expect(store.boardMembers()).toEqual([]);
    expect(store.position()).toEqual(revoked.position);
    store.close();
    runnerDb.close();
    await events.close();
  });

  it('given its database, writes a batch in one transaction; a batch that fails goes again one event at a time', async () => {
    const events = new SqliteEventStore({ file: ':memory:' });
    const runnerDb = new Database(':memory:');
    const parked = new SqliteParkedEventStore(runnerDb);
    const notificationsDb = new Database(':memory:');
    const store = new NotificationStore(notificationsDb);
    notificationsDb.exec(`CREATE TRIGGER no_board BEFORE INSERT ON grants WHEN NEW.role = 'board-member'
                          BEGIN SELECT RAISE(ABORT, 'grants refused'); END`);
    const reactor = new NotificationReactor(
      store,
      new WorkingDayCalendar(),
      events,
      new MessageWriter('http://localhost:3000'),
      () => undefined,
      notificationsDb,
    );
    const batches: number[] = [];
    const batch = reactor.handleBatch!;
    Object.assign(reactor, {
      handleBatch: (recorded: readonly RecordedEvent[]) => {
        batches.push(recorded.length);
        return batch(recorded);
      },
    });
    const running = new CheckpointedRunner(events, new SqliteCheckpointStore(runnerDb), {
      retryDelayMs: { first: 2, max: 10 },
      attemptsBeforeParking: 2,
      parkedEvents: parked,
      progress: new SqliteReactionProgressStore(runnerDb),
      logger: { error: () => undefined },
    }).start(reactor);

    // A person and their role, stored together: one batch, the role read back within it.
    const registered = await events.appendToStream(
      'person-p1',
      [
        directoryEvent('PersonRegistered', { personId: 'p1', name: 'Pat', email: 'pat@x.example' }),
        directoryEvent('RoleGranted', { personId: 'p1', grant: { role: 'business-support' } }),
      ],
      { expectedRevision: 'no_stream' },
    );
    await running.reached(registered.position);
    expect(batches).toEqual([2]);
    expect(store.businessSupport()).toEqual([
      { personId: 'p1', name: 'Pat', email: 'pat@x.example' },
    ]);
    expect(store.position()).toEqual(registered.position);

    // The grant fails the batch; one at a time, the registration is written and the grant parked.
    const refused = await events.appendToStream(
      'person-p2',
      [
        directoryEvent('PersonRegistered', { personId: 'p2', name: 'Sam', email: 'sam@x.example' }),
        directoryEvent('RoleGranted', {
          personId: 'p2',
          grant: { role: 'board-member', chair: true },
        }),
        directoryEvent('RoleGranted', { personId: 'p2', grant: { role: 'business-support' } }),
      ],
      { expectedRevision: 'no_stream' },
    );
    await running.reached(refused.position);
    await running.stop();
    expect(batches).toEqual([2, 3]);
    expect((await parked.waiting('notification-reactor')).map((p) => p.revision)).toEqual([1n]);
    expect(store.businessSupport().map((person) => person.name)).toEqual(['Pat', 'Sam']);
    expect(store.position()).toEqual(refused.position);
    store.close();
    runnerDb.close();
    await events.close();
  });

  it('plans a parked complaint event, handed over again, from the complaint as it stood before it', async () => {
    const events = new SqliteEventStore({ file: ':memory:' });
    const runnerDb = new Database(':memory:');
    const parked = new SqliteParkedEventStore(runnerDb);
    const notificationsDb = new Database(':memory:');
    const store = new NotificationStore(notificationsDb);
    // A real failure of the reactor's file, for the school's referral mail only.
    notificationsDb.exec(`CREATE TRIGGER no_referral BEFORE INSERT ON outbox
                          WHEN NEW.kind = 'referred-for-school'
                          BEGIN SELECT RAISE(ABORT, 'outbox refused'); END`);
    const running = new CheckpointedRunner(events, new SqliteCheckpointStore(runnerDb), {
      retryDelayMs: { first: 2, max: 10 },
      retryRequestPollMs: 10,
      attemptsBeforeParking: 2,
      parkedEvents: parked,
      progress: new SqliteReactionProgressStore(runnerDb),
      logger: { error: () => undefined },
    }).start(
      new NotificationReactor(store, calendar, events, new MessageWriter('http://localhost:3000')),
    );
    const decided = complaintAppends();
    const support = {
      id: 'p-support',
      name: 'Sam',
      roles: [{ role: 'business-support' as const }],
    };
    const manager = {
      id: 'p-manager',
      name: 'Hal',
      roles: [{ role: 'service-manager' as const, serviceIds: ['schools-hr'] }],
    };
    const stream = 'complaint-c-1';
    const lodged = await events.appendToStream(
      stream,
      decided(lodgeComplaint('c-1', support, 'phone')),
      { expectedRevision: 'no_stream' },
    );
    const referred = await events.appendToStream(
      stream,
      decided({
        type: 'ReferComplaint',
        actor: support,
        at: '2025-06-03T09:00:00.000Z',
        serviceId: null,
        note: null,
      }),
      { expectedRevision: lodged.nextExpectedRevision },
    );
    await running.reached(referred.position);
    const [record] = await parked.waiting('notification-reactor');
    expect(record).toMatchObject({ type: 'ClockStarted', error: 'outbox refused' });

    // The complaint moves on while the referral's clock event waits.
    const proposed = await events.appendToStream(
      stream,
      decided({
        type: 'ProposeResolution',
        actor: manager,
        at: '2025-06-04T09:00:00.000Z',
        resolution: 'An adviser will call.',
      }),
      { expectedRevision: referred.nextExpectedRevision },
    );
    await running.reached(proposed.position);

    notificationsDb.exec('DROP TRIGGER no_referral');
    await parked.requestRetry(record.id, new Date());
    await eventually(async () => (await parked.get(record.id))?.status === 'retried');
    await running.stop();
    const [referral] = store.outbox().filter((n) => n.kind === 'referred-for-school');
    expect(referral.text).toContain('must resolve it by Tuesday 17 June 2025');
    expect(store.outbox().map((n) => n.kind)).toContain('resolution-proposed-for-school');
    store.close();
    runnerDb.close();
    await events.close();
  });
});

import Database from 'better-sqlite3';
import {
  type Actor,
  type ComplaintCommand,
  DEFAULT_POLICY,
  type ComplaintEvent,
  decide,
  foldComplaint,
  schemaVersionOf,
} from '@sg/complaints';
import { type EventStore, type Position, SqliteEventStore } from '@sg/event-store';
import { MessageWriter, NotificationReactor, NotificationStore } from '@sg/notifications';
import { WorkingDayCalendar } from '@sg/working-days';
import { randomUUID } from 'node:crypto';

export const calendar = new WorkingDayCalendar();

/** Brookside's complaint `complaintId` about Schools HR, lodged on Monday 2 June 2025 by `actor`. */
export const lodgeComplaint = (
  complaintId: string,
  actor: Actor,
  channel: 'phone' | 'web-form',
): ComplaintCommand => ({
  type: 'LodgeComplaint',
  actor,
  at: '2025-06-02T09:00:00.000Z',
  complaintId,
  reference: `SG-2025-${complaintId.replace(/\D/g, '').padStart(6, '0')}`,
  channel,
  schoolUrn: '119300',
  serviceId: 'schools-hr',
  summary: 'No reply about a grievance',
  details: 'We raised a grievance in March.',
  standards: ['listen-and-respond'],
  contact: { name: 'Jane Head', email: 'head@brookside.example' },
  relatedContractId: null,
  relatedBookingId: null,
  policy: DEFAULT_POLICY,
});

/**
 * The reactor writing to `store`, reading complaints from `events`; given `database` (the store's
 * own), it takes a batch in one transaction, as the worker runs it.
 */
export const notificationReactor = (
  store: NotificationStore,
  events: EventStore,
  database?: Database.Database,
) =>
  new NotificationReactor(
    store,
    calendar,
    events,
    new MessageWriter('http://localhost:3000'),
    () => undefined,
    database,
  );

/**
 * The notification reactor over an event store in memory, as the worker runs it: each append is
 * followed by the reactor taking, from the store, every event it has not seen. Directory events
 * are appended as given; a complaint's commands are decided by the real decider.
 */
export function reactorOverStore(notificationsDb = new Database(':memory:')) {
  const events: EventStore = new SqliteEventStore({ file: ':memory:' });
  const store = new NotificationStore(notificationsDb);
  const reactor = notificationReactor(store, events);
  let after: Position | null = null;
  const handleNew = async () => {
    for await (const recorded of events.readAll(
      after ? { fromPosition: { ...after, commit: after.commit + 1n } } : {},
    )) {
      await reactor.handle(recorded);
      after = recorded.position;
    }
  };
  /** Moves past what is new without handling it, as an older release that ignored it did. */
  const passOver = async () => {
    for await (const recorded of events.readAll(
      after ? { fromPosition: { ...after, commit: after.commit + 1n } } : {},
    ))
      after = recorded.position;
  };
  const directory = async (stream: string, type: string, data: object) => {
    await events.appendToStream(
      stream,
      [{ id: randomUUID(), type, data, metadata: { schemaVersion: 1 } }],
      { expectedRevision: 'any' },
    );
    await handleNew();
  };
  /** A service's manager, in the directory as an administrator would add them. */
  const addServiceManager = async (personId: string, name: string, serviceId: string) => {
    await directory(`person-${personId}`, 'PersonRegistered', {
      personId,
      name,
      email: `${name.toLowerCase()}@county.example`,
    });
    await directory(`person-${personId}`, 'RoleGranted', {
      personId,
      grant: { role: 'service-manager', serviceIds: [serviceId] },
    });
  };
  const histories = new Map<string, ComplaintEvent[]>();
  /** Decides `command` on complaint `complaintId`, stores its events; the complaint after it. */
  const act = async (complaintId: string, command: ComplaintCommand) => {
    const history = histories.get(complaintId) ?? [];
    const decided = decide(command, foldComplaint(history), { calendar });
    histories.set(complaintId, [...history, ...decided]);
    await events.appendToStream(
      `complaint-${complaintId}`,
      decided.map((event) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: { schemaVersion: schemaVersionOf(event.type) },
      })),
      { expectedRevision: 'any' },
    );
    await handleNew();
    return foldComplaint(histories.get(complaintId)!);
  };
  const close = async () => {
    store.close();
    await events.close();
  };
  return { events, store, reactor, directory, addServiceManager, passOver, act, close };
}

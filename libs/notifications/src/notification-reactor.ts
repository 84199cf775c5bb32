import { complaintEventFrom, type ComplaintEvent } from '@sg/complaints';
import { type DirectoryEvent } from '@sg/directory';
import { type EventStore, type Position, type Reaction, type RecordedEvent } from '@sg/event-store';
import { type WorkingDayCalendar } from '@sg/working-days';
import type Database from 'better-sqlite3';
import { type ComplaintFacts } from './audience';
import {
  NOTIFICATION_REACTOR,
  type NotificationChanges,
  type NotificationStore,
} from './notification-store';
import { planNotifications } from './plan-notifications';

const COMPLAINT = 'complaint-';

const directoryEventOf = (recorded: RecordedEvent) =>
  ({ type: recorded.type, data: recorded.data }) as DirectoryEvent;

/** What a complaint event changes in the facts notifications are written from. */
function nextFacts(
  complaintId: string,
  previous: ComplaintFacts | null,
  event: ComplaintEvent,
): ComplaintFacts | null {
  switch (event.type) {
    case 'ComplaintLodged':
      return {
        complaintId,
        reference: event.data.reference,
        schoolUrn: event.data.schoolUrn,
        serviceId: event.data.serviceId,
        summary: event.data.summary,
        contact: event.data.contact,
      };
    case 'ComplaintReferred':
      return previous && { ...previous, serviceId: event.data.serviceId };
    case 'ComplaintRerouted':
      return previous && { ...previous, serviceId: event.data.toServiceId };
    default:
      return null;
  }
}

function directoryChanges(event: DirectoryEvent): NotificationChanges {
  switch (event.type) {
    case 'PersonRegistered':
      return { person: event.data };
    case 'RoleGranted':
      return { grant: event.data };
    case 'RoleRevoked':
      return { revoke: event.data };
    case 'SchoolRegistered':
    case 'SchoolDetailsChanged':
      return { school: { urn: event.data.urn, name: event.data.name } };
    default:
      return {};
  }
}

/**
 * Turns the store's events into notifications in the outbox: it keeps who holds which role and
 * what each complaint is, and when a warning, a missed deadline or an escalation is recorded,
 * plans the messages it calls for. Each event's changes and the checkpoint commit together (a
 * batch's, when it is given the store's database); an event the runner parks moves the checkpoint
 * alone.
 */
export class NotificationReactor implements Reaction {
  readonly name = NOTIFICATION_REACTOR;
  readonly filter = { streamPrefixes: [COMPLAINT, 'person-', 'school-'] };
  readonly checkpoints = {
    loadCheckpoint: (): Promise<Position | null> => Promise.resolve(this.store.position()),
  };

  /** Offered when the reactor is given the store's database: see the constructor. */
  readonly handleBatch?: (events: readonly RecordedEvent[]) => Promise<void>;

  constructor(
    private readonly store: NotificationStore,
    private readonly calendar: WorkingDayCalendar,
    private readonly events: EventStore,
    private readonly onQueued: () => void = () => undefined,
    /**
     * The database `store` writes to. Given it, the reactor takes a batch of events at once: each
     * event's changes are written as `handle` writes them (a savepoint each), all inside one
     * transaction, so the batch and the checkpoint after it commit together, or nothing does.
     * Each event is planned from what the events before it in the batch wrote, read back inside
     * that transaction.
     */
    database?: Database.Database,
  ) {
    if (database) {
      const writeAll = database.transaction((batch: readonly RecordedEvent[]) =>
        batch.reduce((queued, recorded) => this.write(recorded) || queued, false),
      );
      this.handleBatch = (batch) => {
        if (writeAll(batch)) this.onQueued();
        return Promise.resolve();
      };
    }
  }

  handle(recorded: RecordedEvent): Promise<void> {
    if (this.write(recorded)) this.onQueued();
    return Promise.resolve();
  }

  skip(recorded: RecordedEvent): Promise<void> {
    this.store.skip(recorded.position);
    return Promise.resolve();
  }

  /**
   * A parked event handed over again, after later ones. Its stream is read again and the facts it
   * holds replayed in order, so that coming late the event cannot undo a later change (a role
   * granted after it was revoked); then what the event itself calls for is queued, written for
   * the complaint as it is now.
   */
  async retry(late: RecordedEvent): Promise<void> {
    const history: RecordedEvent[] = [];
    for await (const recorded of this.events.readStream(late.stream)) history.push(recorded);
    if (!late.stream.startsWith(COMPLAINT)) {
      this.store.writeLate(history.map((recorded) => directoryChanges(directoryEventOf(recorded))));
      return;
    }
    const complaintId = late.stream.slice(COMPLAINT.length);
    const facts = history.reduce<ComplaintFacts | null>(
      (known, recorded) => nextFacts(complaintId, known, complaintEventFrom(recorded)) ?? known,
      null,
    );
    if (!facts) return;
    const event = complaintEventFrom(late);
    const isFact = nextFacts(complaintId, facts, event) !== null;
    const notifications = isFact
      ? []
      : planNotifications({ ...event, id: late.id }, facts, this.store, this.calendar);
    this.store.writeLate([{ complaint: facts, notifications }]);
    if (notifications.length) this.onQueued();
  }

  /** Writes what the event changes, with its position; whether it queued a notification. */
  private write(recorded: RecordedEvent): boolean {
    const changes = recorded.stream.startsWith(COMPLAINT)
      ? this.complaintChanges(recorded)
      : directoryChanges(directoryEventOf(recorded));
    this.store.write(changes, recorded.position);
    return (changes.notifications?.length ?? 0) > 0;
  }

  private complaintChanges(recorded: RecordedEvent): NotificationChanges {
    const complaintId = recorded.stream.slice(COMPLAINT.length);
    const event = complaintEventFrom(recorded);
    const known = this.store.complaint(complaintId);
    const changed = nextFacts(complaintId, known, event);
    if (changed) return { complaint: changed };
    if (!known) return {};
    return {
      notifications: planNotifications(
        { ...event, id: recorded.id },
        known,
        this.store,
        this.calendar,
      ),
    };
  }
}

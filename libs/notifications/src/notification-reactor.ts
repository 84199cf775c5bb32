import { type ComplaintEvent, complaintEventFrom } from '@sg/complaints';
import { type DirectoryEvent, directoryStreams, foldPerson } from '@sg/directory';
import { type EventStore, type Position, type Reaction, type RecordedEvent } from '@sg/event-store';
import { type WorkingDayCalendar } from '@sg/working-days';
import type Database from 'better-sqlite3';
import { type Audience, type ComplaintFacts } from './audience';
import { nextFacts } from './complaint-facts';
import { messagesEndedBy } from './messages-of-a-clock';
import { deliveryOutcomeOf, NOTIFICATION_STREAM_PREFIX } from './delivery-record';
import { type MessageWriter } from './message-writer';
import {
  NOTIFICATION_REACTOR,
  type NotificationChanges,
  type NotificationStore,
} from './notification-store';
import { planNotifications } from './plan-notifications';

const COMPLAINT = 'complaint-';

/**
 * Complaints, the people and schools mail goes to, the services it names, and what became of each
 * message sent.
 */
export const NOTIFICATION_REACTOR_FILTER = {
  streamPrefixes: [COMPLAINT, 'person-', 'school-', 'service-', NOTIFICATION_STREAM_PREFIX],
} as const;

const directoryEventOf = (recorded: RecordedEvent) =>
  ({ type: recorded.type, data: recorded.data }) as DirectoryEvent;

function directoryChanges(event: DirectoryEvent): NotificationChanges {
  switch (event.type) {
    case 'PersonRegistered':
      return { person: event.data };
    case 'PersonInvited':
      return {
        person: { personId: event.data.personId, name: event.data.name, email: event.data.email },
      };
    case 'AccountDisabled':
      return { account: { personId: event.data.personId, disabled: true } };
    case 'AccountEnabled':
      return { account: { personId: event.data.personId, disabled: false } };
    case 'RoleGranted':
      return { grant: event.data };
    case 'RoleRevoked':
      return { revoke: event.data };
    case 'SchoolRegistered':
    case 'SchoolDetailsChanged':
      return { school: { urn: event.data.urn, name: event.data.name } };
    case 'ServiceRegistered':
      return { service: { serviceId: event.data.serviceId, name: event.data.name } };
    case 'MailPreferencesChanged':
      return {
        mailPreferences: {
          personId: event.data.personId,
          turnedOff: event.data.turnedOff,
          at: event.data.at,
        },
      };
    default:
      return {};
  }
}

/** The event a message is planned for, and the request or process it came from. */
const causeOf = (recorded: RecordedEvent) => ({
  id: recorded.id,
  ...(recorded.metadata.correlationId ? { correlationId: recorded.metadata.correlationId } : {}),
});

/** The complaint's waiting messages the event ends, if any. */
function withdrawalsOf(
  complaintId: string,
  event: ComplaintEvent,
  facts: ComplaintFacts | null,
  audience: Audience,
): NotificationChanges {
  const ended = messagesEndedBy(event, facts, audience);
  return ended ? { withdraw: { complaintId, ...ended, at: event.data.at } } : {};
}

/**
 * Turns the store's events into notifications in the outbox: it keeps who holds which role, what
 * mail each person turned off and what each complaint is, and plans the messages each complaint
 * event calls for. Each event's changes and the checkpoint commit together (a batch's, when it is
 * given the store's database); an event the runner parks moves the checkpoint alone.
 */
export class NotificationReactor implements Reaction {
  readonly name = NOTIFICATION_REACTOR;
  readonly filter = NOTIFICATION_REACTOR_FILTER;
  readonly checkpoints = {
    loadCheckpoint: (): Promise<Position | null> => Promise.resolve(this.store.position()),
  };

  /** Offered when the reactor is given the store's database: see the constructor. */
  readonly handleBatch?: (events: readonly RecordedEvent[]) => Promise<void>;

  constructor(
    private readonly store: NotificationStore,
    private readonly calendar: WorkingDayCalendar,
    private readonly events: EventStore,
    private readonly writer: MessageWriter,
    private readonly onQueued: () => void = () => undefined,
    /**
     * The database `store` writes to. Given it, the reactor takes a batch of events at once, in one
     * transaction with the checkpoint after its last event, so both commit together or nothing
     * does. Each event is planned from the facts the events before it in the batch wrote, kept in
     * memory rather than read back.
     */
    database?: Database.Database,
  ) {
    if (database) {
      // Not `write` event by event: a savepoint and a checkpoint each, and each complaint's facts
      // read back and parsed for every event of it, cost more than planning a lodge's messages.
      const writeAll = database.transaction((batch: readonly RecordedEvent[]) => {
        if (batch.length === 0) return false;
        const factsWritten = new Map<string, ComplaintFacts | null>();
        let queued = false;
        for (const recorded of batch) {
          const changes = this.changesOf(recorded, factsWritten);
          this.store.writeWithin(changes);
          queued = (changes.notifications?.length ?? 0) > 0 || queued;
        }
        this.store.skip(batch[batch.length - 1].position);
        return queued;
      });
      this.handleBatch = (batch) => {
        if (writeAll(batch)) this.onQueued();
        return Promise.resolve();
      };
    }
  }

  /**
   * For a file made before disabled accounts were left out of mail: reads each person's record
   * again, so that those disabled before the upgrade are not written to after it.
   */
  async recheckAccounts(): Promise<void> {
    if (!this.store.accountsToRecheck) return;
    const accounts: { personId: string; disabled: boolean }[] = [];
    for (const personId of this.store.peopleIds()) {
      const history: DirectoryEvent[] = [];
      for await (const recorded of this.events.readStream(directoryStreams.person(personId)))
        history.push(directoryEventOf(recorded));
      accounts.push({ personId, disabled: foldPerson(history)?.disabled ?? false });
    }
    this.store.setAccounts(accounts);
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
   * granted after it was revoked); what the event itself calls for is planned from the complaint
   * as it stood just before the event, as it would have been in order, and sent to whoever holds
   * the roles now.
   */
  async retry(late: RecordedEvent): Promise<void> {
    const history: RecordedEvent[] = [];
    for await (const recorded of this.events.readStream(late.stream)) history.push(recorded);
    if (!late.stream.startsWith(COMPLAINT)) {
      this.store.writeLate(history.map((recorded) => this.otherChanges(recorded)));
      return;
    }
    const complaintId = late.stream.slice(COMPLAINT.length);
    let facts: ComplaintFacts | null = null;
    const factsBefore = new Map<string, ComplaintFacts | null>();
    for (const recorded of history) {
      factsBefore.set(recorded.id, facts);
      facts = nextFacts(complaintId, facts, complaintEventFrom(recorded)) ?? facts;
    }
    const before = factsBefore.get(late.id) ?? null;
    if (!facts) return;
    const lateAt = history.findIndex((recorded) => recorded.id === late.id);
    const lateAndAfter = lateAt >= 0 ? history.slice(lateAt) : [];
    const notifications = before
      ? planNotifications(
          { ...complaintEventFrom(late), ...causeOf(late) },
          before,
          this.store,
          this.calendar,
          this.writer,
        )
      : [];
    // What it plans late is withdrawn again if a later event ended the clock run it belongs to.
    this.store.writeLate([
      { complaint: facts, notifications },
      ...lateAndAfter.map((recorded) =>
        withdrawalsOf(
          complaintId,
          complaintEventFrom(recorded),
          factsBefore.get(recorded.id) ?? null,
          this.store,
        ),
      ),
    ]);
    if (notifications.length) this.onQueued();
  }

  /** Writes what the event changes, with its position; whether it queued a notification. */
  private write(recorded: RecordedEvent): boolean {
    const changes = this.changesOf(recorded);
    this.store.write(changes, recorded.position);
    return (changes.notifications?.length ?? 0) > 0;
  }

  /**
   * What the event changes; `factsWritten`, in a batch, holds the facts of each complaint its
   * earlier events wrote, which are read from there rather than from the file, and is kept up to
   * date.
   */
  private changesOf(
    recorded: RecordedEvent,
    factsWritten?: Map<string, ComplaintFacts | null>,
  ): NotificationChanges {
    if (!recorded.stream.startsWith(COMPLAINT)) return this.otherChanges(recorded);
    const complaintId = recorded.stream.slice(COMPLAINT.length);
    const known = factsWritten?.has(complaintId)
      ? factsWritten.get(complaintId)!
      : this.store.complaint(complaintId);
    const changes = this.complaintChanges(complaintId, recorded, known);
    factsWritten?.set(complaintId, changes.complaint ?? known);
    return changes;
  }

  /** A directory change, or a message's outcome recorded by whichever worker sent it. */
  private otherChanges(recorded: RecordedEvent): NotificationChanges {
    if (!recorded.stream.startsWith(NOTIFICATION_STREAM_PREFIX))
      return directoryChanges(directoryEventOf(recorded));
    const outcome = deliveryOutcomeOf(recorded);
    if (!outcome) return {};
    return {
      delivery: {
        notificationId: recorded.stream.slice(NOTIFICATION_STREAM_PREFIX.length),
        ...outcome,
      },
    };
  }

  private complaintChanges(
    complaintId: string,
    recorded: RecordedEvent,
    known: ComplaintFacts | null,
  ): NotificationChanges {
    const event = complaintEventFrom(recorded);
    const changed = nextFacts(complaintId, known, event);
    return {
      ...(changed ? { complaint: changed } : {}),
      ...withdrawalsOf(complaintId, event, known, this.store),
      ...(known
        ? {
            notifications: planNotifications(
              { ...event, ...causeOf(recorded) },
              known,
              this.store,
              this.calendar,
              this.writer,
            ),
          }
        : {}),
    };
  }
}

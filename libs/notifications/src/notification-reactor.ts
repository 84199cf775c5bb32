import { type ComplaintEvent } from '@sg/complaints';
import { type DirectoryEvent } from '@sg/directory';
import { type Position, type Reaction, type RecordedEvent } from '@sg/event-store';
import { type WorkingDayCalendar } from '@sg/working-days';
import { type ComplaintFacts } from './audience';
import {
  NOTIFICATION_REACTOR,
  type NotificationChanges,
  type NotificationStore,
} from './notification-store';
import { planNotifications } from './plan-notifications';

const COMPLAINT = 'complaint-';

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
 * plans the messages it calls for. Each event's changes and the checkpoint commit together.
 */
export class NotificationReactor implements Reaction {
  readonly name = NOTIFICATION_REACTOR;
  readonly filter = { streamPrefixes: [COMPLAINT, 'person-', 'school-'] };
  readonly checkpoints = {
    loadCheckpoint: (): Promise<Position | null> => Promise.resolve(this.store.position()),
  };

  constructor(
    private readonly store: NotificationStore,
    private readonly calendar: WorkingDayCalendar,
    private readonly onQueued: () => void = () => undefined,
  ) {}

  handle(recorded: RecordedEvent): Promise<void> {
    const changes = recorded.stream.startsWith(COMPLAINT)
      ? this.complaintChanges(recorded)
      : directoryChanges({ type: recorded.type, data: recorded.data } as DirectoryEvent);
    this.store.write(changes, recorded.position);
    if (changes.notifications?.length) this.onQueued();
    return Promise.resolve();
  }

  private complaintChanges(recorded: RecordedEvent): NotificationChanges {
    const complaintId = recorded.stream.slice(COMPLAINT.length);
    const event = { type: recorded.type, data: recorded.data } as ComplaintEvent;
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

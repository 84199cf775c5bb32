import { type DirectoryEvent } from '../directory-events';

type MailPreferencesChanged = Extract<DirectoryEvent, { type: 'MailPreferencesChanged' }>;

/** The notification kinds the person's stream says they turned off, as they last chose. */
export function mailTurnedOff(events: readonly DirectoryEvent[]): readonly string[] {
  const changed = events.findLast(
    (event): event is MailPreferencesChanged => event.type === 'MailPreferencesChanged',
  );
  return changed?.data.turnedOff ?? [];
}

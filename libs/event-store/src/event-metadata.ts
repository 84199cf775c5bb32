/** Who did it, and on whose behalf: recorded with every event, because the stream is the audit trail. */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

export interface EventMetadata {
  /** The version of the event's `data` schema; upcasters bring old versions up to date. */
  readonly schemaVersion: number;
  /** The request or process that led to this event; shared by everything it caused. */
  readonly correlationId?: string;
  /** The command or event that directly caused this one. */
  readonly causationId?: string;
  readonly actor?: Actor;
  readonly [key: string]: unknown;
}

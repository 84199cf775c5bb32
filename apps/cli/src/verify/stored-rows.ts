import { type Position } from '@sg/event-store';

/** An event as its store's table holds it, read without the engine's adapter. */
export interface StoredRow {
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly position: Position;
  /** Where reading every event goes on from (inclusive): just past this one. */
  readonly next: Position;
  /** Why the adapter cannot return the event, when the row alone shows it; else null. */
  readonly unreadable: string | null;
}

/**
 * The store's table read directly. When the adapter stops at an event it cannot return, this names
 * that event and where to read on from, so that one bad row does not hide the rest of the store.
 */
export interface StoredRows {
  /** The first event after `position` in the store's global order (from the start when null). */
  after(position: Position | null): Promise<StoredRow | null>;
  close(): Promise<void>;
}

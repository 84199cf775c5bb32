import { type Position } from '../position';

/** Waiting for someone; asked to be tried again; or handled at last by a retry. */
export type ParkedEventStatus = 'parked' | 'retry-requested' | 'retried';

/** An event a reaction gave up on after repeated failures, so that it could go on to later ones. */
export interface ParkedEvent {
  /** What an operator names it by (`retry-parked <id>`). */
  readonly id: number;
  readonly reaction: string;
  readonly position: Position;
  readonly stream: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  /** The latest failure's message: the one that parked it, or that of a failed retry. */
  readonly error: string;
  /** Attempts so far, failed retries included. */
  readonly attempts: number;
  readonly parkedAt: Date;
  readonly status: ParkedEventStatus;
  readonly retryRequestedAt: Date | null;
  /** When the latest retry ended, whichever way. */
  readonly retriedAt: Date | null;
}

export type EventToPark = Omit<ParkedEvent, 'id' | 'status' | 'retryRequestedAt' | 'retriedAt'>;

/**
 * Where a reaction's parked events are recorded, durably, before the reaction goes past them:
 * nothing is skipped without a trace. Retries are asked for here (by an operator, from another
 * process) and the running reaction answers here.
 */
export interface ParkedEventStore {
  /** Parking the same event again (a crash came between parking and going on) keeps one record. */
  park(event: EventToPark): Promise<ParkedEvent>;
  get(id: number): Promise<ParkedEvent | null>;
  /** Parked or waiting for a retry: of one reaction, or of all. Oldest first. */
  waiting(reaction?: string): Promise<ParkedEvent[]>;
  /** Every event ever parked for the reaction after `position`: the runner never hands them on. */
  eventIdsAfter(reaction: string, position: Position | null): Promise<Set<string>>;
  requestRetry(id: number, at: Date): Promise<void>;
  retryRequested(reaction: string): Promise<ParkedEvent[]>;
  markRetried(id: number, at: Date): Promise<void>;
  /** The retry failed too: the event stays parked, with this failure as its error. */
  retryFailed(id: number, error: string, at: Date): Promise<void>;
}

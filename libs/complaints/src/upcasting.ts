import { COMPLAINT_EVENT_SCHEMA_VERSION, type ComplaintEvent } from './events';

/** Brings one event type's data from one schema version to the next. */
export type Upcaster = (data: unknown) => unknown;

/** For each event type, the upcaster from each old version to the version after it. */
export type UpcasterChain = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/** None yet: every stored complaint event is at version 1. An old meaning is never rewritten. */
export const COMPLAINT_UPCASTERS: UpcasterChain = {};

export class UnreadableEventError extends Error {
  constructor(type: string, version: number, reason: string) {
    super(`Cannot read ${type} at schema version ${version}: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}

/**
 * A stored complaint event as the current code understands it: its data brought up, one version
 * at a time, to the current schema. An event written by a newer release is refused rather than
 * misread.
 */
export function upcastComplaintEvent(
  stored: { readonly type: string; readonly data: unknown; readonly schemaVersion: number },
  chain: UpcasterChain = COMPLAINT_UPCASTERS,
  current: number = COMPLAINT_EVENT_SCHEMA_VERSION,
): ComplaintEvent {
  let { data, schemaVersion: version } = stored;
  if (version > current)
    throw new UnreadableEventError(stored.type, version, `this release reads up to ${current}`);
  while (version < current) {
    const step = chain[stored.type]?.[version];
    if (!step) throw new UnreadableEventError(stored.type, version, 'no upcaster from it');
    data = step(data);
    version += 1;
  }
  return { type: stored.type, data } as ComplaintEvent;
}

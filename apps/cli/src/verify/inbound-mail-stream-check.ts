import {
  evolveInboundMail,
  INBOUND_MAIL_EVENT_TYPES,
  INBOUND_MAIL_SCHEMA_VERSION,
  type InboundMailEvent,
  NO_MAIL,
} from '@sg/mail';
import { newerThanThisRelease, readsWithout, type StreamCheck } from './stream-check';

const KNOWN = new Set<string>(INBOUND_MAIL_EVENT_TYPES);

/** A message's stream as the mail intake folds it (`evolveInboundMail`). */
export const checkInboundMailStream: StreamCheck = (_stream, events, report) => {
  let state = NO_MAIL;
  for (const event of events) {
    if (!KNOWN.has(event.type)) {
      report(event, `${event.type} is not an inbound mail event this release knows`);
      continue;
    }
    const newer = newerThanThisRelease(event, INBOUND_MAIL_SCHEMA_VERSION);
    if (newer) {
      report(event, newer);
      continue;
    }
    readsWithout(event, report, 'cannot be folded', () => {
      state = evolveInboundMail(state, { type: event.type, data: event.data } as InboundMailEvent);
    });
  }
};

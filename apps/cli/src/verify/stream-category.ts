import { complaintStream } from '@sg/complaints';
import { directoryStreams } from '@sg/directory';
import { INBOUND_MAIL_STREAM_PREFIX } from '@sg/mail';
import { NOTIFICATION_STREAM_PREFIX } from '@sg/notifications';

export const STREAM_CATEGORIES = [
  'complaint',
  'inbound-mail',
  'notification',
  'directory',
  'reference-counter',
  'other',
] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

/** Written by `ReferenceAllocator` in @sg/complaint-service, one stream per year. */
export const REFERENCE_COUNTER_PREFIX = 'reference-counter-';

/** Each directory stream's name with an empty key: its prefix (`people` is the whole name). */
const DIRECTORY_PREFIXES = [
  directoryStreams.service(''),
  directoryStreams.school(''),
  directoryStreams.feeAgreement('contract', ''),
  directoryStreams.feeAgreement('booking', ''),
  directoryStreams.person(''),
  directoryStreams.personEmail(''),
  directoryStreams.identity(''),
  directoryStreams.schoolAddress(''),
  directoryStreams.apiToken(''),
  directoryStreams.signInLog(''),
  directoryStreams.signInFailures(''),
];

/** Which part of the engine writes a stream, from its name as the engine's own helpers make it. */
export function categoryOf(stream: string): StreamCategory {
  if (stream.startsWith(complaintStream(''))) return 'complaint';
  if (stream.startsWith(INBOUND_MAIL_STREAM_PREFIX)) return 'inbound-mail';
  if (stream.startsWith(NOTIFICATION_STREAM_PREFIX)) return 'notification';
  if (stream.startsWith(REFERENCE_COUNTER_PREFIX)) return 'reference-counter';
  if (stream === directoryStreams.people() || DIRECTORY_PREFIXES.some((p) => stream.startsWith(p)))
    return 'directory';
  return 'other';
}

import { ALLOWED_MEDIA_TYPES } from '@sg/attachments';

/**
 * The Content-Type a file is served with: the type its bytes were found to be when it was taken
 * in, if that is one the allow-list serves, with UTF-8 named for text; anything else (an event
 * written by some other path) only as bytes to be saved.
 */
export function servedMediaType(recorded: string): string {
  if (!ALLOWED_MEDIA_TYPES.has(recorded)) return 'application/octet-stream';
  return recorded.startsWith('text/') ? `${recorded}; charset=utf-8` : recorded;
}

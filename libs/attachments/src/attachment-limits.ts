/** How much one upload may carry. */
export interface AttachmentLimits {
  /** The largest file, in bytes (ATTACHMENT_MAX_BYTES). */
  readonly maxBytes: number;
  /** The most files in one upload. */
  readonly maxFiles: number;
}

/** 10 MiB: a scanned letter or a photographed timetable, with room to spare. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export const MAX_FILES_PER_UPLOAD = 10;

/**
 * A size as a person reads it: "10 MB", "2.5 MB", "900 KB". A file's size rounds up and a limit's
 * down, so a file refused as too large never reads as the size allowed.
 */
export function readableSize(bytes: number, rounding: 'up' | 'down' = 'up'): string {
  const round = rounding === 'up' ? Math.ceil : Math.floor;
  const megabytes = bytes / (1024 * 1024);
  if (megabytes >= 1) return `${round(megabytes * 10) / 10} MB`;
  return `${Math.max(1, round(bytes / 1024))} KB`;
}

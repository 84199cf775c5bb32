/** Why an upload was refused: each names the file, where there is one to name. */
export type AttachmentRefusalReason =
  'no-file' | 'too-many-files' | 'too-large' | 'empty' | 'type-not-allowed' | 'type-mismatch';

/** A refused upload: nothing of it was stored. */
export interface AttachmentRefusal {
  readonly reason: AttachmentRefusalReason;
  /** Stable, for clients: ATTACHMENT_TOO_LARGE and the like. */
  readonly code: string;
  /** The file refused, as its name will be shown; null when the refusal is of the upload. */
  readonly fileName: string | null;
  /** What went wrong and what to do, in words a school's staff can act on. */
  readonly message: string;
}

export const ATTACHMENT_REFUSAL_CODES: Readonly<Record<AttachmentRefusalReason, string>> = {
  'no-file': 'ATTACHMENT_REQUIRED',
  'too-many-files': 'TOO_MANY_ATTACHMENTS',
  'too-large': 'ATTACHMENT_TOO_LARGE',
  empty: 'ATTACHMENT_EMPTY',
  'type-not-allowed': 'ATTACHMENT_TYPE_NOT_ALLOWED',
  'type-mismatch': 'ATTACHMENT_TYPE_MISMATCH',
};

export const attachmentRefusal = (
  reason: AttachmentRefusalReason,
  fileName: string | null,
  message: string,
): AttachmentRefusal => ({ reason, code: ATTACHMENT_REFUSAL_CODES[reason], fileName, message });

import { HttpException } from '@nestjs/common';
import { type AttachmentRefusal, type AttachmentRefusalReason } from '@sg/attachments';

/** The form field files are posted in. */
export const FILES_FIELD = 'files';

const STATUS_OF: Readonly<Record<AttachmentRefusalReason, number>> = {
  'no-file': 400,
  'too-many-files': 400,
  'too-large': 413,
  empty: 422,
  'type-not-allowed': 415,
  'type-mismatch': 415,
};

/** A refused upload in the API's one error shape, naming the field (and, in words, the file). */
export const uploadRefused = (
  status: number,
  code: string,
  message: string,
  messages: readonly string[] = [message],
) => new HttpException({ code, message, errors: [{ field: FILES_FIELD, messages }] }, status);

/** What the intake refused, as the API answers it: by the first file refused, naming them all. */
export const intakeRefused = ([first, ...others]: readonly AttachmentRefusal[]) =>
  uploadRefused(STATUS_OF[first.reason], first.code, first.message, [
    first.message,
    ...others.map((refusal) => refusal.message),
  ]);

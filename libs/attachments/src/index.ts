export {
  ALLOWED_KINDS,
  ALLOWED_MEDIA_TYPES,
  type AllowedKind,
  type AttachmentKind,
  WHAT_MAY_BE_SENT,
} from './attachment-kinds';
export {
  AttachmentIntake,
  everyRefusal,
  type AttachmentIntakeOutcome,
  type UploadedFile,
} from './attachment-intake';
export {
  type AttachmentLimits,
  DEFAULT_ATTACHMENT_MAX_BYTES,
  MAX_FILES_PER_UPLOAD,
  readableSize,
} from './attachment-limits';
export {
  ATTACHMENT_REFUSAL_CODES,
  type AttachmentRefusal,
  type AttachmentRefusalReason,
} from './attachment-refusal';
export {
  ATTACHMENT_STORE,
  type AttachmentStore,
  type StoredBytes,
  type StoredFile,
} from './attachment-store';
export { type AttachmentType, attachmentTypeOf } from './attachment-type';
export { displayName, extensionOf } from './file-name';
export { FilesystemAttachmentStore } from './filesystem-attachment-store';
export {
  PostgresAttachmentStore,
  type PostgresAttachmentStoreOptions,
} from './postgres-attachment-store';
export { kindOfBytes } from './kind-of-bytes';
export { describeFile, kindOfFile } from './file-description';

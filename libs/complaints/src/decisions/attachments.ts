import { requireAccess, roleSeeing } from '../access';
import { type ActedBy, type Actor, type Role } from '../actor';
import { type CommandOf } from '../commands';
import { conflict, ruleBroken } from '../errors';
import { type AttachmentRef, type ComplaintEvent } from '../events';
import { type ComplaintState } from '../state';
import { requireText } from './support';

/** The longest name a file is shown under; the intake shortens longer ones before they get here. */
export const MAX_ATTACHMENT_NAME_LENGTH = 200;

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;
// Folders and control characters: a name is shown and offered for download, never used as a path.
const NOT_IN_A_NAME = /[\p{Cc}/\\]/u;

/**
 * Who may add files: anyone who may see the complaint, in the role they see it in, while it is
 * open. The decider checks it; the API checks it too before it stores a byte, so a refused caller
 * leaves nothing behind.
 */
export function requireMayAttach(actor: Actor, state: ComplaintState): ActedBy {
  const complaint = requireAccess(actor, state);
  if (complaint.status === 'closed') {
    throw conflict(
      'COMPLAINT_CLOSED',
      `Cannot add files: complaint ${complaint.reference} is closed`,
    );
  }
  // requireAccess lets through only someone who sees the complaint in some role.
  return { id: actor.id, role: roleSeeing(actor, complaint) as Role };
}

/**
 * The files of one upload, recorded together: one AttachmentAdded each, and what was sent with
 * them but refused, so that the school is told and the complaint shows it.
 */
export function addAttachments(
  command: CommandOf<'AddAttachments'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const by = requireMayAttach(command.actor, state);
  const notKept = command.filesNotKept ?? [];
  if (!state.exists || (command.attachments.length === 0 && notKept.length === 0))
    throw ruleBroken('FIELD_REQUIRED', 'attachments must name at least one file');
  const files = notKept.map((file, index) => ({
    name: typeof file.name === 'string' ? file.name : '',
    reason: requireText(file.reason, `filesNotKept[${index}].reason`),
  }));
  return [
    ...attachmentsAdded(command.attachments, state.attachments, by, command.at),
    ...(files.length > 0
      ? [{ type: 'FilesNotKept' as const, data: { files, by, at: command.at } }]
      : []),
  ];
}

/**
 * One AttachmentAdded for each file not already on the complaint. The same bytes under the same
 * name again (an upload retried, a file chosen twice) are on it already and record nothing; an id
 * already used for something else is refused.
 */
export function attachmentsAdded(
  files: readonly AttachmentRef[],
  onFile: readonly AttachmentRef[],
  by: ActedBy,
  at: string,
): ComplaintEvent[] {
  const known = [...onFile];
  const events: ComplaintEvent[] = [];
  for (const [index, file] of files.entries()) {
    const attachment = checked(file, `attachments[${index}]`);
    const sameId = known.find((other) => other.attachmentId === attachment.attachmentId);
    if (sameId && (sameId.sha256 !== attachment.sha256 || sameId.name !== attachment.name)) {
      throw conflict(
        'ATTACHMENT_EXISTS',
        `attachments[${index}].attachmentId ${attachment.attachmentId} is another file's`,
      );
    }
    const alreadyOn =
      sameId ??
      known.find((other) => other.sha256 === attachment.sha256 && other.name === attachment.name);
    if (alreadyOn) continue;
    known.push(attachment);
    events.push({ type: 'AttachmentAdded', data: { ...attachment, by, at } });
  }
  return events;
}

/** The file as an event records it: its fields alone, each of the form it must have. */
function checked(file: AttachmentRef, field: string): AttachmentRef {
  const attachmentId = requireText(file.attachmentId, `${field}.attachmentId`);
  const name = requireText(file.name, `${field}.name`);
  if (name.length > MAX_ATTACHMENT_NAME_LENGTH || NOT_IN_A_NAME.test(name)) {
    throw ruleBroken(
      'INVALID_ATTACHMENT',
      `${field}.name must be a file name of at most ${MAX_ATTACHMENT_NAME_LENGTH} characters, with no folders or control characters`,
    );
  }
  if (!Number.isSafeInteger(file.sizeBytes) || file.sizeBytes <= 0)
    throw ruleBroken('INVALID_ATTACHMENT', `${field}.sizeBytes must be a whole number above 0`);
  if (typeof file.mediaType !== 'string' || !MEDIA_TYPE.test(file.mediaType))
    throw ruleBroken(
      'INVALID_ATTACHMENT',
      `${field}.mediaType must be a media type such as application/pdf`,
    );
  if (typeof file.sha256 !== 'string' || !SHA256_HEX.test(file.sha256))
    throw ruleBroken('INVALID_ATTACHMENT', `${field}.sha256 must be 64 lower-case hex digits`);
  return {
    attachmentId,
    name,
    sizeBytes: file.sizeBytes,
    mediaType: file.mediaType,
    sha256: file.sha256,
  };
}

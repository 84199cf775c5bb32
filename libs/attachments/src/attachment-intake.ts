import { type AttachmentRef } from '@sg/complaints';
import { randomUUID } from 'node:crypto';
import { ADVICE_BY_EXTENSION, ALLOWED_KINDS, WHAT_MAY_BE_SENT } from './attachment-kinds';
import { type AttachmentLimits, readableSize } from './attachment-limits';
import { type AttachmentRefusal, attachmentRefusal } from './attachment-refusal';
import { type AttachmentStore } from './attachment-store';
import { attachmentTypeOf } from './attachment-type';
import { displayName } from './file-name';

/** A file as it arrived: the name the sender gave it, and its bytes. */
export interface UploadedFile {
  readonly originalName: string;
  readonly bytes: Uint8Array;
}

/**
 * Every file taken in and stored, ready to be recorded; or why none was: the first file refused,
 * and every other refused with it, so that the sender can put all of them right at once.
 */
export type AttachmentIntakeOutcome =
  | { readonly accepted: readonly AttachmentRef[] }
  | { readonly refused: AttachmentRefusal; readonly alsoRefused?: readonly AttachmentRefusal[] };

/** Every refusal of an upload, the first first. */
export const everyRefusal = (outcome: {
  readonly refused: AttachmentRefusal;
  readonly alsoRefused?: readonly AttachmentRefusal[];
}): AttachmentRefusal[] => [outcome.refused, ...(outcome.alsoRefused ?? [])];

/** A file that passed every check, with the name and type it will be recorded with. */
interface CheckedFile {
  readonly file: UploadedFile;
  readonly name: string;
  readonly mediaType: string;
}

/**
 * Takes in the files of one upload, wherever they come from (the API, the pages, mail): checks
 * them all (count, size, type from the bytes, name against type), and only if every one passes
 * stores their bytes and answers with what the complaint's events will record. A refusal names
 * the file and stores nothing. Recording the files is the caller's command; who may add them the
 * caller checks first, so a stranger's bytes never reach the store.
 */
export class AttachmentIntake {
  constructor(
    private readonly store: AttachmentStore,
    readonly limits: AttachmentLimits,
    private readonly newId: () => string = randomUUID,
  ) {}

  async accept(files: readonly UploadedFile[]): Promise<AttachmentIntakeOutcome> {
    const ofTheUpload = this.uploadRefusal(files);
    if (ofTheUpload) return { refused: ofTheUpload };
    const { checked, refused } = this.checkEach(files);
    if (refused.length > 0)
      return refused.length === 1
        ? { refused: refused[0] }
        : { refused: refused[0], alsoRefused: refused.slice(1) };
    return { accepted: await this.stored(checked) };
  }

  /**
   * Each file that passes, stored, and each refused, for a form that keeps what it can and says
   * what it could not. `accept` takes all or none: an upload is recorded as one event.
   */
  async acceptEach(files: readonly UploadedFile[]): Promise<{
    readonly accepted: readonly AttachmentRef[];
    readonly refused: readonly AttachmentRefusal[];
  }> {
    const ofTheUpload = this.uploadRefusal(files);
    if (ofTheUpload) return { accepted: [], refused: [ofTheUpload] };
    const { checked, refused } = this.checkEach(files);
    return { accepted: await this.stored(checked), refused };
  }

  /** What is wrong with the upload as a whole (no file, too many), before any file is looked at. */
  private uploadRefusal(files: readonly UploadedFile[]): AttachmentRefusal | null {
    if (files.length === 0) return attachmentRefusal('no-file', null, 'Choose a file to upload');
    if (files.length > this.limits.maxFiles)
      return attachmentRefusal(
        'too-many-files',
        null,
        `Upload at most ${this.limits.maxFiles} files at a time`,
      );
    return null;
  }

  private checkEach(files: readonly UploadedFile[]) {
    const checked: CheckedFile[] = [];
    const refused: AttachmentRefusal[] = [];
    for (const file of files) {
      const outcome = this.check(file);
      if ('refused' in outcome) refused.push(outcome.refused);
      else checked.push(outcome);
    }
    return { checked, refused };
  }

  private async stored(checked: readonly CheckedFile[]): Promise<AttachmentRef[]> {
    const accepted: AttachmentRef[] = [];
    for (const { file, name, mediaType } of checked) {
      const { sha256, sizeBytes } = await this.store.put(file.bytes);
      accepted.push({ attachmentId: this.newId(), name, sizeBytes, mediaType, sha256 });
    }
    return accepted;
  }

  private check(file: UploadedFile): CheckedFile | { readonly refused: AttachmentRefusal } {
    const name = displayName(file.originalName);
    const quoted = JSON.stringify(name);
    if (file.bytes.length > this.limits.maxBytes) {
      return {
        refused: attachmentRefusal(
          'too-large',
          name,
          `${quoted} is ${readableSize(file.bytes.length)}: a file must be ${readableSize(this.limits.maxBytes, 'down')} or smaller`,
        ),
      };
    }
    if (file.bytes.length === 0)
      return { refused: attachmentRefusal('empty', name, `${quoted} is empty`) };
    const type = attachmentTypeOf(file.bytes, name);
    if (type.allowed) return { file, name: type.name, mediaType: type.mediaType };
    // Only what the bytes do not contradict: a PDF named .zip is a misnamed PDF.
    const advice =
      type.extension && (type.found === null || type.found === 'ole-compound')
        ? ADVICE_BY_EXTENSION[type.extension]
        : undefined;
    if (advice)
      return { refused: attachmentRefusal('type-not-allowed', name, `${quoted} is ${advice}`) };
    if (type.found === null) {
      return {
        refused: attachmentRefusal(
          'type-not-allowed',
          name,
          `${quoted} is not a kind of file accepted here: send ${WHAT_MAY_BE_SENT}`,
        ),
      };
    }
    const kind = ALLOWED_KINDS[type.found];
    const extensions = Object.keys(kind.extensions).map((extension) => `.${extension}`);
    const names =
      extensions.length === 1
        ? extensions[0]
        : `${extensions.slice(0, -1).join(', ')} or ${extensions.at(-1)}`;
    return {
      refused: attachmentRefusal(
        'type-mismatch',
        name,
        type.extension === null
          ? `${quoted} is ${kind.label}: name it ${names} so it opens as one`
          : `${quoted} is ${kind.label}, not what its name (.${type.extension}) says: name it ${names}`,
      ),
    };
  }
}

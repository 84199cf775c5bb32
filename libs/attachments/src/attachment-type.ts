import { ALLOWED_KINDS, type AttachmentKind } from './attachment-kinds';
import { extensionOf, withExtension } from './file-name';
import { kindOfBytes } from './kind-of-bytes';

/** What a file is, from its bytes, and whether its name agrees. */
export type AttachmentType =
  | {
      readonly allowed: true;
      readonly kind: AttachmentKind;
      /** From the kind (and, where the kind leaves a choice, the name): never the client's claim. */
      readonly mediaType: string;
      /** The name, given the kind's extension when it had none. */
      readonly name: string;
    }
  | {
      readonly allowed: false;
      /** What the bytes are, when they are something allowed that the name contradicts. */
      readonly found: AttachmentKind | null;
      readonly extension: string | null;
    };

/**
 * Checks a file's bytes against the allow-list, and its name against its bytes: a name whose
 * extension says something else (a PNG called .pdf, a text file called .html) is refused, since
 * whoever opens it would be misled, and so might their computer.
 */
export function attachmentTypeOf(bytes: Uint8Array, name: string): AttachmentType {
  const extension = extensionOf(name);
  const kind = kindOfBytes(bytes);
  if (kind === null) return { allowed: false, found: null, extension };
  const allowed = ALLOWED_KINDS[kind];
  if (extension === null) {
    if (allowed.extensionRequired) return { allowed: false, found: kind, extension };
    const [canonical, mediaType] = Object.entries(allowed.extensions)[0];
    return { allowed: true, kind, mediaType, name: withExtension(name, canonical) };
  }
  const mediaType = allowed.extensions[extension];
  if (mediaType === undefined) return { allowed: false, found: kind, extension };
  return { allowed: true, kind, mediaType, name };
}

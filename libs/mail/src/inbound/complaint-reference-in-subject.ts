import { parseReference } from '@sg/complaints';

const REFERENCE_IN_TEXT = /\bSG-\d{4}-\d{6,}\b/i;

/** The complaint reference a subject quotes (`Re: Your complaint SG-2026-000123 …`), if any. */
export function complaintReferenceInSubject(subject: string): string | null {
  const match = REFERENCE_IN_TEXT.exec(subject);
  if (!match) return null;
  const reference = match[0].toUpperCase();
  return parseReference(reference) ? reference : null;
}

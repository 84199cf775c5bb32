import { formatReference } from '@sg/complaints';

/** SG-2026-000123 as the engine writes it, or with spaces for its dashes, as some retype it. */
const REFERENCES_IN_TEXT = /\bSG([-\s])(\d{4})\1(\d{6,})\b/gi;

/** Every complaint reference a subject quotes, each once, in the order it quotes them. */
export function complaintReferencesInSubject(subject: string): string[] {
  const references = [...subject.matchAll(REFERENCES_IN_TEXT)].map((match) =>
    formatReference(Number(match[2]), Number(match[3])),
  );
  return [...new Set(references)];
}

/** The first complaint reference a subject quotes (`Re: Your complaint SG-2026-000123 …`), if any. */
export function complaintReferenceInSubject(subject: string): string | null {
  return complaintReferencesInSubject(subject)[0] ?? null;
}

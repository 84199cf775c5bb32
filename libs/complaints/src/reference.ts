/** The human reference a school quotes: SG-<year>-<six digits>. Gaps are fine; duplicates never. */
export function formatReference(year: number, number: number): string {
  return `SG-${year}-${String(number).padStart(6, '0')}`;
}

const REFERENCE = /^SG-(\d{4})-(\d{6,})$/;

/** A reference as people type it: any case, a space or nothing for a dash, the number unpadded. */
const TYPED_REFERENCE = /^SG[-\s]?(\d{4})[-\s]?(\d{1,9})$/i;

/**
 * The reference someone typed ("sg-2026-6", "SG 2026 6", " SG-2026-000006 ") as the engine writes
 * it, or null when it is not one: the search and a field naming a complaint read it alike.
 */
export function typedReference(text: string): string | null {
  const match = TYPED_REFERENCE.exec(text.trim());
  return match ? formatReference(Number(match[1]), Number(match[2])) : null;
}

export function parseReference(text: string): { year: number; number: number } | null {
  const match = REFERENCE.exec(text);
  return match ? { year: Number(match[1]), number: Number(match[2]) } : null;
}

/**
 * Whether the complaint of reference `a` was lodged before that of `b`: references are handed
 * out in order, a year's numbers after the last year's. Null when either is not a reference.
 */
export function lodgedBefore(a: string, b: string): boolean | null {
  const [first, second] = [parseReference(a), parseReference(b)];
  if (!first || !second) return null;
  return first.year !== second.year ? first.year < second.year : first.number < second.number;
}

const BOXES = ['day', 'month', 'year', 'time'] as const;
const ERROR = ' govuk-input--error';

/**
 * The error class each box of a date (and time) field takes: GOV.UK marks only the boxes at
 * fault, which the error names in `parts` when it knows them, and otherwise all of them.
 */
export function wrongBoxClasses(
  error: { readonly parts?: readonly string[] } | null | undefined,
): Record<(typeof BOXES)[number], string> {
  const marked = (box: string) =>
    error ? (error.parts === undefined || error.parts.includes(box) ? ERROR : '') : '';
  return Object.fromEntries(BOXES.map((box) => [box, marked(box)])) as Record<
    (typeof BOXES)[number],
    string
  >;
}

import { contrastRatio } from './contrast';

/** GOV.UK's text colour, and the page behind the chart. */
export const TEXT_COLOUR = '#0b0c0c';
export const BACKGROUND_COLOUR = '#ffffff';
/** Gridlines only help the eye along; the value is written on every bar. */
export const GRIDLINE_COLOUR = '#b1b4b6';
export const CHART_FONT = '"GDS Transport", arial, sans-serif';

/** WCAG 2.2 (1.4.11): a bar must stand out from the page by at least this much. */
const NON_TEXT_CONTRAST = 3;

/** How the bars of one series look, so that series differ in more than colour. */
export interface SeriesLook {
  readonly colour: string;
  /** Drawn around every bar; dark when the colour alone is too faint against the page. */
  readonly outline: string;
  /** White marks over the colour: none for the first series, then stripes, dots, and so on. */
  readonly marks: 'none' | 'diagonal-stripes' | 'dots' | 'horizontal-stripes' | 'cross-hatch';
}

// GOV.UK blue, green, red, dark grey and orange, in that order: orange last, as it needs an outline.
const COLOURS = ['#1d70b8', '#00703c', '#d4351c', '#505a5f', '#f47738'] as const;
const MARKS: readonly SeriesLook['marks'][] = [
  'none',
  'diagonal-stripes',
  'dots',
  'horizontal-stripes',
  'cross-hatch',
];

export const SERIES_LOOKS: readonly SeriesLook[] = COLOURS.map((colour, index) => ({
  colour,
  outline: contrastRatio(colour, BACKGROUND_COLOUR) >= NON_TEXT_CONTRAST ? colour : TEXT_COLOUR,
  marks: MARKS[index],
}));

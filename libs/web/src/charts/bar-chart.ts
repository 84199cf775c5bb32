import {
  BACKGROUND_COLOUR,
  CHART_FONT,
  GRIDLINE_COLOUR,
  SERIES_LOOKS,
  type SeriesLook,
  TEXT_COLOUR,
} from './chart-palette';
import { labelLines } from './label-lines';
import { type ValueScale, valueScale } from './value-scale';
import { escapeXml } from './xml-escape';

export interface BarSeries {
  readonly name: string;
  /** One per category, in the categories' order; null where there is nothing to show (not zero). */
  readonly values: readonly (number | null)[];
}

export interface BarChart {
  /** Unique on the page: the chart's title, description and patterns take ids from it. */
  readonly id: string;
  /** The chart's accessible name. */
  readonly title: string;
  /** What the chart shows, for those who cannot see it: read after the title. */
  readonly description: string;
  readonly categories: readonly string[];
  /** One to five series, told apart by colour, marks and their order in the legend. */
  readonly series: readonly BarSeries[];
  readonly valueFormat: (value: number) => string;
  /** How the axis writes its round numbers, when shorter than valueFormat ("£500", "20%"). */
  readonly tickFormat?: (value: number) => string;
  /** What a bar says when its value is null. */
  readonly noValueLabel?: string;
  /** The least the scale reaches, such as 1 for a share (100%). */
  readonly scaleAtLeast?: number;
  /** Counts and pence: the scale has no ticks between whole numbers. */
  readonly wholeNumbers?: boolean;
}

// The drawing is laid out in a 640-unit-wide viewBox and scales with its container.
const WIDTH = 640;
const FONT_SIZE = 16;
const TICK_FONT_SIZE = 14;
const LINE_HEIGHT = 20;
// Text is not measured on the server: a character is taken to be this many ems wide, generously
// for Arial, so that names and labels stay inside the drawing.
const CHARACTER_EMS = 0.6;
const CATEGORY_WIDTH = 240;
const CATEGORY_LINE_LENGTH = Math.floor(CATEGORY_WIDTH / (FONT_SIZE * CHARACTER_EMS));
const CATEGORY_LINES = 3;
const PLOT_LEFT = CATEGORY_WIDTH + 12;
const BAR_HEIGHT = 22;
const BAR_GAP = 4;
const GROUP_GAP = 16;
const GAP = 8;
const SWATCH = 18;
const LEGEND_ROW = 26;
const AXIS_LABELS = 28;
const MARK_SIZE = 8;
const MIN_BAR = 2;
const WHITE = BACKGROUND_COLOUR;
const ID = /^[a-z][a-z0-9-]*$/;

/** Coordinates to two decimal places: finer than any screen, and short to send. */
const at = (value: number) => String(Math.round(value * 100) / 100);
/** A baseline that centres a line of text of this size on y. */
const middle = (y: number, fontSize = FONT_SIZE) => at(y + fontSize * 0.35);
const textWidth = (text: string, fontSize = FONT_SIZE) =>
  [...text].length * fontSize * CHARACTER_EMS;
const MOST_STEPS = 5;

/**
 * The scale, with as many ticks as fit without their labels touching, and where the plot ends
 * on the right: far enough in for the widest value label beside the longest bar.
 */
function fittedScale(
  largest: number,
  widestValueLabel: number,
  chart: BarChart,
): { scale: ValueScale; plotRight: number } {
  const tickFormat = chart.tickFormat ?? chart.valueFormat;
  for (let maxSteps = MOST_STEPS; ; maxSteps--) {
    const scale = valueScale(largest, {
      atLeast: chart.scaleAtLeast,
      wholeNumbers: chart.wholeNumbers,
      maxSteps,
    });
    const widestTick = Math.max(
      ...scale.ticks.map((tick) => textWidth(tickFormat(tick), TICK_FONT_SIZE)),
    );
    const rightSpace = Math.min(WIDTH / 4, Math.max(widestValueLabel + GAP, widestTick / 2));
    const plotRight = WIDTH - GAP - rightSpace;
    const spacing = (plotRight - PLOT_LEFT) / Math.max(1, scale.ticks.length - 1);
    if (spacing >= widestTick + GAP || maxSteps === 1) return { scale, plotRight };
  }
}

function marksPattern(id: string, look: SeriesLook): string {
  const fill = `<rect width="${MARK_SIZE}" height="${MARK_SIZE}" fill="${look.colour}"/>`;
  const open = (rotated: boolean) =>
    `<pattern id="${id}" width="${MARK_SIZE}" height="${MARK_SIZE}" patternUnits="userSpaceOnUse"${rotated ? ' patternTransform="rotate(45)"' : ''}>${fill}`;
  switch (look.marks) {
    case 'none':
      return '';
    case 'diagonal-stripes':
      return `${open(true)}<rect width="3" height="${MARK_SIZE}" fill="${WHITE}"/></pattern>`;
    case 'dots':
      return `${open(false)}<circle cx="4" cy="4" r="1.75" fill="${WHITE}"/></pattern>`;
    case 'horizontal-stripes':
      return `${open(false)}<rect width="${MARK_SIZE}" height="2.5" fill="${WHITE}"/></pattern>`;
    case 'cross-hatch':
      return `${open(true)}<rect width="2" height="${MARK_SIZE}" fill="${WHITE}"/><rect width="${MARK_SIZE}" height="2" fill="${WHITE}"/></pattern>`;
  }
}

function assertDrawable(chart: BarChart): void {
  if (!ID.test(chart.id)) {
    throw new Error(
      `a chart's id is lower-case letters, digits and hyphens; got ${JSON.stringify(chart.id)}`,
    );
  }
  if (chart.series.length < 1 || chart.series.length > SERIES_LOOKS.length) {
    throw new RangeError(`a bar chart has 1 to ${SERIES_LOOKS.length} series`);
  }
  for (const series of chart.series) {
    if (series.values.length !== chart.categories.length) {
      throw new RangeError(
        `series ${series.name} needs a value for each of ${chart.categories.length} categories; it has ${series.values.length}`,
      );
    }
    for (const value of series.values) {
      if (value !== null && !(Number.isFinite(value) && value >= 0)) {
        throw new RangeError(`a bar's value is zero or more; ${series.name} has ${value}`);
      }
    }
  }
}

/**
 * A horizontal bar chart as an SVG string, accessible by its own means: an image named by its
 * title and description, each bar's value written beside it, each series marked by a pattern as
 * well as a colour, and every category's full name in its bars' tooltips when the label is cut.
 */
export function barChart(chart: BarChart): string {
  assertDrawable(chart);
  const { id, series, categories } = chart;
  const noValue = chart.noValueLabel ?? 'none';
  const label = (value: number | null) => (value === null ? noValue : chart.valueFormat(value));
  const fillOf = (index: number) =>
    SERIES_LOOKS[index].marks === 'none'
      ? SERIES_LOOKS[index].colour
      : `url(#${id}-marks-${index})`;
  const values = series.flatMap((one) => one.values);
  const { scale, plotRight } = fittedScale(
    Math.max(0, ...values.map((value) => value ?? 0)),
    Math.max(0, ...values.map((value) => textWidth(label(value)))),
    chart,
  );
  const x = (value: number) => PLOT_LEFT + (value / scale.max) * (plotRight - PLOT_LEFT);

  const key: string[] = [];
  let y = GAP;
  if (series.length > 1) {
    series.forEach((one, index) => {
      key.push(
        `<rect x="0" y="${at(y)}" width="${SWATCH}" height="${SWATCH}" fill="${fillOf(index)}" stroke="${SERIES_LOOKS[index].outline}"/>`,
        `<text x="${SWATCH + GAP}" y="${middle(y + SWATCH / 2)}">${escapeXml(one.name)}</text>`,
      );
      y += LEGEND_ROW;
    });
    y += GAP;
  }

  const plotTop = y;
  const groups: string[] = [];
  categories.forEach((category, categoryIndex) => {
    const lines = labelLines(category, CATEGORY_LINE_LENGTH, CATEGORY_LINES);
    const barsHeight = series.length * BAR_HEIGHT + (series.length - 1) * BAR_GAP;
    const groupHeight = Math.max(barsHeight, lines.length * LINE_HEIGHT);
    const top = y + GAP / 2;
    const linesTop = top + (groupHeight - lines.length * LINE_HEIGHT) / 2;
    const tspans = lines
      .map(
        (line, index) =>
          `<tspan x="${CATEGORY_WIDTH}" y="${middle(linesTop + (index + 0.5) * LINE_HEIGHT)}">${escapeXml(line)}</tspan>`,
      )
      .join('');
    groups.push(`<text text-anchor="end"><title>${escapeXml(category)}</title>${tspans}</text>`);
    series.forEach((one, seriesIndex) => {
      const value = one.values[categoryIndex];
      const barTop = top + (groupHeight - barsHeight) / 2 + seriesIndex * (BAR_HEIGHT + BAR_GAP);
      // A value too small to see at this scale still gets a sliver, so it never reads as zero.
      const end =
        value === null || value === 0 ? PLOT_LEFT : Math.max(x(value), PLOT_LEFT + MIN_BAR);
      const tooltip =
        series.length > 1
          ? `${category}, ${one.name}: ${label(value)}`
          : `${category}: ${label(value)}`;
      const bar =
        value === null || value === 0
          ? ''
          : `<rect x="${PLOT_LEFT}" y="${at(barTop)}" width="${at(end - PLOT_LEFT)}" height="${BAR_HEIGHT}" fill="${fillOf(seriesIndex)}" stroke="${SERIES_LOOKS[seriesIndex].outline}"/>`;
      groups.push(
        `<g><title>${escapeXml(tooltip)}</title>${bar}<text x="${at(end + 6)}" y="${middle(barTop + BAR_HEIGHT / 2)}">${escapeXml(label(value))}</text></g>`,
      );
    });
    y = top + groupHeight + GAP / 2 + GROUP_GAP;
  });
  const plotBottom = categories.length > 0 ? y - GROUP_GAP : y;

  const axis = scale.ticks.map((tick) => {
    const tickX = at(x(tick));
    const gridline =
      tick === 0
        ? ''
        : `<line x1="${tickX}" y1="${at(plotTop)}" x2="${tickX}" y2="${at(plotBottom)}" stroke="${GRIDLINE_COLOUR}"/>`;
    return `${gridline}<text x="${tickX}" y="${at(plotBottom + AXIS_LABELS - GAP)}" text-anchor="middle" font-size="${TICK_FONT_SIZE}">${escapeXml((chart.tickFormat ?? chart.valueFormat)(tick))}</text>`;
  });
  const height = plotBottom + AXIS_LABELS + GAP;
  const patterns = SERIES_LOOKS.slice(0, series.length)
    .map((look, index) => marksPattern(`${id}-marks-${index}`, look))
    .join('');

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${at(height)}" class="app-chart" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${escapeXml(CHART_FONT)}" font-size="${FONT_SIZE}">`,
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
    patterns ? `<defs>${patterns}</defs>` : '',
    `<g fill="${TEXT_COLOUR}">`,
    ...axis,
    ...key,
    ...groups,
    `<line x1="${PLOT_LEFT}" y1="${at(plotTop)}" x2="${PLOT_LEFT}" y2="${at(plotBottom)}" stroke="${TEXT_COLOUR}"/>`,
    `<line x1="${PLOT_LEFT}" y1="${at(plotBottom)}" x2="${at(plotRight)}" y2="${at(plotBottom)}" stroke="${TEXT_COLOUR}"/>`,
    '</g></svg>',
  ].join('');
}

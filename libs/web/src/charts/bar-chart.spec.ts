import { type BarChart, barChart } from './bar-chart';
import { CHART_FONT, SERIES_LOOKS, TEXT_COLOUR } from './chart-palette';
import { allText, descendants, parseXml, type XmlElement } from './testing/xml-tree';

const chart = (overrides: Partial<BarChart> = {}): BarChart => ({
  id: 'received',
  title: 'Complaints received',
  description: 'A bar for each service.',
  categories: ['Music Service', 'Governor Services'],
  series: [{ name: 'Received', values: [10, 5] }],
  valueFormat: String,
  wholeNumbers: true,
  ...overrides,
});

const drawn = (overrides: Partial<BarChart> = {}) => parseXml(barChart(chart(overrides)));

/** A bar and its label: a group titled for its tooltip, holding the bar (if any) and its text. */
interface DrawnBar {
  readonly tooltip: string;
  readonly rect: XmlElement | undefined;
  readonly label: string;
}

const barsOf = (svg: XmlElement): DrawnBar[] =>
  descendants(svg)
    .filter((element) => element.name === 'g' && element.children[0]?.name === 'title')
    .map((group) => ({
      tooltip: group.children[0].text,
      rect: group.children.find((child) => child.name === 'rect'),
      label: allText(group.children.find((child) => child.name === 'text')!),
    }));

const categoryLabels = (svg: XmlElement) =>
  descendants(svg)
    .filter((element) => element.name === 'text' && element.attributes['text-anchor'] === 'end')
    .map((text) => ({
      full: text.children.find((child) => child.name === 'title')!.text,
      lines: text.children.filter((child) => child.name === 'tspan').map((tspan) => tspan.text),
    }));

const ticksOf = (svg: XmlElement) =>
  descendants(svg)
    .filter((element) => element.name === 'text' && element.attributes['text-anchor'] === 'middle')
    .map((text) => text.text);

describe('a bar chart drawn as SVG', () => {
  it('is well-formed XML: an image named by its title and description', () => {
    const svg = drawn();
    expect(svg.name).toBe('svg');
    expect(svg.attributes).toMatchObject({
      xmlns: 'http://www.w3.org/2000/svg',
      role: 'img',
      'aria-labelledby': 'received-title received-desc',
    });
    const [title, desc] = svg.children;
    expect(title).toMatchObject({ name: 'title', attributes: { id: 'received-title' } });
    expect(title.text).toBe('Complaints received');
    expect(desc).toMatchObject({ name: 'desc', attributes: { id: 'received-desc' } });
    expect(desc.text).toBe('A bar for each service.');
  });

  it('writes its text in the page’s font, in GOV.UK’s text colour', () => {
    const svg = drawn();
    expect(svg.attributes['font-family']).toBe(CHART_FONT);
    expect(svg.attributes['font-family']).toBe('"GDS Transport", arial, sans-serif');
    const textGroup = svg.children.find((child) => child.name === 'g')!;
    expect(textGroup.attributes.fill).toBe(TEXT_COLOUR);
  });

  it('writes every bar’s value beside it, and draws bars in proportion', () => {
    const bars = barsOf(drawn());
    expect(bars.map((bar) => [bar.tooltip, bar.label])).toEqual([
      ['Music Service: 10', '10'],
      ['Governor Services: 5', '5'],
    ]);
    const [ten, five] = bars.map((bar) => Number(bar.rect!.attributes.width));
    expect(ten).toBeCloseTo(2 * five, 1);
    expect(bars[0].rect!.attributes.fill).toBe(SERIES_LOOKS[0].colour);
  });

  it('gives a value too small to see a sliver of a bar, so it never reads as zero', () => {
    const [, tiny] = barsOf(drawn({ series: [{ name: 'Received', values: [100_000, 1] }] }));
    expect(Number(tiny.rect!.attributes.width)).toBeGreaterThanOrEqual(2);
    expect(tiny.label).toBe('1');
  });

  it('draws all-zero data as zeros on a single-tick axis, with no invented figures', () => {
    const source = barChart(chart({ series: [{ name: 'Received', values: [0, 0] }] }));
    expect(source).not.toMatch(/NaN|Infinity|undefined/);
    const svg = parseXml(source);
    expect(barsOf(svg).map((bar) => [bar.rect, bar.label])).toEqual([
      [undefined, '0'],
      [undefined, '0'],
    ]);
    expect(ticksOf(svg)).toEqual(['0']);
  });

  it('says "none" (or what it is told) where there is no value, which is not the same as zero', () => {
    const series = [{ name: 'Within the deadline', values: [0.5, null] }];
    const svg = drawn({ series, noValueLabel: 'none resolved', valueFormat: (v) => `${v * 100}%` });
    expect(barsOf(svg).map((bar) => bar.label)).toEqual(['50%', 'none resolved']);
    expect(barsOf(svg)[1].rect).toBeUndefined();
    expect(barsOf(drawn({ series })).map((bar) => bar.label)).toEqual(['0.5', 'none']);
  });

  it('reaches a fixed top, and writes the axis in its own format', () => {
    const svg = drawn({
      series: [{ name: 'Within the deadline', values: [0.5, 0.25] }],
      valueFormat: (share) => `${(share * 100).toFixed(1)}%`,
      tickFormat: (share) => `${Math.round(share * 100)}%`,
      scaleAtLeast: 1,
      wholeNumbers: false,
    });
    expect(ticksOf(svg)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(barsOf(svg).map((bar) => bar.label)).toEqual(['50.0%', '25.0%']);
  });

  it('keeps wide axis labels apart by taking fewer ticks', () => {
    const money = (pence: number) => `£${(pence / 100).toLocaleString('en-GB')}.00`;
    const svg = drawn({
      series: [{ name: 'Reimbursed', values: [1_000_000_000, 0] }],
      valueFormat: money,
    });
    expect(ticksOf(svg).length).toBeLessThan(6);
  });

  it('cuts a long name on its label and gives it in full in the tooltips', () => {
    const long =
      'Quality and Continuous Improvement (School Improvement) for Primary and Secondary';
    const svg = drawn({ categories: [long, 'Music Service'] });
    const [label] = categoryLabels(svg);
    expect(label.full).toBe(long);
    expect(label.lines.length).toBeLessThanOrEqual(3);
    expect(label.lines.at(-1)).toMatch(/…$/);
    expect(barsOf(svg)[0].tooltip).toBe(`${long}: 10`);
  });

  it('escapes every text it writes, so names and titles cannot inject markup', () => {
    const nasty = `<script>alert("x")</script> & 'quotes'`;
    const source = barChart(
      chart({
        title: nasty,
        description: nasty,
        categories: [nasty, 'Music Service'],
        series: [
          { name: nasty, values: [1, 2] },
          { name: 'Upheld', values: [0, 1] },
        ],
        valueFormat: (value) => `${value} <b>&</b>`,
      }),
    );
    const svg = parseXml(source);
    expect(descendants(svg).map((element) => element.name)).not.toContain('script');
    expect(descendants(svg).map((element) => element.name)).not.toContain('b');
    expect(svg.children[0].text).toBe(nasty);
    expect(categoryLabels(svg)[0].full).toBe(nasty);
    expect(barsOf(svg)[0]).toMatchObject({ tooltip: `${nasty}, ${nasty}: 1 <b>&</b>` });
  });

  it('tells series apart without colour: a key, and marks on every series after the first', () => {
    const svg = drawn({
      series: [
        { name: 'Escalated', values: [3, 1] },
        { name: 'Upheld', values: [2, 0] },
        { name: 'Partly upheld', values: [1, 1] },
      ],
    });
    // The key comes first after the axis, in the order of the bars in each group.
    const key = descendants(svg).filter(
      (element) => element.name === 'text' && !element.attributes['text-anchor'],
    );
    expect(key.slice(0, 3).map((text) => text.text)).toEqual([
      'Escalated',
      'Upheld',
      'Partly upheld',
    ]);
    const swatches = descendants(svg).filter(
      (element) => element.name === 'rect' && element.attributes.width === '18',
    );
    expect(swatches.map((swatch) => swatch.attributes.fill)).toEqual([
      SERIES_LOOKS[0].colour,
      'url(#received-marks-1)',
      'url(#received-marks-2)',
    ]);
    const patternIds = descendants(svg)
      .filter((element) => element.name === 'pattern')
      .map((pattern) => pattern.attributes.id);
    expect(patternIds).toEqual(['received-marks-1', 'received-marks-2']);
    const fills = barsOf(svg).map((bar) => bar.rect?.attributes.fill);
    expect(fills).toEqual([
      SERIES_LOOKS[0].colour,
      'url(#received-marks-1)',
      'url(#received-marks-2)',
      SERIES_LOOKS[0].colour,
      undefined,
      'url(#received-marks-2)',
    ]);
    expect(barsOf(svg)[4]).toMatchObject({ tooltip: 'Governor Services, Upheld: 0', label: '0' });
  });

  it('keeps ids unique on a page of several charts by prefixing them with the chart’s id', () => {
    const ids = (svg: XmlElement) =>
      descendants(svg)
        .map((element) => element.attributes.id)
        .filter(Boolean);
    const series = [
      { name: 'A', values: [1, 2] },
      { name: 'B', values: [2, 1] },
    ];
    const first = ids(drawn({ id: 'first', series }));
    const second = ids(drawn({ id: 'second', series }));
    expect(first.every((id) => id.startsWith('first-'))).toBe(true);
    expect(second.every((id) => id.startsWith('second-'))).toBe(true);
  });

  it('refuses what it cannot draw honestly', () => {
    expect(() => barChart(chart({ id: 'Not an id"' }))).toThrow('id');
    expect(() => barChart(chart({ series: [{ name: 'R', values: [1] }] }))).toThrow(RangeError);
    expect(() => barChart(chart({ series: [{ name: 'R', values: [1, -1] }] }))).toThrow(RangeError);
    expect(() => barChart(chart({ series: [{ name: 'R', values: [1, Number.NaN] }] }))).toThrow(
      RangeError,
    );
    const six = Array.from({ length: 6 }, (_, index) => ({ name: `S${index}`, values: [1, 1] }));
    expect(() => barChart(chart({ series: six }))).toThrow(RangeError);
  });
});

import { type ServiceReport } from '@sg/read-models';
import { FY2025_26, serviceReportRow as row } from '../../../../test/fixtures/service-report';
import { reportCharts } from './report-charts';
import { allText, descendants, parseXml } from './testing/xml-tree';

const report: ServiceReport = {
  period: FY2025_26,
  asOf: FY2025_26.to,
  complete: true,
  begun: true,
  recordedAfterTheEnd: null,
  services: [
    row('music-service', {
      received: 1_203,
      receivedByChannel: { 'web-form': 1_200, email: 3 },
      referred: 1_190,
      openAtPeriodEnd: 12,
      medianWorkingDaysToResolve: 7,
      resolved: 3,
      resolvedWithinTarget: 2,
      resolvedWithinTargetRate: 2 / 3,
      escalated: 2,
      boardDecided: 2,
      boardDecidedWithinTarget: 1,
      boardDecidedWithinTargetRate: 1 / 2,
      medianWorkingDaysToDecide: 14.5,
      upheld: 1,
      partlyUpheld: 1,
      reimbursedPence: 123_450,
    }),
    row('school-improvement'),
    row(null, { received: 1 }),
  ],
  allServices: row(null, {
    received: 1_204,
    receivedByChannel: { 'web-form': 1_200, email: 3, phone: 1 },
    referred: 1_190,
    openAtPeriodEnd: 13,
    medianWorkingDaysToResolve: 7,
    resolved: 3,
    resolvedWithinTarget: 2,
    resolvedWithinTargetRate: 2 / 3,
    escalated: 2,
    upheld: 1,
    partlyUpheld: 1,
    notUpheld: 0,
    reimbursedPence: 123_450,
  }),
};

const NAMES: Record<string, string> = {
  'music-service': 'Music Service',
  'school-improvement': 'Quality and Continuous Improvement (School Improvement)',
};

describe('the scrutiny committee’s charts', () => {
  const charts = reportCharts(report, (serviceId) => NAMES[serviceId]);
  const byId = Object.fromEntries(charts.map((chart) => [chart.id, chart]));

  it('gives received, resolved within the deadline, escalations and upheld, and money reimbursed', () => {
    expect(charts.map((chart) => [chart.id, chart.title])).toEqual([
      ['complaints-received', 'Complaints received per service'],
      ['resolved-within-deadline', 'Percentage resolved within the deadline per service'],
      ['escalations-and-upheld', 'Escalations to the Board and complaints upheld per service'],
      ['reimbursed', 'Reimbursed to schools per service'],
    ]);
  });

  it('draws each as well-formed SVG named for its period, with ids unique across the page', () => {
    const ids: string[] = [];
    for (const chart of charts) {
      const svg = parseXml(chart.svg);
      expect(svg.attributes.role).toBe('img');
      expect(svg.children[0].text).toBe(`${chart.title}, April 2025 to March 2026`);
      for (const element of descendants(svg)) {
        if (element.attributes.id) ids.push(element.attributes.id);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names each service as the directory does, and a complaint not yet passed to a service as such', () => {
    const svg = parseXml(byId['complaints-received'].svg);
    const names = descendants(svg)
      .filter((element) => element.name === 'text' && element.attributes['text-anchor'] === 'end')
      .map((text) => text.children[0].text);
    expect(names).toEqual([
      'Music Service',
      'Quality and Continuous Improvement (School Improvement)',
      'Not yet passed to a service',
    ]);
  });

  it('tables the same figures, with a last row for all services', () => {
    expect(byId['complaints-received'].table).toEqual({
      head: [
        'Service',
        'Complaints received',
        'By web form',
        'By email',
        'By phone',
        'By visiting officer',
        'Passed to the service',
        'Open at the end of the period',
      ],
      rows: [
        ['Music Service', '1,203', '1,200', '3', '0', '0', '1,190', '12'],
        [
          'Quality and Continuous Improvement (School Improvement)',
          '0',
          '0',
          '0',
          '0',
          '0',
          '0',
          '0',
        ],
        ['Not yet passed to a service', '1', '0', '0', '0', '0', '0', '0'],
        ['All services', '1,204', '1,200', '3', '1', '0', '1,190', '13'],
      ],
    });
    expect(byId['escalations-and-upheld'].table.head).toEqual([
      'Service',
      'Escalated',
      'Decided by the Board',
      'Decided within the Board’s target',
      'Median working days to decide',
      'Upheld',
      'Partly upheld',
      'Not upheld',
    ]);
    expect(byId['escalations-and-upheld'].table.rows[0]).toEqual([
      'Music Service',
      '2',
      '2',
      '1 (50.0%)',
      '14.5',
      '1',
      '1',
      '0',
    ]);
    // A service the Board decided nothing for has no share and no median, not a zero.
    expect(byId['escalations-and-upheld'].table.rows[1].slice(2, 5)).toEqual(['0', '–', '–']);
  });

  it('writes a share to one decimal place, and says so where a service resolved none and none went to the Board', () => {
    const { table, svg } = byId['resolved-within-deadline'];
    expect(table.head).toEqual([
      'Service',
      'Resolved',
      'Escalated to the Board',
      'Resolved within the deadline',
      'Percentage',
      'Median working days to resolve',
    ]);
    expect(table.rows[0]).toEqual(['Music Service', '3', '2', '2', '66.7%', '7']);
    expect(table.rows[1].at(-1)).toBe('–');
    expect(table.rows.map((cells) => cells.at(-2))).toEqual([
      '66.7%',
      'none resolved or escalated',
      'none resolved or escalated',
      '66.7%',
    ]);
    const text = allText(parseXml(svg));
    expect(text).toContain('66.7%');
    expect(text).toContain('none resolved or escalated');
    expect(text).toContain('100%');
  });

  it('writes money as pounds from pence, with a thousands separator', () => {
    const { table, svg } = byId.reimbursed;
    expect(table.rows.map((cells) => cells[1])).toEqual([
      '£1,234.50',
      '£0.00',
      '£0.00',
      '£1,234.50',
    ]);
    expect(allText(parseXml(svg))).toContain('£1,234.50');
  });

  it('still draws every chart for a period with nothing in it', () => {
    const empty: ServiceReport = {
      ...report,
      services: [row('music-service'), row('school-improvement')],
      allServices: row(null),
    };
    for (const chart of reportCharts(empty)) {
      expect(chart.svg).not.toMatch(/NaN|Infinity|undefined/);
      expect(() => parseXml(chart.svg)).not.toThrow();
    }
    expect(reportCharts(empty)[0].table.rows[0][0]).toBe('music-service');
  });

  it('escapes a service’s name in the drawing', () => {
    const [chart] = reportCharts(report, () => '<script>alert(1)</script> & "Sons"');
    const svg = parseXml(chart.svg);
    expect(descendants(svg).some((element) => element.name === 'script')).toBe(false);
    expect(allText(svg)).toContain('<script>alert(1)</script> & "Sons"');
  });
});

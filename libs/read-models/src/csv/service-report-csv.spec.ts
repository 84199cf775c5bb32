import { parse } from 'csv-parse/sync';
import { type ServiceReport, type ServiceReportRow } from '../service-report';
import { serviceReportCsv } from './service-report-csv';

const row = (
  serviceId: string | null,
  counts: Partial<ServiceReportRow> = {},
): ServiceReportRow => ({
  serviceId,
  received: 0,
  receivedByChannel: { 'web-form': 0, email: 0, phone: 0, 'visiting-officer': 0 },
  referred: 0,
  resolved: 0,
  resolvedWithinTarget: 0,
  resolvedWithinTargetRate: null,
  medianWorkingDaysToResolve: null,
  escalated: 0,
  upheld: 0,
  partlyUpheld: 0,
  notUpheld: 0,
  reimbursedPence: 0,
  openAtPeriodEnd: 0,
  ...counts,
});

const report: ServiceReport = {
  period: {
    name: 'FY2025-26',
    label: 'April 2025 to March 2026',
    from: '2025-03-31T23:00:00.000Z',
    to: '2026-03-31T23:00:00.000Z',
  },
  services: [
    row('music-service', {
      received: 3,
      receivedByChannel: { 'web-form': 2, email: 1, phone: 0, 'visiting-officer': 0 },
      resolved: 3,
      resolvedWithinTarget: 2,
      resolvedWithinTargetRate: 2 / 3,
      medianWorkingDaysToResolve: 7.5,
      reimbursedPence: 123_405,
    }),
    row('=cmd|" /C calc"!A0'),
    row(null, { openAtPeriodEnd: 1 }),
  ],
  allServices: row(null, { received: 3, reimbursedPence: 123_405, openAtPeriodEnd: 1 }),
};

describe('the scrutiny report as CSV', () => {
  const csv = serviceReportCsv(report);
  const records = parse(csv, { bom: true });

  it('is Excel-ready: a byte order mark first and CRLF after every line', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has a heading, one line per service and a last line for all services', () => {
    expect(records[0]).toEqual([
      'service',
      'received',
      'received by web-form',
      'received by email',
      'received by phone',
      'received by visiting-officer',
      'referred',
      'resolved',
      'resolved within target',
      'resolved within target (%)',
      'median working days to resolve',
      'escalated',
      'upheld',
      'partly upheld',
      'not upheld',
      'reimbursed (£)',
      'open at period end',
    ]);
    expect(records.map((record) => record[0])).toEqual([
      'service',
      'music-service',
      `'=cmd|" /C calc"!A0`,
      'not yet assigned',
      'all services',
    ]);
  });

  it('writes pounds from whole pence, a rate to one decimal place, and nothing for no rate', () => {
    expect(records[1]).toEqual([
      'music-service',
      '3',
      '2',
      '1',
      '0',
      '0',
      '0',
      '3',
      '2',
      '66.7',
      '7.5',
      '0',
      '0',
      '0',
      '0',
      '1234.05',
      '0',
    ]);
    expect(records[3][9]).toBe('');
    expect(records[3][15]).toBe('0.00');
  });
});

import { parse } from 'csv-parse/sync';
import {
  FY2025_26,
  receivedByChannel,
  serviceReportRow as row,
} from '../../../../test/fixtures/service-report';
import { type ServiceReport } from '../service-report';
import { serviceReportCsv } from './service-report-csv';

const report: ServiceReport = {
  period: FY2025_26,
  asOf: FY2025_26.to,
  complete: true,
  begun: true,
  recordedAfterTheEnd: null,
  services: [
    row('music-service', {
      received: 3,
      receivedByChannel: receivedByChannel({ 'web-form': 2, email: 1 }),
      resolved: 3,
      resolvedWithinTarget: 2,
      resolvedWithinTargetRate: 2 / 3,
      medianWorkingDaysToResolve: 7.5,
      escalated: 2,
      boardDecided: 2,
      boardDecidedWithinTarget: 1,
      boardDecidedWithinTargetRate: 1 / 3,
      medianWorkingDaysToDecide: 12,
      upheld: 2,
      reimbursedPence: 123_405,
    }),
    row('=cmd|" /C calc"!A0'),
    row(null, { openAtPeriodEnd: 1 }),
  ],
  allServices: row(null, { received: 3, reimbursedPence: 123_405, openAtPeriodEnd: 1 }),
};

describe('the scrutiny report as CSV', () => {
  const csv = serviceReportCsv(report, (serviceId) =>
    serviceId === 'music-service' ? 'Music Service' : undefined,
  );
  const records = parse(csv, { bom: true });

  it('is Excel-ready: a byte order mark first and CRLF after every line', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has a heading, one line per service and a last line for all services', () => {
    expect(records[0]).toEqual([
      'service',
      'service name',
      'received',
      'received by web-form',
      'received by email',
      'received by phone',
      'received by visiting-officer',
      'referred',
      'resolved',
      'resolved within target',
      'resolved within target (% of resolved and escalated)',
      'median working days to resolve',
      'escalated',
      'decided by the Board',
      'decided by the Board within target',
      'decided by the Board within target (% of decisions with a target)',
      'median working days to decide',
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
    expect(records.map((record) => record[1])).toEqual([
      'service name',
      'Music Service',
      `'=cmd|" /C calc"!A0`,
      'not yet passed to a service',
      'all services',
    ]);
  });

  it('writes pounds from whole pence, a rate to one decimal place, and nothing for no rate', () => {
    expect(records[1]).toEqual([
      'music-service',
      'Music Service',
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
      '2',
      '2',
      '1',
      '33.3',
      '12',
      '2',
      '0',
      '0',
      '1234.05',
      '0',
    ]);
    expect(records[3][10]).toBe('');
    expect(records[3][15]).toBe('');
    expect(records[3][16]).toBe('');
    expect(records[3][20]).toBe('0.00');
  });
});

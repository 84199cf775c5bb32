import { CHANNELS, type Channel } from '@sg/complaints';
import { type ServiceReport, type ServiceReportRow } from '@sg/read-models';
import { formatPounds } from '../format/money';
import { type BarChart, barChart } from './bar-chart';

/** A chart for the report page, with the same figures as a table to sit beside it. */
export interface ReportChart {
  /** Unique on the page; also prefixes the ids inside the SVG. */
  readonly id: string;
  readonly title: string;
  readonly svg: string;
  readonly table: { head: string[]; rows: string[][] };
}

/** The name a service is shown by; the report itself knows services only by their ids. */
export type ServiceNameOf = (serviceId: string) => string;

const UNASSIGNED = 'Not yet passed to a service';
/** How each complaint reached the council, as a column of the report names it. */
const CHANNEL_NAMES: Readonly<Record<Channel, string>> = {
  'web-form': 'web form',
  email: 'email',
  phone: 'phone',
  'visiting-officer': 'visiting officer',
};
const ALL_SERVICES = 'All services';
const NONE_RESOLVED = 'none resolved or escalated';

const count = (value: number) => value.toLocaleString('en-GB');
// One decimal place, as in the CSV download, so the page and the spreadsheet agree.
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
// The axis's ticks are round numbers: whole percentages and whole pounds say them shortly.
const wholePercent = (share: number) => `${Math.round(share * 100)}%`;
const axisPounds = (pence: number) => formatPounds(pence).replace(/\.00$/, '');
const rateOf = (row: ServiceReportRow) =>
  row.resolvedWithinTargetRate === null ? NONE_RESOLVED : percent(row.resolvedWithinTargetRate);

/**
 * The charts the scrutiny committee reads for a period: complaints received, the share resolved
 * within the deadline, escalations and Board outcomes, and money reimbursed, each per service.
 * A chart has the services only; its table adds a last row for all services, which as a bar
 * would dwarf the rest. Names come from `serviceNameOf`, ids when none is given.
 */
export function reportCharts(
  report: ServiceReport,
  serviceNameOf: ServiceNameOf = (serviceId) => serviceId,
): ReportChart[] {
  const rows = report.services;
  const names = rows.map((row) =>
    row.serviceId === null ? UNASSIGNED : serviceNameOf(row.serviceId),
  );
  const withTotal = (cells: (row: ServiceReportRow) => string[]) => [
    ...rows.map((row, index) => [names[index], ...cells(row)]),
    [ALL_SERVICES, ...cells(report.allServices)],
  ];
  const period = report.period.label;
  const chart = (
    id: string,
    title: string,
    description: string,
    drawing: Omit<BarChart, 'id' | 'title' | 'description' | 'categories'>,
    table: ReportChart['table'],
  ): ReportChart => ({
    id,
    title,
    svg: barChart({
      id,
      title: `${title}, ${period}`,
      description: `${description} The table beside the chart gives the same figures, and more.`,
      categories: names,
      ...drawing,
    }),
    table,
  });

  return [
    chart(
      'complaints-received',
      'Complaints received per service',
      `A bar for each service: the complaints it received. ${count(report.allServices.received)} in all.`,
      {
        series: [{ name: 'Received', values: rows.map((row) => row.received) }],
        valueFormat: count,
        wholeNumbers: true,
      },
      {
        head: [
          'Service',
          'Complaints received',
          ...CHANNELS.map((channel) => `By ${CHANNEL_NAMES[channel]}`),
          'Passed to the service',
          'Open at the end of the period',
        ],
        rows: withTotal((row) => [
          count(row.received),
          ...CHANNELS.map((channel) => count(row.receivedByChannel[channel] ?? 0)),
          count(row.referred),
          count(row.openAtPeriodEnd),
        ]),
      },
    ),
    chart(
      'resolved-within-deadline',
      'Percentage resolved within the deadline per service',
      `A bar for each service: of the complaints it resolved or that went to the Board, the share it resolved within the deadline, from 0% to 100%; "${NONE_RESOLVED}" where there were none. ${rateOf(report.allServices)} for all services.`,
      {
        series: [
          {
            name: 'Resolved within the deadline',
            values: rows.map((row) => row.resolvedWithinTargetRate),
          },
        ],
        valueFormat: percent,
        tickFormat: wholePercent,
        noValueLabel: NONE_RESOLVED,
        scaleAtLeast: 1,
      },
      {
        head: [
          'Service',
          'Resolved',
          'Escalated to the Board',
          'Resolved within the deadline',
          'Percentage',
          'Median working days to resolve',
        ],
        rows: withTotal((row) => [
          count(row.resolved),
          count(row.escalated),
          count(row.resolvedWithinTarget),
          rateOf(row),
          row.medianWorkingDaysToResolve === null ? '–' : count(row.medianWorkingDaysToResolve),
        ]),
      },
    ),
    chart(
      'escalations-and-upheld',
      'Escalations to the Board and complaints upheld per service',
      'Three bars for each service, in the order of the key: complaints escalated to the Board, upheld by the Board, and partly upheld.',
      {
        series: [
          { name: 'Escalated', values: rows.map((row) => row.escalated) },
          { name: 'Upheld', values: rows.map((row) => row.upheld) },
          { name: 'Partly upheld', values: rows.map((row) => row.partlyUpheld) },
        ],
        valueFormat: count,
        wholeNumbers: true,
      },
      {
        head: [
          'Service',
          'Escalated',
          'Decided by the Board',
          'Decided within the Board’s target',
          'Median working days to decide',
          'Upheld',
          'Partly upheld',
          'Not upheld',
        ],
        rows: withTotal((row) => [
          count(row.escalated),
          count(row.boardDecided),
          row.boardDecidedWithinTargetRate === null
            ? '–'
            : `${count(row.boardDecidedWithinTarget)} (${percent(row.boardDecidedWithinTargetRate)})`,
          row.medianWorkingDaysToDecide === null ? '–' : count(row.medianWorkingDaysToDecide),
          count(row.upheld),
          count(row.partlyUpheld),
          count(row.notUpheld),
        ]),
      },
    ),
    chart(
      'reimbursed',
      'Reimbursed to schools per service',
      `A bar for each service: the money reimbursed to schools. ${formatPounds(report.allServices.reimbursedPence)} in all.`,
      {
        series: [{ name: 'Reimbursed', values: rows.map((row) => row.reimbursedPence) }],
        valueFormat: formatPounds,
        tickFormat: axisPounds,
        wholeNumbers: true,
      },
      {
        head: ['Service', 'Reimbursed'],
        rows: withTotal((row) => [formatPounds(row.reimbursedPence)]),
      },
    ),
  ];
}

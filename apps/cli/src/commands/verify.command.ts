import { validateEnvironment } from '@sg/config';
import { type Command } from '../command';
import { asksForJson } from './json-flag';
import { type Problem } from '../verify/problem';
import { STREAM_CATEGORIES } from '../verify/stream-category';
import { openStoreToVerify } from '../verify/store-to-verify';
import { type StoreReport, verifyStore } from '../verify/verify-store';

const usage =
  'verify [--json]\n' +
  '  Reads the whole event store (every event, then each stream) and checks it: revisions from 0\n' +
  '  without a gap, positions that only grow, unique event ids, JSON data and metadata, and every\n' +
  '  complaint, inbound mail, notification, directory and reference-counter event readable by this\n' +
  '  release (its upcasters and folds). Safe while the engine runs. Exits 1 if anything is wrong.';

const PROBLEMS_SHOWN = 200;
const count = (n: number) => n.toLocaleString('en-GB');

const where = (problem: Problem) =>
  problem.stream === null
    ? 'the store'
    : [
        problem.stream,
        problem.revision === null ? null : `revision ${problem.revision}`,
        problem.position === null ? null : `position ${problem.position}`,
      ]
        .filter((part) => part !== null)
        .join(', ');

function readable(description: string, report: StoreReport): string[] {
  const lines = [
    `Checked ${description}: ${count(report.events)} events in ${count(report.streams)} streams` +
      (report.lastPosition === null ? '.' : `, the last at position ${report.lastPosition}.`),
    ...STREAM_CATEGORIES.filter((c) => report.categories[c].streams > 0).map(
      (c) =>
        `  ${c.padEnd(18)} ${count(report.categories[c].streams).padStart(9)} streams ` +
        `${count(report.categories[c].events).padStart(11)} events`,
    ),
  ];
  const { problems } = report;
  if (problems.length === 0) return [...lines, 'No problems found.'];
  return [
    ...lines,
    `${count(problems.length)} ${problems.length === 1 ? 'problem' : 'problems'}:`,
    ...problems.slice(0, PROBLEMS_SHOWN).map((p) => `  ${where(p)}: ${p.message}`),
    ...(problems.length > PROBLEMS_SHOWN
      ? [`  … and ${count(problems.length - PROBLEMS_SHOWN)} more (--json lists them all)`]
      : []),
  ];
}

export const verifyCommand: Command = {
  usage,
  async run(args, context) {
    const json = asksForJson(args);
    const target = await openStoreToVerify(validateEnvironment(context.env));
    let report: StoreReport;
    try {
      report = await verifyStore(target.store, target.rows);
    } finally {
      await target.close();
    }
    if (json)
      context.stdout(
        JSON.stringify({
          ...report,
          problems: report.problems.map((p) => ({
            ...p,
            revision: p.revision === null ? null : Number(p.revision),
          })),
        }),
      );
    else for (const line of readable(target.description, report)) context.stdout(line);
    return report.problems.length > 0 ? 1 : 0;
  },
};

import Database from 'better-sqlite3';
import { createReadModelIndexes, createReadModelSchema } from './read-model-schema';
import { parsePeriod } from './reporting-period';
import { serviceReport } from './service-report';

const KINDS = [
  'received',
  'referred',
  'resolved',
  'escalated',
  'board-decision',
  'reimbursed',
  'assigned',
];
const SERVICES = [null, 'schools-hr', 'music-service'];

/** A small deterministic generator, so a failure can be run again. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Facts at random instants from 2024 to 2026, many within an hour of a UTC or London midnight. */
function writeFacts(db: Database.Database, seed: number) {
  const next = random(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
  const insert = db.prepare('INSERT INTO report_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (let i = 0; i < 3_000; i++) {
    const day = Date.UTC(2024, 0, 1) + Math.floor(next() * 1_000) * 86_400_000;
    const edge = next() < 0.5;
    const at = new Date(
      day +
        (edge ? (22 * 60 + Math.floor(next() * 120)) * 60_000 : Math.floor(next() * 86_400_000)),
    );
    const kind = pick(KINDS);
    insert.run(
      `c${i % 500}`,
      i,
      kind,
      at.toISOString(),
      pick(SERVICES),
      kind === 'received' ? pick(['web-form', 'email', 'phone']) : null,
      kind === 'board-decision' ? pick(['upheld', 'partly-upheld', 'not-upheld']) : null,
      kind === 'resolved' ? (next() < 0.7 ? 1 : 0) : null,
      kind === 'resolved' ? Math.floor(next() * 15) : null,
      kind === 'reimbursed' ? Math.floor(next() * 100_000) : null,
      at.toISOString(),
    );
  }
  // Late events take their facts out and put them back: some go for good.
  db.prepare('DELETE FROM report_facts WHERE revision % 7 = 0').run();
}

/** The report worked out the long way, fact by fact. */
function countedFactByFact(db: Database.Database, from: string, to: string) {
  const rows = db
    .prepare(`SELECT * FROM report_facts WHERE kind <> 'assigned' AND at >= ? AND at < ?`)
    .all(from, to) as {
    complaint_id: string;
    kind: string;
    service_id: string | null;
    channel: string | null;
    outcome: string | null;
    within_target: number | null;
    working_days: number | null;
    amount_pence: number | null;
  }[];
  const assignments = db
    .prepare(
      `SELECT complaint_id, service_id FROM report_facts WHERE kind = 'assigned' AND at < ?
       ORDER BY at, revision`,
    )
    .all(to) as { complaint_id: string; service_id: string | null }[];
  // Received counts against the service the complaint was with at the period's end, if any.
  const serviceAtEnd = new Map(assignments.map((row) => [row.complaint_id, row.service_id]));
  const by = new Map<string, number>();
  const add = (key: string, value: number) => by.set(key, (by.get(key) ?? 0) + value);
  const days: number[] = [];
  for (const row of rows) {
    const service =
      row.kind === 'received' && serviceAtEnd.has(row.complaint_id)
        ? (serviceAtEnd.get(row.complaint_id) ?? row.service_id)
        : row.service_id;
    add(`${row.kind}:${service}`, 1);
    if (row.channel) add(`channel:${row.channel}`, 1);
    if (row.outcome) add(`outcome:${row.outcome}`, 1);
    add('within', row.within_target ?? 0);
    add('pence', row.amount_pence ?? 0);
    if (row.kind === 'resolved') days.push(row.working_days!);
  }
  days.sort((a, b) => a - b);
  const middle = Math.floor(days.length / 2);
  const median =
    days.length === 0
      ? null
      : days.length % 2 === 1
        ? days[middle]
        : (days[middle - 1] + days[middle]) / 2;
  return { by, median };
}

describe('the report’s day counts', () => {
  it.each([1, 2, 3])(
    'give the same report as the facts themselves, edges and late changes included (seed %i)',
    (seed) => {
      const db = new Database(':memory:');
      createReadModelSchema(db);
      writeFacts(db, seed);
      for (const name of ['FY2024-25', 'AY2025-26', '2025-03', '2025-10', '2024-Q4']) {
        const period = parsePeriod(name);
        const report = serviceReport(db, period, [], new Date('2030-01-01T00:00:00.000Z'));
        const expected = countedFactByFact(db, period.from, period.to);
        const all = report.allServices;
        const sum = (kind: string) =>
          SERVICES.reduce(
            (total, service) => total + (expected.by.get(`${kind}:${service}`) ?? 0),
            0,
          );
        expect([all.received, all.referred, all.resolved, all.escalated]).toEqual([
          sum('received'),
          sum('referred'),
          sum('resolved'),
          sum('escalated'),
        ]);
        expect(all.resolvedWithinTarget).toBe(expected.by.get('within') ?? 0);
        expect(all.reimbursedPence).toBe(expected.by.get('pence') ?? 0);
        expect(all.medianWorkingDaysToResolve).toBe(expected.median);
        expect(all.receivedByChannel.email).toBe(expected.by.get('channel:email') ?? 0);
        expect(all.partlyUpheld).toBe(expected.by.get('outcome:partly-upheld') ?? 0);
        for (const service of SERVICES) {
          const row = report.services.find((each) => each.serviceId === service);
          expect(row?.received ?? 0).toBe(expected.by.get(`received:${service}`) ?? 0);
        }
      }
      db.close();
    },
  );

  it('are the same whether kept fact by fact or made at once after a rebuild', () => {
    const live = new Database(':memory:');
    createReadModelSchema(live);
    writeFacts(live, 4);
    const rebuilt = new Database(':memory:');
    createReadModelSchema(rebuilt, { indexes: false });
    const insert = rebuilt.prepare(
      'INSERT INTO report_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const row of live.prepare('SELECT * FROM report_facts').raw().all() as unknown[][])
      insert.run(...row);
    createReadModelIndexes(rebuilt);
    const days = (db: Database.Database) =>
      db
        .prepare(
          'SELECT * FROM report_days ORDER BY kind, day, service_id, channel, outcome, working_days',
        )
        .all();
    expect(days(rebuilt)).toEqual(days(live));
    expect(days(live).length).toBeGreaterThan(100);
    live.close();
    rebuilt.close();
  });
});

import { deterministicUuid } from '@sg/directory';
import { SqliteEventStore } from '@sg/event-store';
import { rebuildReadModels } from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ApiProcess, complaintRows, startApiProcess } from '../api-process';
import { compare, percentile, report } from '../harness';
import { READERS, writeBenchDirectory } from './bench-directory';

const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 100_000);
/** Alternating rounds of each side per page, and how long each round lasts at least. */
const ROUNDS = Number(process.env.BENCH_PAGES_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_PAGES_ROUND_MS ?? 500);
const WARM_UP_REQUESTS = 20;
/** A period the histories (April 2024 to March 2026) fill: a year of about 50,000 complaints. */
const PERIOD = 'FY2024-25';
/** Complaint pages are read in turn over this many complaints, not one kept warm. */
const COMPLAINT_IDS = Array.from({ length: 100 }, (_, i) =>
  deterministicUuid('bench-complaint', String((i * 997) % COMPLAINTS)),
);

const TARGET_P99_MS = 50;
const TARGET_RATIO = 0.5;

/** A page and the API route that answers the same data, read as the same person. */
interface Pair {
  readonly key: string;
  readonly label: string;
  readonly as: string;
  page(i: number): string;
  api(i: number): string;
}

const PAIRS: readonly Pair[] = [
  {
    key: 'serviceQueue',
    label: 'service queue',
    as: READERS.manager,
    page: () => '/service-queue',
    api: () => '/api/queues/service',
  },
  {
    key: 'complaint',
    label: 'complaint page',
    as: READERS.support,
    page: (i) => `/complaints/${COMPLAINT_IDS[i % COMPLAINT_IDS.length]}`,
    api: (i) => `/api/complaints/${COMPLAINT_IDS[i % COMPLAINT_IDS.length]}`,
  },
  {
    key: 'report',
    label: `report ${PERIOD}`,
    as: READERS.support,
    page: () => `/reports?period=${PERIOD}`,
    api: () => `/api/reports/services?period=${PERIOD}`,
  },
];

/** GET `path` as `personId` over a keep-alive connection; the status once the body is read. */
function get(port: number, agent: Agent, path: string, personId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'GET',
        path,
        agent,
        headers: { 'x-acting-person': personId },
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** One side of a pair: each request's latency kept, any answer but 200 an error. */
function side(port: number, agent: Agent, pair: Pair, which: 'page' | 'api') {
  const latencies: number[] = [];
  let i = 0;
  const run = async () => {
    const path = pair[which](i++);
    const started = performance.now();
    const status = await get(port, agent, path, pair.as);
    latencies.push(performance.now() - started);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
  };
  return { run, latencies };
}

type Measured =
  | {
      readonly pair: Pair;
      readonly missing: false;
      readonly page: { p50: number; p99: number; perSec: number };
      readonly api: { p50: number; p99: number; perSec: number };
      readonly ratio: number;
    }
  | { readonly pair: Pair; readonly missing: true; readonly status: number };

const sortedMs = (values: number[]) => [...values].sort((a, b) => a - b);

/** A pair's page against its API route, alternating rounds so both see the same noise. */
async function measure(port: number, pair: Pair): Promise<Measured> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    // A page not built yet is reported as missing, not measured (and not a crash).
    const status = await get(port, agent, pair.page(0), pair.as);
    if (status !== 200) return { pair, missing: true, status };
    const page = side(port, agent, pair, 'page');
    const api = side(port, agent, pair, 'api');
    for (let i = 0; i < WARM_UP_REQUESTS; i += 1) {
      await page.run();
      await api.run();
    }
    page.latencies.length = 0;
    api.latencies.length = 0;
    const compared = await compare({
      candidate: page.run,
      baseline: api.run,
      opsPerCall: 1,
      rounds: ROUNDS,
      minMsPerRound: ROUND_MS,
    });
    const figures = (latencies: number[], perSec: number) => {
      const sorted = sortedMs(latencies);
      return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), perSec };
    };
    return {
      pair,
      missing: false,
      page: figures(page.latencies, compared.candidate.opsPerSec),
      api: figures(api.latencies, compared.baseline.opsPerSec),
      ratio: compared.ratio,
    };
  } finally {
    agent.destroy();
  }
}

const ms = (value: number) => Number(value.toFixed(value < 10 ? 2 : 1));

/**
 * Server time to render the service queue, a complaint page and the report page over a read
 * model of 100,000 complaints (made by the domain's own commands, as the projections benchmark
 * makes them), beside the JSON API route for the same data in the same run: the built API in a
 * process of its own, one request at a time over a keep-alive loopback connection, so a request's
 * time is the server's. The ratio is pages per second over API answers per second (alternating
 * rounds, medians); the targets are a page's p99 within 50 ms and a ratio of at least 0.5. A page
 * that answers other than 200 (not built yet) is reported as missing.
 *
 * BENCH_COMPLAINTS, BENCH_PAGES_ROUNDS and BENCH_PAGES_ROUND_MS change what is measured.
 */
export async function pagesBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sg-bench-pages-'));
  const file = join(dataDir, 'events.sqlite');
  let api: ApiProcess | null = null;
  try {
    const events = Number(
      execFileSync(
        process.execPath,
        [join(__dirname, '..', 'write-complaint-store.js'), file, String(COMPLAINTS)],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      ).trim(),
    );
    const store = new SqliteEventStore({ file });
    try {
      await writeBenchDirectory(store);
      // Built here, so the API opens a read model already caught up rather than folding a
      // million events before it listens.
      await rebuildReadModels(store, dataDir, { calendar: new WorkingDayCalendar() });
    } finally {
      await store.close();
    }

    // No worker: the benchmark measures reads, and no deadline passing in the histories should
    // write while it runs. Opening 100,000 complaints' data directory takes a while.
    api = await startApiProcess(dataDir, {
      env: { WORKER_MODE: 'separate' },
      startTimeoutMs: 180_000,
    });
    const measured: Measured[] = [];
    for (const pair of PAIRS) measured.push(await measure(api.port, pair));
    await api.stop();
    const complaints = api.complaints;
    api = null;

    const missing = measured.filter((m) => m.missing).map((m) => m.pair.key);
    const rows = measured.flatMap((m): [string, string][] =>
      m.missing
        ? [[`${m.pair.label}: page`, `missing (GET ${m.pair.page(0)} answered ${m.status})`]]
        : [
            [
              `${m.pair.label}: page p50 / p99`,
              `${ms(m.page.p50)} / ${ms(m.page.p99)} ms (target p99 ≤ ${TARGET_P99_MS} ms: ${m.page.p99 <= TARGET_P99_MS ? 'met' : 'missed'})`,
            ],
            [`${m.pair.label}: JSON API p50 / p99`, `${ms(m.api.p50)} / ${ms(m.api.p99)} ms`],
            [
              `${m.pair.label}: ratio (pages / API per second)`,
              `${m.ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}: ${m.ratio >= TARGET_RATIO ? 'met' : 'missed'})`,
            ],
          ],
    );
    report(
      [
        [
          `events generated by the domain (${COMPLAINTS.toLocaleString('en-GB')} complaints)`,
          events.toLocaleString('en-GB'),
        ],
        ...rows,
        ...complaintRows(complaints),
        [
          'setup',
          `built API in its own process, embedded SQLite store, read model built beforehand, no worker; one request at a time; ${ROUNDS} alternating rounds of ≥ ${ROUND_MS} ms a side, medians`,
        ],
      ],
      {
        bench: 'pages',
        complaints: COMPLAINTS,
        events,
        ...Object.fromEntries(
          measured.flatMap((m): [string, string | number][] =>
            m.missing
              ? [[`${m.pair.key}Page`, 'missing']]
              : [
                  [`${m.pair.key}PageP50Ms`, ms(m.page.p50)],
                  [`${m.pair.key}PageP99Ms`, ms(m.page.p99)],
                  [`${m.pair.key}ApiP50Ms`, ms(m.api.p50)],
                  [`${m.pair.key}ApiP99Ms`, ms(m.api.p99)],
                  [`${m.pair.key}Ratio`, Number(m.ratio.toFixed(2))],
                ],
          ),
        ),
        missingPages: missing,
        apiComplaints: complaints.length,
      },
    );
  } finally {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

import { ComplaintRepository } from '@sg/complaint-service';
import {
  type Actor,
  type CommandOf,
  complaintStream,
  DEFAULT_POLICY,
  decide,
  formatReference,
  INITIAL_STATE,
} from '@sg/complaints';
import { Directory, DirectoryWriter, LLE_SERVICES } from '@sg/directory';
import {
  type NewEvent,
  openSqliteDatabase,
  SqliteEventStore,
  timeOrderedUuid,
} from '@sg/event-store';
import { WorkingDayCalendar } from '@sg/working-days';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ApiProcess, complaintRows, startApiProcess } from './api-process';
import { formatRate, percentile, report } from './harness';
import { cpuTicks, MS_PER_TICK } from './load/process-cpu';
import { processQuiet } from './load/process-quiet';

/** How many requests are in flight at once; BENCH_LODGING_LEVELS=50 measures one level alone. */
const LEVELS = (process.env.BENCH_LODGING_LEVELS ?? '1,10,50').split(',').map(Number);
/** Each side, each round, at each concurrency; rounds alternate the two sides. */
const ROUND_SECONDS = Number(process.env.BENCH_LODGING_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_LODGING_ROUNDS ?? 3);
const WARM_UP_SECONDS = 1;
/** Set to a folder to have the API process write a V8 CPU profile there when it stops. */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;

const SCHOOL = '119300';
const STAFF = 'head';
const BY = { id: 'bench', role: 'system' } as const;

/** What a school's web form sends: the same body as the API tests' lodgeBody(). */
const LODGE = {
  channel: 'web-form',
  schoolUrn: SCHOOL,
  serviceId: 'schools-hr',
  summary: 'Advice on a grievance came three weeks late',
  details: 'We asked for advice on 20 March and heard nothing until 10 April.',
  standards: ['listen-and-respond'],
  contact: { name: 'Jane Head', role: 'Headteacher', email: 'head@brookside.lancs.sch.uk' },
} satisfies Partial<CommandOf<'LodgeComplaint'>>;
const LODGE_BODY = JSON.stringify(LODGE);

/** A small directory, as the API tests have: the services, one school, its head, a Board. */
async function writeDirectory(file: string): Promise<Actor> {
  const store = new SqliteEventStore({ file });
  try {
    const directory = new Directory(store);
    const writer = new DirectoryWriter(directory, { actor: BY });
    await writer.services(LLE_SERVICES);
    await writer.schools([
      {
        urn: SCHOOL,
        name: 'Brookside Primary School',
        phase: 'primary',
        type: 'Community school',
        localAuthority: 'Lancashire',
        inCounty: true,
        pupils: 210,
        emails: [],
        domains: [],
      },
    ]);
    await writer.person({
      personId: STAFF,
      name: 'Jane Head',
      email: 'head@example.org',
      roles: [{ role: 'school-staff', schoolUrn: SCHOOL }],
    });
    // A Board that can make the default quorum, as the API tests have; without one the API warns.
    for (const [i, chair] of [true, false, false].entries()) {
      await writer.person({
        personId: `board-${i + 1}`,
        name: `Board member ${i + 1}`,
        email: `board-${i + 1}@example.org`,
        roles: [{ role: 'board-member', chair }],
      });
    }
    return (await directory.actor(STAFF))!;
  } finally {
    await store.close();
  }
}

/**
 * The built API with its worker in process (lodging's reactions are part of what a lodge costs),
 * and no lodging limit: the benchmark lodges thousands as one person; the limit is for people.
 */
function startApi(dataDir: string): Promise<ApiProcess> {
  return startApiProcess(dataDir, {
    env: { WORKER_MODE: 'in-process', LODGES_PER_HOUR: '1000000' },
    nodeArgs: CPU_PROFILE_DIR
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${CPU_PROFILE_DIR}`,
          '--require',
          join(__dirname, 'exit-on-sigterm.js'),
        ]
      : [],
    startTimeoutMs: 30_000,
  });
}

interface Round {
  readonly done: number;
  readonly seconds: number;
  readonly latencies: number[];
}

/** `concurrency` loops each doing `op` until `seconds` have passed; every op's latency. */
async function closedLoop(
  concurrency: number,
  seconds: number,
  op: () => Promise<void>,
): Promise<Round> {
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const before = performance.now();
        await op();
        latencies.push(performance.now() - before);
      }
    }),
  );
  return { done: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

interface Outcomes {
  created: number;
  accepted: number;
  /** Status and code of every refusal (or the network error), with how many. */
  refused: Map<string, number>;
}

/** POST /api/complaints as the school's head, over a keep-alive connection of `agent`. */
function lodge(port: number, agent: Agent, outcomes: Outcomes): Promise<void> {
  return new Promise((resolve) => {
    const refuse = (why: string) => {
      outcomes.refused.set(why, (outcomes.refused.get(why) ?? 0) + 1);
      resolve();
    };
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/complaints',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(LODGE_BODY),
          'x-acting-person': STAFF,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          if (res.statusCode === 201) outcomes.created += 1;
          else if (res.statusCode === 202) outcomes.accepted += 1;
          else {
            let code = '?';
            try {
              const answer = JSON.parse(body) as { code?: unknown };
              if (typeof answer.code === 'string') code = answer.code;
            } catch {
              // Not JSON: the status alone says it.
            }
            return refuse(`${res.statusCode} ${code}`);
          }
          resolve();
        });
        res.on('error', (error) => refuse(`network ${error.message}`));
      },
    );
    req.on('error', (error) => refuse(`network ${error.message}`));
    req.end(LODGE_BODY);
  });
}

/**
 * The baseline: what a lodge appends, straight to a SqliteEventStore: the counter's
 * ReferenceAllocated, then the complaint's ComplaintLodged and ClockStarted. The lodge's events
 * are the decider's own, prepared by the repository exactly as the API prepares them, once; each
 * append copies them under a new complaint id, event ids and reference, made as the API makes
 * them (time-ordered UUIDs).
 */
function bareAppends(store: SqliteEventStore, actor: Actor) {
  const calendar = new WorkingDayCalendar();
  const at = new Date();
  const year = at.getUTCFullYear();
  const templateId = randomUUID();
  const template = new ComplaintRepository(store).prepare(
    templateId,
    decide(
      {
        type: 'LodgeComplaint',
        complaintId: templateId,
        reference: formatReference(year, 1),
        actor,
        at: at.toISOString(),
        ...LODGE,
        relatedContractId: null,
        relatedBookingId: null,
        policy: DEFAULT_POLICY,
      },
      INITIAL_STATE,
      { calendar },
    ),
    { correlationId: randomUUID() },
  );
  if (template.map((event) => event.type).join() !== 'ComplaintLodged,ClockStarted')
    throw new Error(`a lodge appends ${template.map((event) => event.type).join()}`);
  let number = 0;
  const counter = `reference-counter-${year}`;
  return async () => {
    number += 1;
    const complaintId = timeOrderedUuid();
    const correlationId = randomUUID();
    const reference = formatReference(year, number);
    await store.appendToStream(
      counter,
      [
        {
          id: timeOrderedUuid(),
          type: 'ReferenceAllocated',
          data: { reference, number },
          metadata: { schemaVersion: 1, correlationId },
        },
      ],
      { expectedRevision: 'any' },
    );
    const events: NewEvent[] = template.map((event) => ({
      id: timeOrderedUuid(),
      type: event.type,
      data:
        event.type === 'ComplaintLodged'
          ? { ...(event.data as object), complaintId, reference }
          : event.data,
      metadata: { ...event.metadata, correlationId },
    }));
    await store.appendToStream(complaintStream(complaintId), events, {
      expectedRevision: 'no_stream',
    });
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Level {
  readonly concurrency: number;
  readonly lodgesPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly created: number;
  readonly accepted: number;
  /** Every lodge answered 201 or 202, warm-up included. */
  readonly lodged: number;
  readonly refused: Map<string, number>;
  /** The API process's CPU time per lodge; null where it cannot be read. */
  readonly apiCpuMsPerLodge: number | null;
  readonly baselinePerSec: number;
  readonly baselineP99Ms: number;
  readonly ratio: number;
}

/** What the API stored: lodges, distinct references, allocations. */
function storedLodges(file: string) {
  const { db } = openSqliteDatabase(file);
  try {
    return db
      .prepare<[], { lodged: number; references: number; allocated: number }>(
        `SELECT (SELECT COUNT(*) FROM events WHERE type = 'ComplaintLodged') AS lodged, (SELECT COUNT(DISTINCT json_extract(data, '$.reference')) FROM events WHERE type = 'ComplaintLodged') AS "references", (SELECT COUNT(*) FROM events WHERE type = 'ReferenceAllocated') AS allocated`,
      )
      .get()!;
  } finally {
    db.close();
  }
}

/**
 * Lodges per second through the real API over HTTP (the built app in a process of its own,
 * embedded SQLite store, worker in process) with 1, 10 and 50 requests in flight, against bare
 * appends of the same events to a SqliteEventStore at the same concurrency in the same run. The
 * ratio is what HTTP, validation, the directory checks, deciding, reference allocation and
 * read-your-writes (with the in-process reactions sharing the API's event loop) cost on top of
 * the writes themselves. Every refusal is counted by status and code; none is expected, and a
 * 409 (CONCURRENT_UPDATE) would mean lodges contend with one another.
 *
 * BENCH_LODGING_LEVELS, BENCH_LODGING_ROUNDS and BENCH_LODGING_SECONDS change what is measured;
 * BENCH_CPU_PROF=<folder> has the API write a V8 CPU profile there. TMPDIR chooses the disk both
 * sides write to.
 */
export async function lodgingBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sg-bench-lodging-'));
  const apiDir = join(root, 'api');
  let api: ApiProcess | null = null;
  let baselineStore: SqliteEventStore | null = null;
  try {
    const actor = await writeDirectory(join(apiDir, 'events.sqlite'));
    api = await startApi(apiDir);
    baselineStore = new SqliteEventStore({ file: join(root, 'baseline', 'events.sqlite') });
    const bare = bareAppends(baselineStore, actor);

    // Both sides once at a middling concurrency first, so no level pays for the JIT.
    const warmUpAgent = new Agent({ keepAlive: true, maxSockets: 10 });
    const warmUp: Outcomes = { created: 0, accepted: 0, refused: new Map() };
    await closedLoop(10, 2 * WARM_UP_SECONDS, () => lodge(api!.port, warmUpAgent, warmUp));
    warmUpAgent.destroy();
    await processQuiet(api.process.pid!);
    await closedLoop(10, WARM_UP_SECONDS, bare);

    const levels: Level[] = [];
    for (const concurrency of LEVELS) {
      const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
      const outcomes: Outcomes = { created: 0, accepted: 0, refused: new Map() };
      const http = () => lodge(api!.port, agent, outcomes);
      await closedLoop(concurrency, WARM_UP_SECONDS, http);
      await processQuiet(api.process.pid!);
      await closedLoop(concurrency, WARM_UP_SECONDS / 2, bare);
      const measured = { created: 0, accepted: 0, apiTicks: 0 as number | null };
      const httpRates: number[] = [];
      const bareRates: number[] = [];
      const httpLatencies: number[] = [];
      const bareLatencies: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        const created = outcomes.created;
        const accepted = outcomes.accepted;
        const ticks = cpuTicks(api.process.pid!);
        const viaHttp = await closedLoop(concurrency, ROUND_SECONDS, http);
        const ticksAfter = cpuTicks(api.process.pid!);
        measured.apiTicks =
          measured.apiTicks === null || ticks === null || ticksAfter === null
            ? null
            : measured.apiTicks + ticksAfter - ticks;
        const lodged = outcomes.created - created + (outcomes.accepted - accepted);
        measured.created += outcomes.created - created;
        measured.accepted += outcomes.accepted - accepted;
        httpRates.push(lodged / viaHttp.seconds);
        httpLatencies.push(...viaHttp.latencies);
        await processQuiet(api.process.pid!);
        const viaStore = await closedLoop(concurrency, ROUND_SECONDS, bare);
        bareRates.push(viaStore.done / viaStore.seconds);
        bareLatencies.push(...viaStore.latencies);
      }
      agent.destroy();
      httpLatencies.sort((a, b) => a - b);
      bareLatencies.sort((a, b) => a - b);
      const lodgesPerSec = median(httpRates);
      const baselinePerSec = median(bareRates);
      levels.push({
        concurrency,
        lodgesPerSec,
        p50Ms: percentile(httpLatencies, 50),
        p99Ms: percentile(httpLatencies, 99),
        created: measured.created,
        accepted: measured.accepted,
        lodged: outcomes.created + outcomes.accepted,
        refused: outcomes.refused,
        apiCpuMsPerLodge:
          measured.apiTicks === null
            ? null
            : (measured.apiTicks * MS_PER_TICK) / (measured.created + measured.accepted),
        baselinePerSec,
        baselineP99Ms: percentile(bareLatencies, 99),
        ratio: lodgesPerSec / baselinePerSec,
      });
    }

    await baselineStore.close();
    baselineStore = null;
    await api.stop();
    const complaints = api.complaints;
    api = null;
    const stored = storedLodges(join(apiDir, 'events.sqlite'));

    const count = (refused: Map<string, number>, matches: (why: string) => boolean) =>
      [...refused].reduce((sum, [why, n]) => sum + (matches(why) ? n : 0), 0);
    const forContention = (why: string) => why.startsWith('409') || why.includes('CONCURRENT');
    const refusedForContention = levels.reduce(
      (sum, level) => sum + count(level.refused, forContention),
      count(warmUp.refused, forContention),
    );
    const serverError = (why: string) => /^5\d\d /.test(why);
    const serverErrors = levels.reduce(
      (sum, level) => sum + count(level.refused, serverError),
      count(warmUp.refused, serverError),
    );
    const refused = levels.reduce(
      (sum, level) => sum + count(level.refused, () => true),
      count(warmUp.refused, () => true),
    );
    const lodged = levels.reduce(
      (sum, level) => sum + level.lodged,
      warmUp.created + warmUp.accepted,
    );
    const fmt = (ms: number) => ms.toFixed(ms < 10 ? 2 : 1);
    const at = (concurrency: number) => levels.find((level) => level.concurrency === concurrency);

    report(
      [
        ...levels.flatMap((level): [string, string][] => [
          [
            `concurrency ${level.concurrency}: lodges over HTTP`,
            `${formatRate(level.lodgesPerSec)} (p50 ${fmt(level.p50Ms)} ms, p99 ${fmt(level.p99Ms)} ms; ${level.accepted} of them 202)`,
          ],
          [
            `concurrency ${level.concurrency}: API CPU time per lodge`,
            level.apiCpuMsPerLodge === null
              ? 'not measured (no /proc)'
              : `${level.apiCpuMsPerLodge.toFixed(2)} ms of ${(1000 / level.lodgesPerSec).toFixed(2)} ms between lodges`,
          ],
          [
            `concurrency ${level.concurrency}: bare appends of a lodge's events`,
            `${formatRate(level.baselinePerSec)} (p99 ${fmt(level.baselineP99Ms)} ms)`,
          ],
          [`concurrency ${level.concurrency}: ratio`, level.ratio.toFixed(2)],
          [
            `concurrency ${level.concurrency}: refused`,
            level.refused.size === 0
              ? '0'
              : [...level.refused].map(([why, n]) => `${n} × ${why}`).join(', '),
          ],
        ]),
        [
          'refused in all, warm-ups included',
          `${refused} (for contention, 409 or CONCURRENT_UPDATE: ${refusedForContention}; 5xx: ${serverErrors})`,
        ],
        [
          'stored by the API',
          `${stored.lodged} lodges, ${stored.references} distinct references, ${stored.allocated} allocations; ${lodged} answered 201 or 202 (warm-up included)`,
        ],
        ...complaintRows(complaints),
        [
          'setup',
          `built API in its own process, embedded SQLite store, worker in process; ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s a side per concurrency, medians`,
        ],
      ],
      {
        bench: 'lodging',
        ...Object.fromEntries(
          levels.flatMap((level) => [
            [`lodgesPerSecAt${level.concurrency}`, Math.round(level.lodgesPerSec)],
            [`baselinePerSecAt${level.concurrency}`, Math.round(level.baselinePerSec)],
            [`ratioAt${level.concurrency}`, Number(level.ratio.toFixed(2))],
            [`p50MsAt${level.concurrency}`, Number(fmt(level.p50Ms))],
            [`p99MsAt${level.concurrency}`, Number(fmt(level.p99Ms))],
            [`acceptedAt${level.concurrency}`, level.accepted],
            [
              `apiCpuMsPerLodgeAt${level.concurrency}`,
              level.apiCpuMsPerLodge === null ? null : Number(level.apiCpuMsPerLodge.toFixed(2)),
            ],
          ]),
        ),
        ratioAt50: at(50) ? Number(at(50)!.ratio.toFixed(2)) : null,
        refused,
        refusedForContention,
        serverErrors,
        lodgesStored: stored.lodged,
        lodgesAnswered: lodged,
        distinctReferences: stored.references,
      },
    );
  } finally {
    await baselineStore?.close();
    await api?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

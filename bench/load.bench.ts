import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiProcess, startApiProcess } from './api-process';
import { monotonicUs, selfTimeOf } from './load/cpu-profile-modules';
import { fire, type LoadTarget, type Shot } from './load/fire';
import { type HelloWorldProcess, startHelloWorld } from './load/hello-world-process';
import { findKnee, type Knee, type KneeOptions } from './load/knee';
import { reportLoad } from './load/load-report';
import { maxThroughput } from './load/max-throughput';
import { processQuiet } from './load/process-quiet';
import { complaintRequests, helloWorldRequests, serviceQueueRequests } from './load/read-requests';
import { seedComplaints } from './load/seed-complaints';
import { noWriteOutcomes, type WriteOutcomes, writeMixRequests } from './load/write-mix';

/** Complaints lodged through the API before anything is measured, in every state. */
const COMPLAINTS = Number(process.env.BENCH_LOAD_COMPLAINTS ?? 300);
/** Connections autocannon keeps open, for every target alike (autocannon's default). */
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 10);
/** How long each fixed rate is held. */
const STEP_SECONDS = Number(process.env.BENCH_LOAD_STEP_SECONDS ?? 4);
/** Unthrottled rounds of each read beside the hello world, alternating, and their length. */
const ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_LOAD_ROUND_SECONDS ?? 3);
/** What is loaded besides the hello world: BENCH_LOAD_TARGETS=serviceQueue profiles one read. */
const ENGINE_TARGETS = new Set(
  (process.env.BENCH_LOAD_TARGETS ?? 'serviceQueue,complaint,writeMix').split(','),
);
/** Set to a folder to have the API process write a V8 CPU profile there when it stops. */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF;

const WARM_UP_SECONDS = 2;
/** The first fixed rate, as a share of what the target answers unthrottled. */
const START_SHARE = 0.25;
const KNEE: Omit<KneeOptions, 'startRate'> = {
  factor: 1.5,
  maxSteps: 12,
  p99LimitMs: 100,
  heldShare: 0.95,
};
const TARGET_RATIO = 0.5;

/**
 * The built API (embedded mode: SQLite, worker in process) over a fresh data directory with the
 * demo county, and no lodging limit: the mix has every head lodge more an hour than a person
 * may; the limit is for people.
 */
function startApi(dataDir: string): Promise<ApiProcess> {
  return startApiProcess(dataDir, {
    env: { DEMO_DATA: 'load-if-empty', WORKER_MODE: 'in-process', LODGES_PER_HOUR: '1000000' },
    nodeArgs: CPU_PROFILE_DIR
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${CPU_PROFILE_DIR}`,
          '--require',
          join(__dirname, 'exit-on-sigterm.js'),
        ]
      : [],
    startTimeoutMs: 60_000,
  });
}

/** The newest CPU profile in `folder`. */
function newestProfile(folder: string): string | null {
  const names = readdirSync(folder)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort();
  return names.length > 0 ? join(folder, names[names.length - 1]) : null;
}

/**
 * The engine under load over HTTP: the built API in a process of its own (embedded SQLite, worker
 * in process, the demo county, a few hundred complaints lodged and worked through the API first),
 * loaded by autocannon from this process. Beside it, in the same run and loaded the same way
 * (connections, durations), a NestJS "hello world" on platform-express in a process of its own.
 *
 * First the reads (the queued service's queue as its manager, one complaint after another as
 * Business Support) and the hello world as fast as they answer, in alternating rounds: a read's
 * median over the hello world's is its ratio, target ≥ 0.5. Then each, and the write mix (lodge,
 * refer, record contact, propose a resolution, one complaint after another on each connection),
 * at fixed rates raised ×1.5 a step from a quarter of that until p99 passes 100 ms, an answer is
 * not 2xx, or the rate is not held: the knee is the last rate held within them.
 *
 * BENCH_LOAD_COMPLAINTS, BENCH_LOAD_CONNECTIONS, BENCH_LOAD_STEP_SECONDS, BENCH_LOAD_ROUNDS,
 * BENCH_LOAD_ROUND_SECONDS and BENCH_LOAD_TARGETS (serviceQueue, complaint, writeMix) change what
 * is measured; BENCH_CPU_PROF=<folder> has the API write a V8 CPU profile there, of which the
 * report sums the reads' part by module and by function.
 */
export async function loadBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sg-bench-load-'));
  let api: ApiProcess | null = null;
  let hello: HelloWorldProcess | null = null;
  try {
    api = await startApi(join(root, 'api'));
    hello = await startHelloWorld();
    const apiPid = api.process.pid!;
    const helloPid = hello.process.pid!;
    const seeded = await seedComplaints(api.port, COMPLAINTS);
    await processQuiet(apiPid);

    const helloWorld: LoadTarget = {
      key: 'helloWorld',
      label: 'NestJS hello world',
      port: hello.port,
      pid: helloPid,
      requests: helloWorldRequests,
    };
    const reads = [
      {
        key: 'serviceQueue',
        label: 'service queue',
        port: api.port,
        pid: apiPid,
        requests: serviceQueueRequests,
      },
      {
        key: 'complaint',
        label: 'one complaint',
        port: api.port,
        pid: apiPid,
        requests: complaintRequests(seeded.complaintIds),
      },
    ].filter((target) => ENGINE_TARGETS.has(target.key));
    const settle = (target: LoadTarget) => processQuiet(target.pid);
    const kneeOf = async (target: LoadTarget, unthrottledRate: number) => ({
      target,
      knee: await findKnee(
        (overallRate) =>
          fire(target, { connections: CONNECTIONS, seconds: STEP_SECONDS, overallRate }),
        () => settle(target),
        { ...KNEE, startRate: unthrottledRate * START_SHARE },
      ),
    });

    const readsFromUs = monotonicUs();
    for (const target of [helloWorld, ...reads]) {
      await fire(target, { connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
      await settle(target);
    }
    const unthrottled = await maxThroughput(
      [helloWorld, ...reads],
      { connections: CONNECTIONS, seconds: ROUND_SECONDS, rounds: ROUNDS },
      settle,
    );
    const knees: { target: LoadTarget; knee: Knee }[] = [];
    for (const { target, rate } of unthrottled) knees.push(await kneeOf(target, rate));
    const readsToUs = monotonicUs();

    let writeOutcomes: WriteOutcomes | null = null;
    let writesUnthrottled: Shot | null = null;
    if (ENGINE_TARGETS.has('writeMix')) {
      writeOutcomes = noWriteOutcomes();
      const writeMix: LoadTarget = {
        key: 'writeMix',
        label: 'write mix',
        port: api.port,
        pid: apiPid,
        requests: writeMixRequests(writeOutcomes),
      };
      // Unthrottled once: the warm-up, and where the steps start from.
      writesUnthrottled = await fire(writeMix, {
        connections: CONNECTIONS,
        seconds: ROUND_SECONDS,
      });
      await settle(writeMix);
      knees.push(await kneeOf(writeMix, writesUnthrottled.achievedRate));
    }

    await hello.stop();
    hello = null;
    // Requests still in flight when the API is told to stop are refused as it closes its store.
    await processQuiet(apiPid);
    await api.stop();
    const apiComplaints = api.complaints;
    api = null;
    const profileFile = CPU_PROFILE_DIR ? newestProfile(CPU_PROFILE_DIR) : null;

    reportLoad({
      seeded,
      unthrottled,
      writesUnthrottled,
      knees,
      writeOutcomes,
      apiComplaints,
      profile: profileFile
        ? selfTimeOf(profileFile, { fromUs: readsFromUs, toUs: readsToUs })
        : null,
      settings: {
        connections: CONNECTIONS,
        rounds: ROUNDS,
        roundSeconds: ROUND_SECONDS,
        stepSeconds: STEP_SECONDS,
        startShare: START_SHARE,
        knee: KNEE,
        targetRatio: TARGET_RATIO,
      },
    });
  } finally {
    await hello?.stop();
    await api?.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

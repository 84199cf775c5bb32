import autocannon from 'autocannon';
import { cpuTicks, MS_PER_TICK } from './process-cpu';

/** Something to load: a server's port and the requests each connection sends in turn. */
export interface LoadTarget {
  readonly key: string;
  readonly label: string;
  readonly port: number;
  /** The process serving `port`, whose CPU time each load measures. */
  readonly pid: number;
  /** Built for each run: a sequence may count what it is answered. */
  readonly requests: () => autocannon.Request[];
}

/** What one load saw. */
export interface Shot {
  /** The rate asked for; null when unthrottled. */
  readonly askedRate: number | null;
  /** 2xx answers per second over the run. */
  readonly achievedRate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly non2xx: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  /**
   * CPU time the server used per answer, in µs: what an answer costs it whatever else the
   * machine runs, where the rate also says how much of the CPU it got. Null without /proc.
   */
  readonly serverCpuUsPerAnswer: number | null;
}

export interface FireOptions {
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second from all connections together; left out, as fast as answered. */
  readonly overallRate?: number;
}

/** autocannon's merging of runs made with skipAggregateResult, which its types leave out. */
const aggregateResult = (
  autocannon as unknown as {
    aggregateResult(
      this: void,
      results: autocannon.Result[],
      options: autocannon.Options,
    ): autocannon.Result;
  }
).aggregateResult;

const answeredPerSec = (result: autocannon.Result) => result['2xx'] / result.duration;

const shotOf = (
  result: autocannon.Result,
  askedRate: number | null,
  cpuTicksUsed: number | null,
  achievedRate = answeredPerSec(result),
): Shot => ({
  askedRate,
  achievedRate,
  serverCpuUsPerAnswer:
    cpuTicksUsed === null
      ? null
      : (cpuTicksUsed * MS_PER_TICK * 1000) / Math.max(1, result['2xx'] + result.non2xx),
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  maxMs: result.latency.max,
  non2xx: result.non2xx,
  errors: result.errors,
});

/**
 * Loads `target` with autocannon for `seconds`, unthrottled over `connections`, or at
 * `overallRate`. autocannon's own rate limit lets every connection send its share of a second's
 * requests the moment each second starts, all connections at once, so a rate far below what the
 * server holds would still queue `connections` requests behind each other once a second. Here
 * each connection is an autocannon run of its own, started a fraction of a second after the last,
 * so the second's requests come in as many small bursts spread over it; their latencies are
 * merged. They are as measured, not "corrected": autocannon corrects for coordinated omission
 * with an expected interval of ceil(1 / rate), the rate per second, which is 1 ms whatever the
 * rate, so every answer of n ms would add n made-up samples. A rate the server cannot hold shows
 * as an achieved rate short of the one asked.
 */
export async function fire(target: LoadTarget, options: FireOptions): Promise<Shot> {
  const base: autocannon.Options = {
    url: `http://127.0.0.1:${target.port}`,
    connections: options.connections,
    duration: options.seconds,
  };
  const ticksBefore = cpuTicks(target.pid);
  const ticksUsed = () => {
    const ticksAfter = cpuTicks(target.pid);
    return ticksBefore === null || ticksAfter === null ? null : ticksAfter - ticksBefore;
  };
  if (options.overallRate === undefined) {
    const result = await autocannon({ ...base, requests: target.requests() });
    return shotOf(result, null, ticksUsed());
  }
  const rate = Math.max(1, Math.round(options.overallRate));
  const runs = Math.min(options.connections, rate);
  const results = await Promise.all(
    Array.from({ length: runs }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * 1000) / runs));
      return autocannon({
        ...base,
        connections: 1,
        overallRate: Math.floor(rate / runs) + (i < rate % runs ? 1 : 0),
        ignoreCoordinatedOmission: true,
        skipAggregateResult: true,
        requests: target.requests(),
      });
    }),
  );
  // Summed run by run: a run ends at the first whole second after its duration, so runs started
  // apart may last a second more or less than one another, and the merged result has only one's.
  return shotOf(
    aggregateResult(results, { ...base, connections: runs }),
    rate,
    ticksUsed(),
    results.reduce((sum, result) => sum + answeredPerSec(result), 0),
  );
}

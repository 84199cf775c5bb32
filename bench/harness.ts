import { performance } from 'node:perf_hooks';

export interface Measured {
  readonly opsPerSec: number;
}

type Work = () => void | Promise<void>;

/** Operations per second of `run`, which performs `opsPerCall` operations each call. */
async function timeRound(run: Work, opsPerCall: number, minMs: number): Promise<number> {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    await run();
    calls += 1;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (calls * opsPerCall * 1000) / elapsed;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Measures a candidate against a baseline in the same run, alternating rounds so that both see the
 * same machine noise, and reports the median of each. Absolute figures are not comparable across
 * runs on shared machines; the ratio is.
 */
export async function compare(options: {
  candidate: Work;
  baseline: Work;
  opsPerCall: number;
  rounds?: number;
  minMsPerRound?: number;
}): Promise<{ candidate: Measured; baseline: Measured; ratio: number }> {
  const { candidate, baseline, opsPerCall, rounds = 7, minMsPerRound = 250 } = options;
  await candidate();
  await baseline();
  const candidateRounds: number[] = [];
  const baselineRounds: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    candidateRounds.push(await timeRound(candidate, opsPerCall, minMsPerRound));
    baselineRounds.push(await timeRound(baseline, opsPerCall, minMsPerRound));
  }
  const c = median(candidateRounds);
  const b = median(baselineRounds);
  return { candidate: { opsPerSec: c }, baseline: { opsPerSec: b }, ratio: c / b };
}

/** Prints a human table, then the figures as one JSON object on the very last line. */
export function report(rows: [string, string][], figures: Record<string, unknown>): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) process.stdout.write(`${label.padEnd(width)}  ${value}\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** The value at percentile `p` (0–100) of values sorted ascending. */
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export const formatRate = (opsPerSec: number) =>
  `${Math.round(opsPerSec).toLocaleString('en-GB')} /s`;

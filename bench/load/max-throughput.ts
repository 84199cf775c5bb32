import { fire, type FireOptions, type LoadTarget, type Shot } from './fire';

export interface MaxThroughput {
  readonly target: LoadTarget;
  /** The median round's achieved rate. */
  readonly rate: number;
  /** The round with that rate. */
  readonly median: Shot;
  /** The median of the rounds' server CPU time per answer, in µs; null without /proc. */
  readonly cpuUsPerAnswer: number | null;
  readonly rounds: readonly Shot[];
}

/**
 * Each target as fast as it answers, in alternating rounds so that all of them see the same
 * machine noise; the median round of each. `settle` runs after every round.
 */
export async function maxThroughput(
  targets: readonly LoadTarget[],
  options: Omit<FireOptions, 'overallRate'> & { readonly rounds: number },
  settle: (target: LoadTarget) => Promise<void>,
): Promise<MaxThroughput[]> {
  const rounds = targets.map((): Shot[] => []);
  for (let round = 0; round < options.rounds; round += 1)
    for (const [i, target] of targets.entries()) {
      rounds[i].push(await fire(target, options));
      await settle(target);
    }
  const middle = <T>(sorted: T[]) => sorted[Math.floor(sorted.length / 2)];
  return targets.map((target, i) => {
    const median = middle([...rounds[i]].sort((a, b) => a.achievedRate - b.achievedRate));
    const cpu = rounds[i].map((shot) => shot.serverCpuUsPerAnswer);
    return {
      target,
      rate: median.achievedRate,
      median,
      cpuUsPerAnswer: cpu.includes(null) ? null : middle((cpu as number[]).sort((a, b) => a - b)),
      rounds: rounds[i],
    };
  });
}

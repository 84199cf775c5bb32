import { type Shot } from './fire';

export interface KneeOptions {
  readonly startRate: number;
  /** Each step asks this much more than the last. */
  readonly factor: number;
  readonly maxSteps: number;
  readonly p99LimitMs: number;
  /** A step whose achieved rate falls below this share of the rate asked was not held. */
  readonly heldShare: number;
}

export interface Knee {
  readonly steps: readonly Shot[];
  /** The last rate asked that was held within the limit; null when the first step was not. */
  readonly rate: number | null;
  /** Why the first step past the knee failed; null when every step passed. */
  readonly passedBecause: string | null;
}

/** Why a step at a fixed rate is past the knee, or null when it is within it. */
export function pastTheKnee(shot: Shot, options: KneeOptions): string | null {
  const asked = shot.askedRate ?? 0;
  if (shot.errors > 0) return `${shot.errors} connection errors at ${asked} /s`;
  if (shot.non2xx > 0) return `${shot.non2xx} non-2xx answers at ${asked} /s`;
  if (shot.p99Ms > options.p99LimitMs)
    return `p99 ${shot.p99Ms} ms > ${options.p99LimitMs} ms at ${asked} /s`;
  if (shot.achievedRate < options.heldShare * asked)
    return `${Math.round(shot.achievedRate)} /s answered of ${asked} /s asked`;
  return null;
}

/**
 * Raises the rate step by step from `startRate` until a step is past the knee (p99 over the
 * limit, an error, a non-2xx answer, or the rate not held) or `maxSteps` have passed. `settle`
 * runs between steps, so that one step's backlog does not fall into the next.
 */
export async function findKnee(
  fireAt: (rate: number) => Promise<Shot>,
  settle: () => Promise<void>,
  options: KneeOptions,
): Promise<Knee> {
  const steps: Shot[] = [];
  let rate = Math.max(1, Math.round(options.startRate));
  let held: number | null = null;
  for (let step = 0; step < options.maxSteps; step += 1) {
    const shot = await fireAt(rate);
    steps.push(shot);
    const why = pastTheKnee(shot, options);
    if (why) return { steps, rate: held, passedBecause: why };
    held = rate;
    rate = Math.max(rate + 1, Math.round(rate * options.factor));
    await settle();
  }
  return { steps, rate: held, passedBecause: null };
}

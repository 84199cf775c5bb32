import { cpuTicks } from './process-cpu';

/**
 * Waits (at most `maxMs`) until process `pid` has used next to no CPU for two tenths of a second
 * running, so what one load left it (in-process reactions, a queue of requests) does not run into
 * the next. Without /proc it waits a second.
 */
export async function processQuiet(pid: number, maxMs = 10_000): Promise<void> {
  const until = Date.now() + maxMs;
  let quiet = 0;
  let last = cpuTicks(pid);
  if (last === null) return new Promise((resolve) => setTimeout(resolve, 1000));
  while (quiet < 2 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now: number = cpuTicks(pid) ?? last;
    quiet = now - last <= 1 ? quiet + 1 : 0;
    last = now;
  }
}

import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile this reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string };
  }[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/**
 * A span of the monotonic clock, in microseconds: the clock V8 stamps profiles with and
 * process.hrtime reads, the same for every process on the machine.
 */
export interface Window {
  readonly fromUs: number;
  readonly toUs: number;
}

export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  /** Of all sampled time but idle. */
  readonly share: number;
}

/**
 * What a script belongs to: an npm package, one of the engine's libraries (@sg/...), a folder of
 * an app, a part of Node, or V8's own bucket ((garbage collector), (program), (idle)).
 */
export function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const inPackage = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (inPackage) return inPackage[1];
  const library = /\/libs\/([^/]+)\/src\//.exec(path);
  if (library) return `@sg/${library[1]}`;
  const app = /\/apps\/([^/]+)\/src\/(?:([^/]+)\/)?/.exec(path);
  if (app) return `apps/${app[1]}${app[2] ? `/${app[2]}` : ''}`;
  const node = /^node:((?:internal\/)?[^/]+)/.exec(path);
  if (node) return `node:${node[1]}`;
  return path;
}

const descending = (totals: Map<string, number>, all: number): SelfTime[] =>
  [...totals]
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / all }))
    .sort((a, b) => b.ms - a.ms);

/**
 * Self time (where the CPU was, not what called it) in a V8 CPU profile, within `window`, summed
 * by module (see `moduleOf`) and by function, largest first; shares are of the time not idle.
 */
export function selfTimeOf(
  file: string,
  window: Window,
): { modules: SelfTime[]; functions: SelfTime[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at < window.fromUs || at > window.toUs) return;
    const frame = nodes.get(id)!;
    // A sample lasts until the next one: the next sample's delta.
    const us = profile.timeDeltas[i + 1] ?? 0;
    const module = moduleOf(frame.url, frame.functionName);
    if (module === '(idle)') return;
    busy += us;
    byModule.set(module, (byModule.get(module) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} [${module}]`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  });
  return { modules: descending(byModule, busy), functions: descending(byFunction, busy) };
}

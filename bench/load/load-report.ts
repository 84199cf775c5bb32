import { complaintRows } from '../api-process';
import { formatRate, report } from '../harness';
import { type SelfTime } from './cpu-profile-modules';
import { type LoadTarget, type Shot } from './fire';
import { type Knee, type KneeOptions } from './knee';
import { type MaxThroughput } from './max-throughput';
import { type Seeded } from './seed-complaints';
import { WRITES, type WriteOutcomes } from './write-mix';

/** Everything one run of the load benchmark measured, and how. */
export interface LoadFigures {
  readonly seeded: Seeded;
  /** The hello world first, then the engine's reads. */
  readonly unthrottled: readonly MaxThroughput[];
  readonly writesUnthrottled: Shot | null;
  readonly knees: readonly { readonly target: LoadTarget; readonly knee: Knee }[];
  readonly writeOutcomes: WriteOutcomes | null;
  readonly apiComplaints: readonly string[];
  readonly profile: { readonly modules: SelfTime[]; readonly functions: SelfTime[] } | null;
  readonly settings: {
    readonly connections: number;
    readonly rounds: number;
    readonly roundSeconds: number;
    readonly stepSeconds: number;
    readonly startShare: number;
    readonly knee: Omit<KneeOptions, 'startRate'>;
    readonly targetRatio: number;
  };
}

const latencies = (shot: Shot) =>
  `p50 ${shot.p50Ms} ms, p99 ${shot.p99Ms} ms, max ${shot.maxMs} ms`;
const round2 = (value: number) => Number(value.toFixed(2));
const atKnee = (knee: Knee) => knee.steps.find((shot) => shot.askedRate === knee.rate) ?? null;
const shares = (times: readonly SelfTime[]) =>
  times
    .slice(0, 12)
    .map((time) => `${time.name} ${(time.share * 100).toFixed(1)}%`)
    .join(', ');

/** Prints the load benchmark's table, then its figures as one JSON line. */
export function reportLoad(figures: LoadFigures): void {
  const { seeded, unthrottled, writesUnthrottled, knees, writeOutcomes, profile, settings } =
    figures;
  const [hello, ...reads] = unthrottled;
  const ratioOf = (m: MaxThroughput) => m.rate / hello.rate;
  /** The same ratio from what an answer costs the server in CPU, which noise moves less. */
  const cpuRatioOf = (m: MaxThroughput) =>
    m.cpuUsPerAnswer === null || hello.cpuUsPerAnswer === null
      ? null
      : hello.cpuUsPerAnswer / m.cpuUsPerAnswer;
  const cpu = (us: number | null) =>
    us === null ? 'not measured (no /proc)' : `${Math.round(us)} µs`;
  const helloKnee = knees.find(({ target }) => target.key === hello.target.key)!.knee;
  const met = (ratio: number) =>
    `target ≥ ${settings.targetRatio}: ${ratio >= settings.targetRatio ? 'met' : 'missed'}`;
  const refusals = writeOutcomes ? [...writeOutcomes.refusals] : [];
  const rows: [string, string][] = [
    [
      'seeded through the API',
      `${seeded.complaintIds.length} complaints (${Object.entries(seeded.byFate)
        .map(([fate, n]) => `${n} ${fate}`)
        .join(', ')}), ${seeded.requests} requests in ${seeded.seconds.toFixed(1)} s`,
    ],
    ...unthrottled.map((m): [string, string] => [
      `${m.target.label}: unthrottled`,
      `${formatRate(m.rate)} (median of ${m.rounds.length}: ${m.rounds.map((shot) => Math.round(shot.achievedRate)).join(', ')}; ${latencies(m.median)}); server CPU ${cpu(m.cpuUsPerAnswer)} an answer`,
    ]),
    ...reads.flatMap((m): [string, string][] => {
      const byCpu = cpuRatioOf(m);
      return [
        [
          `${m.target.label}: ratio to the hello world`,
          `${ratioOf(m).toFixed(2)} (${met(ratioOf(m))})`,
        ],
        [
          `${m.target.label}: the same by CPU an answer`,
          byCpu === null ? 'not measured' : `${byCpu.toFixed(2)} (${met(byCpu)})`,
        ],
      ];
    }),
    ...(writesUnthrottled
      ? [
          [
            'write mix: unthrottled',
            `${formatRate(writesUnthrottled.achievedRate)} (one round; ${latencies(writesUnthrottled)}); server CPU ${cpu(writesUnthrottled.serverCpuUsPerAnswer)} an answer`,
          ] as [string, string],
        ]
      : []),
    ...knees.map(({ target, knee }): [string, string] => {
      const shot = atKnee(knee);
      return [
        `${target.label}: knee`,
        `${knee.rate === null ? 'none' : formatRate(knee.rate)}${shot ? ` (${latencies(shot)})` : ''}; past it: ${knee.passedBecause ?? `not reached in ${settings.knee.maxSteps} steps`}`,
      ];
    }),
    ...knees
      .filter(({ target }) => target.key !== hello.target.key)
      .map(({ target, knee }): [string, string] => [
        `${target.label}: knee over the hello world's`,
        knee.rate === null || helloKnee.rate === null
          ? 'none'
          : (knee.rate / helloKnee.rate).toFixed(2),
      ]),
    ...knees.map(({ target, knee }): [string, string] => [
      `${target.label}: steps, asked→answered /s`,
      knee.steps
        .map(
          (shot) =>
            `${shot.askedRate}→${Math.round(shot.achievedRate)} (p99 ${shot.p99Ms} ms${shot.non2xx + shot.errors > 0 ? `, ${shot.non2xx} non-2xx, ${shot.errors} errors` : ''})`,
        )
        .join(', '),
    ]),
    ...(writeOutcomes
      ? [
          [
            'write mix: answers by write',
            WRITES.map(
              (write) =>
                `${write} ${Object.entries(writeOutcomes.statuses[write])
                  .map(([status, n]) => `${n}×${status}`)
                  .join(' ')}`,
            ).join('; '),
          ] as [string, string],
          [
            'write mix: refusals',
            refusals.length === 0 ? '0' : refusals.map(([why, n]) => `${n} × ${why}`).join(', '),
          ] as [string, string],
        ]
      : []),
    ...complaintRows(figures.apiComplaints),
    ...(profile
      ? [
          ['API CPU profile of the reads: self time by module', shares(profile.modules)] as [
            string,
            string,
          ],
          ['API CPU profile of the reads: top functions', shares(profile.functions)] as [
            string,
            string,
          ],
        ]
      : []),
    [
      'setup',
      `built API in its own process (embedded SQLite, worker in process, demo county) and the hello world in another; autocannon in this process, ${settings.connections} connections; unthrottled: ${settings.rounds} alternating rounds of ${settings.roundSeconds} s, medians; knee: ${settings.stepSeconds} s a step, ×${settings.knee.factor} from ${settings.startShare} of unthrottled, until p99 > ${settings.knee.p99LimitMs} ms, a non-2xx or error, or under ${settings.knee.heldShare * 100}% of the rate answered`,
    ],
  ];
  report(rows, {
    bench: 'load',
    complaints: seeded.complaintIds.length,
    connections: settings.connections,
    ...Object.fromEntries(
      unthrottled.flatMap((m) => [
        [`${m.target.key}MaxPerSec`, Math.round(m.rate)],
        [`${m.target.key}MaxP99Ms`, m.median.p99Ms],
        [
          `${m.target.key}CpuUsPerAnswer`,
          m.cpuUsPerAnswer === null ? null : Math.round(m.cpuUsPerAnswer),
        ],
      ]),
    ),
    ...Object.fromEntries(
      reads.flatMap((m) => {
        const byCpu = cpuRatioOf(m);
        return [
          [`${m.target.key}Ratio`, round2(ratioOf(m))],
          [`${m.target.key}CpuRatio`, byCpu === null ? null : round2(byCpu)],
        ];
      }),
    ),
    ...(writesUnthrottled ? { writeMixMaxPerSec: Math.round(writesUnthrottled.achievedRate) } : {}),
    ...Object.fromEntries(
      knees.flatMap(({ target, knee }) => [
        [`${target.key}KneePerSec`, knee.rate],
        [`${target.key}KneeP99Ms`, atKnee(knee)?.p99Ms ?? null],
      ]),
    ),
    writeRefusals: refusals.reduce((sum, [, n]) => sum + n, 0),
    apiComplaints: figures.apiComplaints.length,
    ...(profile
      ? {
          profileModules: Object.fromEntries(
            profile.modules.slice(0, 12).map((m) => [m.name, round2(m.share)]),
          ),
        }
      : {}),
  });
}

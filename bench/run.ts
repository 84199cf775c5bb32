import { runMain } from '@sg/config';
import { deadlinesBench } from './deadlines.bench';
import { eventStoreBench } from './event-store.bench';
import { loadBench } from './load.bench';
import { lodgingBench } from './lodging.bench';
import { mailIntakeBench } from './mail-intake.bench';
import { pagesBench } from './pages/pages.bench';
import { projectionsBench } from './projections.bench';
import { workingDaysBench } from './working-days.bench';

const benchmarks: Record<string, () => void | Promise<void>> = {
  deadlines: deadlinesBench,
  'event-store': eventStoreBench,
  load: loadBench,
  lodging: lodgingBench,
  'mail-intake': mailIntakeBench,
  pages: pagesBench,
  projections: projectionsBench,
  'working-days': workingDaysBench,
};

async function main(name: string | undefined): Promise<number> {
  const bench = name === undefined ? undefined : benchmarks[name];
  if (!bench) {
    process.stderr.write(
      `Usage: npm run bench -- <name>\nBenchmarks: ${Object.keys(benchmarks).join(', ')}\n`,
    );
    return 2;
  }
  await bench();
  return 0;
}

runMain(() => main(process.argv[2]));

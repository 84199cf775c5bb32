import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { repositoryRoot } from '../support/run-built';
import { copiesOf, dockerfileStages, type Stage } from './dockerfile-stages';
import { RUNTIME_PATHS } from './runtime-contents';

const stages = dockerfileStages(readFileSync(join(repositoryRoot, 'Dockerfile'), 'utf8'));
const runtime = stages[stages.length - 1];
const scripts = (
  JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

const argsOf = (stage: Stage, keyword: string) =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword).map((i) => i.args);

const stageNamed = (name: string) => stages.find((stage) => stage.name === name);

/** The stage's working folder: its own last WORKDIR, else the one of the stage it starts from. */
function workdirOf(stage: Stage): string {
  const own = argsOf(stage, 'WORKDIR').pop();
  if (own !== undefined) return own;
  const base = stageNamed(stage.base);
  return base ? workdirOf(base) : '/';
}

/** Each path a stage's COPY lines put in the image, relative to the stage's WORKDIR, and whence. */
function copiedInto(stage: Stage) {
  const workdir = workdirOf(stage);
  return copiesOf(stage).flatMap(({ from, sources, destination }) =>
    sources.map((source) => {
      const target = /\/$|^\.$/.test(destination)
        ? posix.join(destination, posix.basename(source))
        : destination;
      return { path: posix.relative(workdir, posix.resolve(workdir, target)), from, source };
    }),
  );
}

describe("the Dockerfile's runtime stage", () => {
  it('copies exactly what the production install test runs from, and the installed node_modules', () => {
    expect(
      copiedInto(runtime)
        .map(({ path }) => path)
        .sort(),
    ).toEqual([...RUNTIME_PATHS, 'node_modules'].sort());
  });

  it('takes each path from the same path in the build context or in an earlier stage', () => {
    for (const { path, from, source } of copiedInto(runtime)) {
      if (from === undefined) {
        expect({ path, source }).toEqual({ path, source: path });
      } else {
        const stage = stageNamed(from);
        expect({ path, from, found: stage !== undefined }).toEqual({ path, from, found: true });
        expect({ path, source }).toEqual({ path, source: posix.join(workdirOf(stage!), path) });
      }
    }
  });

  it('takes node_modules from a stage that runs the production install the test runs', () => {
    const nodeModules = copiedInto(runtime).find(({ path }) => path === 'node_modules');
    const installing = stageNamed(nodeModules?.from ?? '');
    expect(installing && argsOf(installing, 'RUN').join('\n')).toMatch(
      /\bnpm run install:production\b/,
    );
    expect(scripts['install:production']).toMatch(/^npm ci --omit=dev --ignore-scripts\b/);
  });

  it('runs the entry point npm run start:prod runs, as a user other than root', () => {
    const entry = /\bdist\/\S+\.js\b/.exec(scripts['start:prod'])?.[0];
    expect(entry).toBe('dist/apps/api/src/main.js');
    expect(JSON.parse(argsOf(runtime, 'CMD').pop() ?? '[]')).toEqual(['node', entry]);
    const user = argsOf(runtime, 'USER').pop();
    expect(user).toBeDefined();
    expect(user!.split(':')[0]).not.toMatch(/^(root|0)$/);
  });

  it("checks the container's health at the API's /health", () => {
    expect(argsOf(runtime, 'HEALTHCHECK').join('\n')).toMatch(/\/health'/);
  });
});

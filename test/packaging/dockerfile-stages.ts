/** One instruction of a Dockerfile, its continuation lines joined: `COPY a b`, `RUN …`. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** A build stage: from `FROM base AS name` to the next FROM. */
export interface Stage {
  readonly name: string | undefined;
  readonly base: string;
  readonly instructions: readonly Instruction[];
}

/** A COPY: where it takes from (a stage, or the build context when undefined), what, and where. */
export interface Copy {
  readonly from: string | undefined;
  readonly sources: readonly string[];
  readonly destination: string;
}

/** The stages of a Dockerfile, in order. Comments and parser directives are dropped. */
export function dockerfileStages(text: string): Stage[] {
  const logicalLines: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    const continued = /\\\s*$/.test(line);
    pending += `${line.replace(/\\\s*$/, '')} `;
    if (continued) continue;
    if (pending.trim() !== '') logicalLines.push(pending.trim().replace(/\s+/g, ' '));
    pending = '';
  }
  if (pending.trim() !== '') logicalLines.push(pending.trim());

  const stages: { name: string | undefined; base: string; instructions: Instruction[] }[] = [];
  for (const line of logicalLines) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (keyword.toUpperCase() === 'FROM') {
      const words = args.split(' ').filter((word) => !word.startsWith('--'));
      const as = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({ base: words[0], name: as >= 0 ? words[as + 1] : undefined, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** The COPY instructions of a stage, in the shell form this repository's Dockerfile uses. */
export function copiesOf(stage: Stage): Copy[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'COPY')
    .map((instruction) => {
      const words = instruction.args.split(' ');
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((word) => !word.startsWith('--'));
      return { from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
    });
}

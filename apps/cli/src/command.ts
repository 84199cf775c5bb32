export interface CommandContext {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (line: string) => void;
}

export interface Command {
  readonly usage: string;
  /** Resolves with the exit status when it is not 0 (the work was not done, and stderr says why). */
  run(args: string[], context: CommandContext): Promise<number | void> | number | void;
}

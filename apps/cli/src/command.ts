export interface CommandContext {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (line: string) => void;
}

export interface Command {
  readonly name: string;
  readonly usage: string;
  run(args: string[], context: CommandContext): Promise<void> | void;
}

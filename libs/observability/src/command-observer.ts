/** How a command ended: it recorded events (or a retry was answered with them), changed nothing, was refused, lost a race, or failed. */
export type CommandOutcome = 'recorded' | 'unchanged' | 'refused' | 'conflict' | 'failed';

export interface ObservedCommand {
  /** The command's type, e.g. `LodgeComplaint`. */
  readonly type: string;
  readonly outcome: CommandOutcome;
  /** The correlation id the command carries into its events. */
  readonly correlationId: string;
  readonly seconds: number;
}

/** Told of every command the complaint command handler has finished with. */
export interface CommandObserver {
  observe(command: ObservedCommand): void;
}

export const COMMAND_OBSERVER = Symbol('CommandObserver');

import { type CommandObserver, type ObservedCommand } from './command-observer';

/** Several observers told of each command in turn; one that throws does not stop the others. */
export class CommandObservers implements CommandObserver {
  constructor(private readonly observers: readonly CommandObserver[]) {}

  observe(command: ObservedCommand): void {
    for (const observer of this.observers) {
      try {
        observer.observe(command);
      } catch {
        // Counting and logging must never fail a command that has already been recorded.
      }
    }
  }
}

import { type CommandObserver, type ObservedCommand } from './command-observer';
import { currentLogContext } from './log-context';

/**
 * Puts the correlation id of a request's first command on the request's log lines, when the caller
 * sent none: the pages make their own, and the request line should name the one in the events.
 */
export class CorrelationInLogs implements CommandObserver {
  observe(command: ObservedCommand): void {
    const context = currentLogContext();
    if (context) context.correlationId ??= command.correlationId;
  }
}

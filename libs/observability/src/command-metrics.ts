import { Counter, Histogram, type Registry } from 'prom-client';
import { type CommandObserver, type ObservedCommand } from './command-observer';
import { registered } from './registered';

/** `sg_commands_total{type,outcome}` and `sg_command_duration_seconds{type}`. */
export class CommandMetrics implements CommandObserver {
  private readonly count: Counter<'type' | 'outcome'>;
  private readonly duration: Histogram<'type'>;

  constructor(registry: Registry) {
    this.count = registered(
      registry,
      'sg_commands_total',
      (name) =>
        new Counter({
          name,
          help: 'Complaint commands handled, by command type and outcome (recorded, unchanged, refused, conflict, failed)',
          labelNames: ['type', 'outcome'],
          registers: [registry],
        }),
    );
    this.duration = registered(
      registry,
      'sg_command_duration_seconds',
      (name) =>
        new Histogram({
          name,
          help: 'Time to load, decide and append a complaint command, by command type',
          labelNames: ['type'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
          registers: [registry],
        }),
    );
  }

  observe(command: ObservedCommand): void {
    this.count.inc({ type: command.type, outcome: command.outcome });
    this.duration.observe({ type: command.type }, command.seconds);
  }
}

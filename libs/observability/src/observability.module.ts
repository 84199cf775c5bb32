import { type DynamicModule, Module } from '@nestjs/common';
import { type Registry } from 'prom-client';
import { COMMAND_OBSERVER } from './command-observer';
import { CommandMetrics } from './command-metrics';
import { CommandObservers } from './command-observers';
import { CorrelationInLogs } from './correlation-in-logs';
import { createMetricsRegistry, METRICS_REGISTRY } from './metrics-registry';
import { READINESS, Readiness } from './readiness';

/**
 * The process's metrics registry and readiness, and the observer the command handler tells of each
 * command: everywhere, so each part adds what it knows. An entry point passes the registry and
 * readiness it serves before Nest has started; without them (the tests) each application gets its
 * own.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(
    options: { readonly registry?: Registry; readonly readiness?: Readiness } = {},
  ): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      providers: [
        {
          provide: METRICS_REGISTRY,
          useFactory: () => options.registry ?? createMetricsRegistry(),
        },
        { provide: READINESS, useFactory: () => options.readiness ?? new Readiness() },
        {
          provide: COMMAND_OBSERVER,
          inject: [METRICS_REGISTRY],
          useFactory: (registry: Registry) =>
            new CommandObservers([new CommandMetrics(registry), new CorrelationInLogs()]),
        },
      ],
      exports: [METRICS_REGISTRY, READINESS, COMMAND_OBSERVER],
    };
  }
}

import { collectDefaultMetrics, Registry } from 'prom-client';

export const METRICS_REGISTRY = Symbol('MetricsRegistry');

/**
 * A registry of the process's own rather than prom-client's global one, so that several
 * applications in one process (the tests) each count their own. `processMetrics` adds Node's
 * (CPU, memory, event loop lag, garbage collection): once per process, in its entry point.
 */
export function createMetricsRegistry(
  options: { readonly processMetrics?: boolean } = {},
): Registry {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

import { type Metric, type Registry } from 'prom-client';

/**
 * The metric of that name in the registry, made by `create` the first time: two parts of one
 * process that count the same thing (the API and the worker it embeds) share one metric.
 */
export function registered<M extends Metric>(
  registry: Registry,
  name: string,
  create: (name: string) => M,
): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create(name);
}

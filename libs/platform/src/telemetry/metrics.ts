import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

// Prometheus metrics of the process, served by its /metrics endpoint (ARCHITECTURE.md "Observability").

/** The process's one registry, with Node's default process metrics (CPU, memory, event loop, GC). */
export const metrics = new Registry();
collectDefaultMetrics({ register: metrics });

/** Content-Type of `metricsText()`, for the /metrics response. */
export const metricsContentType: string = metrics.contentType;

/** The exposition text of every registered metric. */
export function metricsText(): Promise<string> {
  return metrics.metrics();
}

// Modules that declare a metric may be instantiated more than once in a process (Nest testing
// modules, several apps in one test): the same name gives back the metric already registered.
function existing<M>(name: string, type: abstract new (...args: never[]) => M): M | undefined {
  const metric = metrics.getSingleMetric(name);
  if (metric === undefined) return undefined;
  if (metric instanceof type) return metric;
  throw new Error(`Metric ${name} is already registered with another type`);
}

export function counter<L extends string = string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
): Counter<L> {
  return existing<Counter<L>>(name, Counter) ?? new Counter<L>({ name, help, labelNames, registers: [metrics] });
}

/** Buckets default to prom-client's (seconds, 5 ms to 10 s), which suit request durations. */
export function histogram<L extends string = string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
  buckets?: number[],
): Histogram<L> {
  return (
    existing<Histogram<L>>(name, Histogram) ??
    new Histogram<L>({ name, help, labelNames, registers: [metrics], ...(buckets ? { buckets } : {}) })
  );
}

// Loaded before the app with `node --import <dist>/libs/platform/src/telemetry/register.js`, so the
// instrumentation is in place before the app's modules load (ARCHITECTURE.md "Observability").
//
// OTEL_SERVICE_NAME: service.name of every span.
// OTEL_EXPORTER_OTLP_ENDPOINT: OTLP/HTTP (JSON) collector base URL. Unset: spans are still created,
//   so log lines carry trace ids, but nothing is exported.
// OTEL_SDK_DISABLED=true: no SDK and no instrumentation; the API stays a no-op.
//
// The SDK, its exporter and the instrumentations are imported only when they are used: a process with telemetry
// off does not carry them in memory.
import { register } from 'node:module';
import type { NodeSDK, NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import { loadConfig, otelEnv } from '../config/index.js';

type SpanProcessor = NonNullable<NodeSDKConfiguration['spanProcessors']>[number];

// Keeps the tracer provider (and so real span and trace ids) when nothing is exported: the SDK
// registers no provider at all without a span processor.
const dropSpans: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

// Liveness/readiness probes and Prometheus scrapes: frequent, and noise in traces.
const probePath = /^\/(healthz?|readyz?|livez?|metrics)(\/|\?|$)/;

// How long a signal waits for the last spans to be exported before the process goes on exiting.
const shutdownGraceMs = 2_000;

const config = loadConfig(otelEnv);

let sdk: NodeSDK | undefined;

if (!config.OTEL_SDK_DISABLED) {
  const [{ W3CTraceContextPropagator }, { HttpInstrumentation }, { PgInstrumentation }, { NodeSDK }] =
    await Promise.all([
      import('@opentelemetry/core'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-pg'),
      import('@opentelemetry/sdk-node'),
    ]);
  const exporter = config.OTEL_EXPORTER_OTLP_ENDPOINT
    ? new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter()
    : undefined;

  // pg and http are CommonJS: require-in-the-middle patches them when they are required, but an ESM
  // `import` of them bypasses require, so the ESM loader hook intercepts those imports too. It is
  // limited to the instrumented modules so that no other package passes through it.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, {
    data: { include: ['pg', 'pg-pool', 'http', 'https'] },
  });
  sdk = new NodeSDK({
    serviceName: config.OTEL_SERVICE_NAME,
    textMapPropagator: new W3CTraceContextPropagator(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => probePath.test(request.url ?? ''),
      }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
    ...(exporter ? { traceExporter: exporter } : { spanProcessors: [dropSpans] }),
    // Metrics are Prometheus (prom-client) and logs are pino on stdout: no OTLP for either.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // Another listener (the app's shutdown hooks) owns the exit; alone, we re-raise the signal
      // after flushing so the process ends as it would have without us.
      const exitAfter = process.listenerCount(signal) === 0;
      void shutdownTelemetry().finally(() => {
        if (exitAfter) process.kill(process.pid, signal);
      });
    });
  }
}

/** Exports the spans still buffered and stops the SDK; bounded, and never rejects. */
export async function shutdownTelemetry(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  if (!running) return;
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, shutdownGraceMs);
    timer.unref();
  });
  await Promise.race([running.shutdown().catch(() => undefined), grace]);
  clearTimeout(timer);
}

import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

// For benchmarks: an open-loop load at a steady rate, as users arrive, independent of how fast answers come. Each
// request is due at a fixed time (start + i / rate) and its latency counts from then, so a slow answer that delays
// the next requests is charged to them too (no coordinated omission). autocannon's overallRate sends each
// connection's share in a burst at the start of every second, which measures the burst, not the rate.
// The load runs in a worker thread of its own: a benchmark process holding a large synthetic tenant collects its
// garbage in pauses that would otherwise delay the requests and count as the platform's latency.

export type OpenLoopOptions = {
  /** http://host:port */
  url: string;
  /** Requests per second. */
  rate: number;
  seconds: number;
  /** The paths to request, taken in turn. */
  paths: readonly string[];
  headers?: Record<string, string>;
  /** Sockets at most (further requests wait for one, and the wait counts). */
  connections?: number;
};

export type OpenLoopResult = {
  requests: number;
  failed: number;
  /** Requests per second answered. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
};

const KIND = 'kinerja-open-loop';

export function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { kind: KIND, options } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: OpenLoopResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`open-loop worker exited with ${code}`)));
  });
}

async function run(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections ?? 50 });
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  const one = (due: number, path: string) =>
    new Promise<void>((resolve) => {
      const done = (ok: boolean) => {
        if (!ok) failed += 1;
        latencies.push(performance.now() - due);
        resolve();
      };
      const request = http.get(`${options.url}${path}`, { agent, headers: options.headers }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => done(response.statusCode === 200));
      });
      request.on('error', () => done(false));
    });
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(one(due, options.paths[i % options.paths.length] ?? '/'));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0);
  return {
    requests: total,
    failed,
    rps: total / elapsed,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: Math.round(latencies[latencies.length - 1] ?? 0),
  };
}

const data = workerData as { kind?: string; options?: OpenLoopOptions } | null;
if (!isMainThread && data?.kind === KIND && data.options) parentPort?.postMessage(await run(data.options));

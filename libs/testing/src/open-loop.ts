import http from 'node:http';

// For benchmarks: an open-loop load at a steady rate, as users arrive, independent of how fast answers come. Each
// request is due at a fixed time (start + i / rate) and its latency counts from then, so a slow answer that delays
// the next requests is charged to them too (no coordinated omission). autocannon's overallRate sends each
// connection's share in a burst at the start of every second, which measures the burst, not the rate.

export type OpenLoopOptions = {
  /** http://host:port */
  url: string;
  /** Requests per second. */
  rate: number;
  seconds: number;
  path: () => string;
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

export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections ?? 50 });
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  const one = (due: number) =>
    new Promise<void>((resolve) => {
      const request = http.get(`${options.url}${options.path()}`, { agent, headers: options.headers }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => {
          if (response.statusCode !== 200) failed += 1;
          latencies.push(performance.now() - due);
          resolve();
        });
      });
      request.on('error', () => {
        failed += 1;
        latencies.push(performance.now() - due);
        resolve();
      });
    });
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(one(due));
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

import { describe, expect, it } from '@jest/globals';
import { counter, histogram, metricsContentType, metricsText } from './index.js';

// Names carry a random suffix: the registry is one per process, as in production.
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

describe('metrics', () => {
  it('exposes a counter with its labels in the Prometheus text', async () => {
    const name = unique('kinerja_test_events_total');
    const events = counter(name, 'Events handled.', ['outcome']);

    events.inc({ outcome: 'ok' });
    events.inc({ outcome: 'ok' });
    events.inc({ outcome: 'dlq' });

    const text = await metricsText();
    expect(text).toContain(`# HELP ${name} Events handled.`);
    expect(text).toContain(`${name}{outcome="ok"} 2`);
    expect(text).toContain(`${name}{outcome="dlq"} 1`);
  });

  it('exposes a histogram with the buckets it was given', async () => {
    const name = unique('kinerja_test_duration_seconds');
    histogram(name, 'Handling time.', ['subject'], [0.1, 1]).observe({ subject: 'rpc.identity.me.get' }, 0.5);

    const text = await metricsText();
    expect(text).toContain(`${name}_bucket{le="0.1",subject="rpc.identity.me.get"} 0`);
    expect(text).toContain(`${name}_bucket{le="1",subject="rpc.identity.me.get"} 1`);
    expect(text).toContain(`${name}_count{subject="rpc.identity.me.get"} 1`);
  });

  it('gives back the registered metric when a name is declared again', () => {
    const name = unique('kinerja_test_twice_total');

    expect(counter(name, 'Declared twice.')).toBe(counter(name, 'Declared twice.'));
    expect(() => histogram(name, 'Same name, other type.')).toThrow(/already registered/);
  });

  it('includes the default process metrics', async () => {
    const text = await metricsText();

    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('names the Prometheus text content type', () => {
    expect(metricsContentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

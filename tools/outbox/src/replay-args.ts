import { parseArgs } from 'node:util';
import { databaseEnv, loadConfig, type Env } from '@kinerja/platform/config';
import { rolesOf } from '@kinerja/platform/database';
import type { ReplayOptions } from '@kinerja/platform/messaging';

export const usage = `Usage: DB_URL=postgres://kinerja_<service>_app@host/kinerja_<service> \\
  outbox-replay --service <service> --from <ISO 8601 instant> [--to <ISO 8601 instant, default now>]

Marks the published outbox events created in [from, to) unpublished again; the service's running relay
publishes them again with the same message ids, and consumers skip what they already applied.`;

export class UsageError extends Error {}

// Offsets are required: a bare local time would mean different instants on different machines.
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(name: string, value: string): Date {
  if (!instant.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`--${name} must be an ISO 8601 instant with an offset, e.g. 2026-01-05T08:00:00+07:00`);
  }
  return new Date(value);
}

export function parseReplayArgs(argv: string[], env: Env, now: Date = new Date()): ReplayOptions {
  let values: { service?: string; from?: string; to?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { service: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (!values.service) throw new UsageError('--service is required');
  try {
    rolesOf(values.service.replaceAll('-', '_'));
  } catch {
    throw new UsageError(`--service is not a service name: ${values.service}`);
  }
  if (!values.from) throw new UsageError('--from is required');
  const from = parseInstant('from', values.from);
  const to = values.to ? parseInstant('to', values.to) : now;
  if (!(from < to)) throw new UsageError('--from must be before --to');
  const { DB_URL } = loadConfig(databaseEnv.pick({ DB_URL: true }), env);
  return { url: DB_URL, service: values.service, from, to };
}

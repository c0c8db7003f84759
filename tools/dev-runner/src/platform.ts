import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { appUrl, migrate, provisionDatabase, withDatabase } from '@kinerja/platform/database';
import { ensureNats, ensurePostgres, freePort, type Started } from '@kinerja/platform/dev-infra';
import { DEV_ADMIN_CLIENT_SECRET } from '@kinerja/testing';
import { services, type ServiceSpec } from './services.js';

// Starts the whole platform from the compiled tree (dist/): infrastructure, migrations, the dev identity
// provider, every service and the gateway, as separate processes (or all services in one process).

export const repoRoot = path.resolve(import.meta.dirname, '../../..').replace(/\/dist$/, '');
const dist = path.join(repoRoot, 'dist');

export type PlatformOptions = {
  dataDir: string;
  gatewayPort?: number;
  idpPort?: number;
  singleProcess?: boolean;
  /** Extra environment for every process (e.g. OTEL_EXPORTER_OTLP_ENDPOINT in tests). */
  env?: Record<string, string>;
  /** Receives every line the processes print, tagged with the process name. */
  onLine?: (name: string, line: string) => void;
  /** Appended to every database name, so a test run does not share the developer's databases. */
  databaseSuffix?: string;
  /** Further trusted token issuers (tests add a local one to mint expired or odd tokens). */
  extraIssuers?: string[];
};

export type Platform = {
  gatewayUrl: string;
  issuer: string;
  databaseAdminUrl: string;
  natsUrl: string;
  databases: string[];
  processes: Map<string, ChildProcess>;
  stop(): Promise<void>;
};

export { DEV_ADMIN_CLIENT_SECRET };

export function nodeArgs(main: string, telemetry = true): string[] {
  return [
    // Source-mapped stack traces cost memory and time on every process; opt in when debugging.
    ...(process.env.KINERJA_SOURCE_MAPS === '1' ? ['--enable-source-maps'] : []),
    // No allocation-site pretenuring (decision 0017): V8 took the row objects of a page of query results for
    // long-lived and allocated them in the old generation, where, dead but not yet collected, they kept the page's
    // young strings alive through every scavenge: 10–20 ms pauses several times a second under load.
    '--no-allocation-site-pretenuring',
    // Extra Node flags for every process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` when profiling (a later flag
    // wins).
    ...(process.env.KINERJA_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
    // `@kinerja/*` resolve through dist/node_modules, which the build links (decision 0013): no resolve hook.
    ...(telemetry ? ['--import', path.join(dist, 'libs/platform/src/telemetry/register.js')] : []),
    path.join(dist, main),
  ];
}

function launch(
  name: string,
  args: string[],
  env: Record<string, string>,
  onLine: PlatformOptions['onLine'],
): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    // Two malloc arenas instead of one per thread: 10–40 MB less resident memory per process, no measurable CPU
    // cost (decision 0013); an explicit MALLOC_ARENA_MAX wins.
    env: { MALLOC_ARENA_MAX: '2', ...process.env, OTEL_SERVICE_NAME: `kinerja-${name}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine?.(name, line);
    });
  }
  return child;
}

async function waitFor(url: string, child: ChildProcess, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s`);
}

export async function stopProcess(child: ChildProcess, graceMs = 8_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const log = (line: string) => options.onLine?.('runner', line);
  await mkdir(options.dataDir, { recursive: true });
  const started: Started[] = [];
  const processes = new Map<string, ChildProcess>();
  const stop = async () => {
    for (const child of [...processes.values()].reverse()) await stopProcess(child);
    for (const infra of started.reverse()) await infra.stop();
  };
  try {
    const pg = await ensurePostgres({
      url: process.env.DB_ADMIN_URL,
      dataDir: path.join(options.dataDir, 'postgres'),
      log,
    });
    started.push(pg);
    const nats = await ensureNats({ url: process.env.NATS_URL, storeDir: path.join(options.dataDir, 'nats'), log });
    started.push(nats);
    log(
      `PostgreSQL: ${pg.startedHere ? 'started here' : 'found'}; NATS: ${nats.startedHere ? 'started here' : 'found'}`,
    );

    const databaseOf = (spec: ServiceSpec) => `${spec.database}${options.databaseSuffix ?? ''}`;
    for (const spec of services) {
      const database = databaseOf(spec);
      await provisionDatabase({ adminUrl: pg.url, service: spec.name, database });
      const applied = await migrate({
        adminUrl: withDatabase(pg.url, database),
        service: spec.name,
        migrations: await spec.migrations(),
      });
      if (applied.length > 0) log(`${spec.name}: applied ${applied.join(', ')}`);
    }

    const idpPort = options.idpPort ?? (await freePort());
    const issuer = `http://127.0.0.1:${idpPort}/realms/kinerja`;
    const idp = launch(
      'dev-idp',
      nodeArgs('tools/dev-idp/src/main.js', false),
      {
        DEV_IDP_PORT: String(idpPort),
        DEV_IDP_HOST: '127.0.0.1',
        DEV_IDP_PUBLIC_URL: `http://127.0.0.1:${idpPort}`,
        DEV_IDP_DATA_DIR: path.join(options.dataDir, 'idp'),
        ...options.env,
      },
      options.onLine,
    );
    processes.set('dev-idp', idp);
    await waitFor(`${issuer}/.well-known/openid-configuration`, idp, 'dev-idp');

    const common = {
      NATS_URL: nats.url,
      OIDC_ISSUERS: [issuer, ...(options.extraIssuers ?? [])].join(','),
      ...options.env,
    };
    const serviceEnv = async (spec: ServiceSpec) => ({
      ...common,
      DB_URL: appUrl(pg.url, spec.name, databaseOf(spec)),
      HTTP_PORT: String(await freePort()),
      IDP_ADMIN_CLIENT_SECRET: DEV_ADMIN_CLIENT_SECRET,
    });
    if (options.singleProcess) {
      const env: Record<string, string> = {};
      for (const spec of services) {
        for (const [k, v] of Object.entries(await serviceEnv(spec))) env[`${spec.envPrefix}${k}`] = v;
      }
      const args = [
        ...nodeArgs('tools/dev-runner/src/all-in-one.js'),
        ...services.map((s) => `${s.envPrefix}=${path.join(dist, s.main)}`),
      ];
      const child = launch('services', args, { ...common, ...env }, options.onLine);
      processes.set('services', child);
      for (const spec of services)
        await waitFor(`http://127.0.0.1:${env[`${spec.envPrefix}HTTP_PORT`]}/health/ready`, child, spec.name);
    } else {
      for (const spec of services) {
        const env = await serviceEnv(spec);
        const child = launch(spec.name, nodeArgs(spec.main), env, options.onLine);
        processes.set(spec.name, child);
        await waitFor(`http://127.0.0.1:${env.HTTP_PORT}/health/ready`, child, spec.name);
      }
    }

    const gatewayPort = options.gatewayPort ?? (await freePort());
    const gateway = launch(
      'gateway',
      nodeArgs('services/gateway/src/main.js'),
      { ...common, HTTP_PORT: String(gatewayPort), HTTP_HOST: '127.0.0.1' },
      options.onLine,
    );
    processes.set('gateway', gateway);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    await waitFor(`${gatewayUrl}/health/ready`, gateway, 'gateway');
    return {
      gatewayUrl,
      issuer,
      databaseAdminUrl: pg.url,
      natsUrl: nats.url,
      databases: services.map(databaseOf),
      processes,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

// For benchmarks: CPU time of the processes taking part in a run, from /proc/<pid>/stat (utime + stime, in clock ticks), so that
// figures stay comparable on a loaded machine: CPU milliseconds per request do not depend on what else runs.

const TICK_MS = 10; // CLK_TCK is 100 on Linux

/** User + system CPU of a process so far, in ms (0 when it is gone). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count from the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** The process whose command line contains every one of `parts` (e.g. the nats-server on a port). */
export function findPid(...parts: string[]): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline[0]?.endsWith('sh')) continue;
      if (parts.every((p) => cmdline.some((arg) => arg.includes(p)))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** PostgreSQL backends serving one database (they run on this machine too). */
export async function backendPids(adminUrl: string, database: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
      database,
    ]);
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

export type CpuSnapshot = Map<string, Map<number, number>>;

/** CPU so far of named groups of processes; a group's pids may change between snapshots (new backends). */
export function snapshot(groups: Record<string, number[]>): CpuSnapshot {
  return new Map(Object.entries(groups).map(([name, pids]) => [name, new Map(pids.map((p) => [p, cpuMs(p)]))]));
}

/** CPU ms spent by each group between two snapshots (a pid only in `after` counts from zero). */
export function spent(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, pids] of after) {
    let total = 0;
    for (const [pid, ms] of pids) total += Math.max(0, ms - (before.get(name)?.get(pid) ?? 0));
    result[name] = total;
  }
  return result;
}

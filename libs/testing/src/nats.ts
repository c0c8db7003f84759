import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { canConnectTcp, ensureNats, freePort } from '@kinerja/platform/dev-infra';

// Real NATS for tests: the shared server (NATS_URL, else loopback, else one started for this run), and private
// servers a test may stop and restart on the same store dir to prove that nothing is lost.

const repoRoot = path.resolve(import.meta.dirname, '../../..');
let natsUrlPromise: Promise<string> | undefined;

export function testNatsUrl(): Promise<string> {
  natsUrlPromise ??= ensureNats({
    url: process.env.NATS_URL,
    storeDir: path.join(repoRoot, '.dev', 'test-nats'),
  }).then((started) => started.url);
  return natsUrlPromise;
}

/** A name no other test (or helper sharing the servers) uses: lowercase, valid as a subject token and SQL identifier. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export type PrivateNats = {
  url: string;
  port: number;
  storeDir: string;
  running(): boolean;
  /** Starts the server again on the same port and store dir (streams and consumers survive). */
  start(): Promise<void>;
  /** Stops the server (SIGTERM: JetStream flushes its store). */
  stop(): Promise<void>;
  /** Stops the server and deletes its store dir. */
  dispose(): Promise<void>;
};

// The server runs under a small shell that stops it when the test process that started it is gone, however that
// process ended (a killed test run included), and passes SIGTERM on so stop() still lets JetStream flush.
const WATCHDOG = `"$@" & server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server; exit 0' TERM INT
while kill -0 $PPID 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1 & wait $!; done
kill -TERM $server 2>/dev/null; wait $server`;

export async function startPrivateNats(): Promise<PrivateNats> {
  const port = await freePort();
  const storeDir = await mkdtemp(path.join(os.tmpdir(), 'kinerja-nats-'));
  let child: ChildProcess | undefined;

  const start = async () => {
    if (child) return;
    const spawned = spawn(
      'sh',
      ['-c', WATCHDOG, 'sh', 'nats-server', '-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir],
      { stdio: 'ignore' },
    );
    child = spawned;
    const failed = new Promise<never>((_, reject) => {
      spawned.once('error', reject);
      spawned.once('exit', (code) => {
        if (child === spawned) child = undefined;
        reject(new Error(`private nats-server exited with ${code} (is nats-server on the PATH?)`));
      });
    });
    failed.catch(() => undefined);
    const ready = (async () => {
      for (let i = 0; i < 100; i++) {
        if (await canConnectTcp('127.0.0.1', port, 200)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`private nats-server did not listen on ${port} within 10 s`);
    })();
    await Promise.race([ready, failed]);
  };

  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
    child = undefined;
  };

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    running: () => child !== undefined,
    start,
    stop,
    dispose: async () => {
      await stop();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

/** Repeats an assertion until it passes or the time is up (then its last failure is thrown). */
export async function eventually(
  assertion: () => Promise<void> | void,
  timeoutMs = 15_000,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
